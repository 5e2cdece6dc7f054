package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The request timeout bounds a whole attempt. These tests wait for short timeouts (a few hundred
 * milliseconds) to run out; they never sleep. The bounds on elapsed time are loose on purpose: they
 * check that a server holding the call for ten seconds cannot, not how fast the machine is.
 */
class TimeoutTest {
  private static final Duration SHORT = Duration.ofMillis(300);
  private final TestServer server = new TestServer();
  private final S2Client client =
      server.clientBuilder().requestTimeout(SHORT).retryPolicy(RetryPolicy.none()).build();

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  @Test
  void aServerThatIsSlowToAnswerTimesOut() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(Json.page(false))
            .headersDelay(10, TimeUnit.SECONDS)
            .build());

    long start = System.nanoTime();
    S2TimeoutException e =
        catchThrowableOfType(S2TimeoutException.class, () -> client.accessTokens().list());

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(e.getMessage())
        .startsWith("GET /v1/access-tokens timed out (request timeout 300 ms per attempt)");
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void aServerThatTricklesItsBodyCannotHoldTheCallPastTheBudget() {
    // Each chunk arrives well within any read timeout; only a budget for the whole attempt stops
    // this.
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(Json.page(false, "a", "b", "c", "d", "e", "f"))
            .throttleBody(8, 100, TimeUnit.MILLISECONDS)
            .build());

    long start = System.nanoTime();
    catchThrowableOfType(S2TimeoutException.class, () -> client.accessTokens().list());

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aPerCallTimeoutOverridesTheClients() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(Json.page(false, "late"))
            .headersDelay(600, TimeUnit.MILLISECONDS)
            .build());

    Page<?> page =
        client
            .accessTokens()
            .list(
                ListAccessTokensParams.all(),
                RequestOptions.builder().requestTimeout(Duration.ofSeconds(10)).build());

    assertThat(page.items()).hasSize(1);
  }

  @Test
  void timeoutsAreRetriedUnderTheDefaultPolicy() {
    TestServer s = server;
    try (S2Client retrying = s.clientBuilder().requestTimeout(SHORT).build()) {
      s.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body(Json.page(false))
              .headersDelay(10, TimeUnit.SECONDS)
              .build());
      s.enqueue(200, Json.page(false, "second"));

      Page<?> page = retrying.accessTokens().list();

      assertThat(page.items()).hasSize(1);
      assertThat(s.sleeps).hasSize(1);
    }
  }
}
