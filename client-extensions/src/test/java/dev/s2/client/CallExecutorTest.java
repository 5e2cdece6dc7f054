package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.s2.model.AccessTokenInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries, backoff, server-requested delays and the classification of failures, through a real HTTP
 * stack.
 */
class CallExecutorTest {
  private final TestServer server = new TestServer();
  private S2Client client = server.client();

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  @Test
  void retriesRetryableStatusesWithBackoffThenReturnsTheResult() {
    server.enqueue(503, Json.error("unavailable", "busy"));
    server.enqueue(500, Json.error("storage", "oops"));
    server.enqueue(200, Json.page(false, "a"));

    Page<AccessTokenInfo> page = client.accessTokens().list();

    assertThat(page.items()).extracting(AccessTokenInfo::id).containsExactly("a");
    assertThat(server.requestCount()).isEqualTo(3);
    // base 100 ms then 200 ms, plus jitter fixed at 0.5 of the base
    assertThat(server.sleeps).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300));
  }

  @Test
  void givesUpAfterTheRetryBudgetWithTheNumberOfAttempts() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(502, Json.error("hot_server", "try later"));
    }

    ServerErrorException e =
        catchThrowableOfType(ServerErrorException.class, () -> client.accessTokens().list());

    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e)
        .hasMessage("GET /v1/access-tokens failed: 502 hot_server: try later (after 3 attempts)");
    assertThat(server.requestCount()).isEqualTo(3);
    assertThat(server.sleeps).hasSize(2);
  }

  @Test
  void eachRetryableStatusIsRetried() {
    for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
      server.enqueue(status, Json.error("x", "y"));
      server.enqueue(200, Json.page(false));
      client.accessTokens().list();
    }
    assertThat(server.requestCount()).isEqualTo(12);
  }

  @Test
  void doesNotRetryAClientError() {
    server.enqueue(400, Json.error("bad_query", "limit"));

    assertThatThrownBy(() -> client.accessTokens().list()).isInstanceOf(BadRequestException.class);
    assertThat(server.requestCount()).isEqualTo(1);
    assertThat(server.sleeps).isEmpty();
  }

  @Test
  void honoursRetryAfterMsAndRetryAfterSeconds() {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("retry-after-ms", "1234")
            .body(Json.error("rate_limited", "slow"))
            .build());
    server.enqueue(
        new MockResponse.Builder()
            .code(503)
            .addHeader("Retry-After", "2")
            .body(Json.error("unavailable", "busy"))
            .build());
    server.enqueue(200, Json.page(false));

    client.accessTokens().list();

    assertThat(server.sleeps).containsExactly(Duration.ofMillis(1234), Duration.ofSeconds(2));
  }

  @Test
  void capsAServerRequestedDelay() {
    client.close();
    client =
        server
            .clientBuilder()
            .retryPolicy(RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(3)).build())
            .build();
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "3600")
            .body(Json.error("rate_limited", "slow"))
            .build());
    server.enqueue(200, Json.page(false));

    client.accessTokens().list();

    assertThat(server.sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void measuresAnHttpDateAgainstTheInjectedClock() {
    client.close();
    Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    client = server.clientBuilder().clock(clock).build();
    server.enqueue(
        new MockResponse.Builder()
            .code(503)
            .addHeader("Retry-After", "Fri, 27 Nov 2026 10:00:04 GMT")
            .body(Json.error("unavailable", "busy"))
            .build());
    server.enqueue(200, Json.page(false));

    client.accessTokens().list();

    assertThat(server.sleeps).containsExactly(Duration.ofSeconds(4));
  }

  @Test
  void retriesOffSendsOnce() {
    client.close();
    client = server.clientBuilder().retryPolicy(RetryPolicy.none()).build();
    server.enqueue(503, Json.error("unavailable", "busy"));

    ServerErrorException e =
        catchThrowableOfType(ServerErrorException.class, () -> client.accessTokens().list());

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void aPerCallPolicyOverridesTheClients() {
    server.enqueue(503, Json.error("unavailable", "busy"));
    server.enqueue(503, Json.error("unavailable", "busy"));

    RequestOptions twice =
        RequestOptions.builder().retryPolicy(RetryPolicy.builder().maxAttempts(2).build()).build();
    ServerErrorException e =
        catchThrowableOfType(
            ServerErrorException.class,
            () -> client.accessTokens().list(ListAccessTokensParams.all(), twice));

    assertThat(e.attempts()).isEqualTo(2);
  }

  @Test
  void retriesADroppedConnection() {
    server.enqueue(
        new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(200, Json.page(false, "after-reset"));

    Page<AccessTokenInfo> page = client.accessTokens().list();

    assertThat(page.items()).extracting(AccessTokenInfo::id).containsExactly("after-reset");
    assertThat(server.sleeps).hasSize(1);
  }

  @Test
  void aRefusedConnectionIsATypedConnectionErrorAfterTheRetryBudget() {
    int port = server.server.getPort();
    server.close();
    client.close();
    client =
        S2Client.builder()
            .accessToken("t")
            .baseUrl("http://127.0.0.1:" + port + "/v1")
            .sleeper(server.sleeper)
            .build();

    S2ConnectionException e =
        catchThrowableOfType(S2ConnectionException.class, () -> client.accessTokens().list());

    assertThat(e).isNotInstanceOf(S2TimeoutException.class);
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.getMessage()).startsWith("GET /v1/access-tokens failed: ConnectException");
    assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class);
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void aMalformedSuccessBodyIsADecodingErrorAndIsNotRetried() {
    server.enqueue(200, "{\"access_tokens\":[{\"id\":\"a\",\"scope\":{}}],\"has_more\":\"yes\"}");

    S2DecodingException e =
        catchThrowableOfType(S2DecodingException.class, () -> client.accessTokens().list());

    assertThat(e.getMessage())
        .isEqualTo(
            "GET /v1/access-tokens: the response body does not match the spec: "
                + "Expected a boolean but was STRING at path $.has_more");
    assertThat(server.requestCount()).isEqualTo(1);
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void aMissingRequiredFieldNamesItsPath() {
    server.enqueue(
        200, "{\"access_tokens\":[{\"id\":\"a\",\"scope\":{}},{\"scope\":{}}],\"has_more\":false}");

    assertThatThrownBy(() -> client.accessTokens().list())
        .isInstanceOf(S2DecodingException.class)
        .hasMessageEndingWith("Required property 'id' missing or null at $.access_tokens[1]");
  }

  @Test
  void aNullOrEmptySuccessBodyIsADecodingError() {
    server.enqueue(200, "null");
    assertThatThrownBy(() -> client.accessTokens().list())
        .isInstanceOf(S2DecodingException.class)
        .hasMessage("GET /v1/access-tokens: the 200 response body was empty or null");

    server.enqueue(200, "");
    assertThatThrownBy(() -> client.accessTokens().list())
        .isInstanceOf(S2DecodingException.class)
        .hasMessageContaining("does not match the spec");
  }

  @Test
  void aNonJsonSuccessBodyIsADecodingError() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "text/html")
            .body("<html>maintenance</html>")
            .build());

    assertThatThrownBy(() -> client.accessTokens().list()).isInstanceOf(S2DecodingException.class);
  }

  @Test
  void asyncCallsRetryToo() throws Exception {
    server.enqueue(503, Json.error("unavailable", "busy"));
    server.enqueue(200, Json.page(false, "z"));

    Page<AccessTokenInfo> page =
        client.accessTokens().listAsync(ListAccessTokensParams.all()).get(5, TimeUnit.SECONDS);

    assertThat(page.items()).extracting(AccessTokenInfo::id).containsExactly("z");
    assertThat(server.sleeps).containsExactly(Duration.ofMillis(150));
  }

  @Test
  void asyncFailuresAreTypedToo() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(500, Json.error("storage", "down"));
    }

    CompletableFuture<Page<AccessTokenInfo>> future =
        client.accessTokens().listAsync(ListAccessTokensParams.all());

    assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(ServerErrorException.class)
        .hasMessage("GET /v1/access-tokens failed: 500 storage: down (after 3 attempts)");
  }

  @Test
  void anInterruptedWaitStopsWithATypedError() {
    client.close();
    client =
        server
            .clientBuilder()
            .sleeper(
                d -> {
                  throw new InterruptedException("stop");
                })
            .build();
    server.enqueue(503, Json.error("unavailable", "busy"));

    try {
      assertThatThrownBy(() -> client.accessTokens().list())
          .isInstanceOf(S2InterruptedException.class)
          .hasMessage("interrupted while waiting to retry GET /v1/access-tokens");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
