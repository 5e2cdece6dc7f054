package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void s2MillisecondsHeaderComesFirst() {
    Headers h = Headers.of("retry-after-ms", "250", "Retry-After", "9");
    assertThat(RetryAfter.parse(h, clock)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void standardHeaderInSeconds() {
    assertThat(RetryAfter.parse(Headers.of("Retry-After", "3"), clock))
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void standardHeaderAsAnHttpDateIsMeasuredAgainstTheClock() {
    Headers h = Headers.of("Retry-After", "Fri, 27 Nov 2026 10:00:07 GMT");
    assertThat(RetryAfter.parse(h, clock)).isEqualTo(Duration.ofSeconds(7));
    Headers past = Headers.of("Retry-After", "Fri, 27 Nov 2026 09:00:00 GMT");
    assertThat(RetryAfter.parse(past, clock)).isEqualTo(Duration.ZERO);
  }

  @Test
  void garbageAndNegativeValuesAreIgnored() {
    assertThat(RetryAfter.parse(Headers.of("retry-after-ms", "soon"), clock)).isNull();
    assertThat(RetryAfter.parse(Headers.of("retry-after-ms", "-5"), clock)).isNull();
    assertThat(RetryAfter.parse(Headers.of("Retry-After", "NaN"), clock)).isNull();
    assertThat(RetryAfter.parse(Headers.of(), clock)).isNull();
  }
}
