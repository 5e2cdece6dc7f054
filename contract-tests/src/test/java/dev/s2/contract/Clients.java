package dev.s2.contract;

import dev.s2.client.RetryPolicy;
import dev.s2.client.S2Client;
import dev.s2.client.SessionTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * SDK clients pointed at a test server, as account and direct basin endpoint (so every basin request carries
 * {@code s2-basin}), with an injected sleeper so retries never wait, and a fixed clock before the spec-derived
 * date-times (an access token's expiry must be in the future).
 */
final class Clients {
  /** The access token the tests' clients send. */
  static final String TOKEN = "contract-test-token";
  /** The clients' clock: before {@link SchemaSynthesizer#DATE_TIME}, which a synthesised expiry holds. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);

  private Clients() {}

  /** A client with 3 attempts, a 5 s request timeout (never reached: no stub is slow) and the given sleeper. */
  static S2Client of(String baseUrl, RecordingSleeper sleeper) {
    return of(baseUrl, sleeper, RetryPolicy.builder().maxAttempts(3).build(), Duration.ofSeconds(5));
  }

  static S2Client of(String baseUrl, RecordingSleeper sleeper, RetryPolicy retryPolicy, Duration requestTimeout) {
    return S2Client.builder()
        .accessToken(TOKEN)
        .baseUrl(baseUrl)
        .basinEndpoint(baseUrl)
        .clock(CLOCK)
        .requestTimeout(requestTimeout)
        .connectTimeout(Duration.ofSeconds(1))
        .retryPolicy(retryPolicy)
        .sleeper(sleeper)
        // The spec describes SSE sessions and unary appends; WireMock speaks h2c, which would make the client
        // choose S2S sessions (SessionTransport.AUTO), which the spec does not describe.
        .sessionTransport(SessionTransport.SSE_AND_UNARY)
        .build();
  }
}
