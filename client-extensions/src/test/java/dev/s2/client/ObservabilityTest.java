package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the client tells about its calls: response listeners (status, headers, request id) and its
 * debug log.
 */
class ObservabilityTest {
  private final TestServer server = new TestServer();
  private final List<ResponseInfo> seen = new CopyOnWriteArrayList<>();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger jul = Logger.getLogger(CallLog.LOGGER);
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          lines.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Level previous;

  @BeforeEach
  void captureTheLog() {
    previous = jul.getLevel();
    jul.setLevel(Level.FINE);
    jul.addHandler(capture);
  }

  @AfterEach
  void tearDown() {
    jul.removeHandler(capture);
    jul.setLevel(previous);
    server.close();
  }

  @Test
  void everyAttemptIsReportedWithItsStatusHeadersAndRequestIdAndTheRetryDecisionIsLogged() {
    server.enqueue(
        new MockResponse.Builder()
            .code(503)
            .addHeader("x-request-id", "req-1")
            .addHeader("Content-Type", "application/json")
            .addHeader("x-echo", "Bearer " + TestServer.TOKEN)
            .body(Json.error("unavailable", "busy"))
            .build());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("x-request-id", "req-2")
            .addHeader("Content-Type", "application/json")
            .body(Json.page(false, "a"))
            .build());
    List<ResponseInfo> perCall = new ArrayList<>();
    try (S2Client client = server.clientBuilder().onResponse(seen::add).build()) {
      Page<dev.s2.model.AccessTokenInfo> page =
          client
              .accessTokens()
              .list(
                  ListAccessTokensParams.all(),
                  RequestOptions.builder().onResponse(perCall::add).build());
      assertThat(page.items()).hasSize(1);
    }

    assertThat(seen).hasSize(2);
    assertThat(perCall).containsExactlyElementsOf(seen);
    ResponseInfo first = seen.get(0);
    assertThat(first.request()).isEqualTo("GET /v1/access-tokens");
    assertThat(first.attempt()).isEqualTo(1);
    assertThat(first.status()).isEqualTo(503);
    assertThat(first.requestId()).contains("req-1");
    assertThat(first.header("X-Echo")).contains("Bearer ****");
    assertThat(first.toString()).doesNotContain(TestServer.TOKEN);
    assertThat(seen.get(1).attempt()).isEqualTo(2);
    assertThat(seen.get(1).status()).isEqualTo(200);
    assertThat(seen.get(1).requestId()).contains("req-2");

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).matches("FINE GET /v1/access-tokens attempt 1/3: 503 in \\d+ ms");
    assertThat(lines.get(1))
        .matches(
            "FINE GET /v1/access-tokens failed: 503 unavailable: busy \\(attempt 1\\);"
                + " retrying in \\d+ ms");
    assertThat(lines.get(2)).matches("FINE GET /v1/access-tokens attempt 2/3: 200 in \\d+ ms");
    assertThat(String.join("\n", lines)).doesNotContain(TestServer.TOKEN);
  }

  @Test
  void aFinalFailureLogsWhyItIsNotRetriedAndAFailingListenerDoesNotBreakTheCall() {
    server.enqueue(400, Json.error("bad_query", "no"));
    try (S2Client client =
        server
            .clientBuilder()
            .onResponse(
                info -> {
                  throw new IllegalStateException("listener bug");
                })
            .build()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.accessTokens().list())
          .isInstanceOf(BadRequestException.class);
    }
    assertThat(lines)
        .anyMatch(
            l ->
                l.equals(
                    "FINE GET /v1/access-tokens failed: 400 bad_query: no (attempt 1);"
                        + " not retried: not retryable"));
    assertThat(lines)
        .anyMatch(l -> l.startsWith("WARNING a ResponseListener failed on GET /v1/access-tokens"));
  }

  @Test
  void theLogIsSilentUnlessItsLevelIsOn() {
    jul.setLevel(Level.INFO);
    server.enqueue(200, Json.page(false, "a"));
    try (S2Client client = server.clientBuilder().build()) {
      client.accessTokens().list();
    }
    assertThat(lines).isEmpty();
  }
}
