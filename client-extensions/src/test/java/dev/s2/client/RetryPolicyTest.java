package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void defaultsAreThoseOfTheOfficialSdks() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(p.maxAttempts()).isEqualTo(3);
    assertThat(p.baseDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(p.maxDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
  }

  @Test
  void backoffDoublesUpToTheMaximumAndAddsUpToOneBaseOfJitter() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(p.delay(0, null, 0.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.delay(0, null, 0.5)).isEqualTo(Duration.ofMillis(150));
    assertThat(p.delay(1, null, 0.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.delay(3, null, 0.0)).isEqualTo(Duration.ofMillis(800));
    assertThat(p.delay(4, null, 0.0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.delay(40, null, 0.99)).isEqualTo(Duration.ofMillis(1990));
  }

  @Test
  void aServerDelayReplacesTheBackoffUpToTheCap() {
    RetryPolicy p = RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(2)).build();
    assertThat(p.delay(0, Duration.ofMillis(700), 0.5)).isEqualTo(Duration.ofMillis(700));
    assertThat(p.delay(0, Duration.ofMinutes(5), 0.5)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void invalidSettingsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be between 1 and 100, was 0");
    assertThatThrownBy(() -> RetryPolicy.builder().baseDelay(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseDelay must be more than 0 and at most 1 hour, was PT0S");
    assertThatThrownBy(() -> RetryPolicy.builder().maxDelay(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxDelay must be more than 0 and at most 1 hour, was null");
    assertThatThrownBy(
            () ->
                RetryPolicy.builder()
                    .baseDelay(Duration.ofSeconds(2))
                    .maxDelay(Duration.ofSeconds(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseDelay (PT2S) must not exceed maxDelay (PT1S)");
    assertThatThrownBy(() -> RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
