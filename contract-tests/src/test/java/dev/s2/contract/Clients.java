package dev.s2.contract;

import dev.s2.client.RetryPolicy;
import dev.s2.client.S2Client;
import java.time.Duration;

/** SDK clients pointed at a test server, with an injected sleeper so retries never wait. */
final class Clients {
  /** The access token the tests' clients send. */
  static final String TOKEN = "contract-test-token";

  private Clients() {}

  /** A client with 3 attempts, a 5 s request timeout (never reached: no stub is slow) and the given sleeper. */
  static S2Client of(String baseUrl, RecordingSleeper sleeper) {
    return of(baseUrl, sleeper, RetryPolicy.builder().maxAttempts(3).build(), Duration.ofSeconds(5));
  }

  static S2Client of(String baseUrl, RecordingSleeper sleeper, RetryPolicy retryPolicy, Duration requestTimeout) {
    return S2Client.builder()
        .accessToken(TOKEN)
        .baseUrl(baseUrl)
        .requestTimeout(requestTimeout)
        .connectTimeout(Duration.ofSeconds(1))
        .retryPolicy(retryPolicy)
        .sleeper(sleeper)
        .build();
  }
}
