package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Session options: defaults, checks that name the setting, immutability. */
class ReadSessionOptionsTest {
  @Test
  void defaultsMatchTheDocumentation() {
    ReadSessionOptions d = ReadSessionOptions.defaults();
    assertThat(d.idleTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(d.bufferBytes()).isEqualTo(8L * 1024 * 1024);
    assertThat(d.retryPolicy()).isEmpty();
    assertThat(d.executor()).isEmpty();
    assertThat(d.ignoreCommandRecords()).isFalse();
    assertThat(d).hasToString("ReadSessionOptions{idleTimeout=PT20S, bufferBytes=8388608}");
    assertThat(ReadSessionOptions.builder().build()).isEqualTo(d).hasSameHashCodeAs(d);
  }

  @Test
  void settingsAreKeptAndCopied() {
    Executor executor = Runnable::run;
    ReadSessionOptions o =
        ReadSessionOptions.builder()
            .idleTimeout(Duration.ofSeconds(30))
            .bufferBytes(1L << 20)
            .retryPolicy(RetryPolicy.none())
            .executor(executor)
            .ignoreCommandRecords(true)
            .build();
    assertThat(o.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.bufferBytes()).isEqualTo(1L << 20);
    assertThat(o.retryPolicy()).hasValue(RetryPolicy.none());
    assertThat(o.executor()).hasValue(executor);
    assertThat(o.ignoreCommandRecords()).isTrue();
    assertThat(o.toBuilder().build()).isEqualTo(o);
    ReadSessionOptions changed = o.toBuilder().bufferBytes(2L << 20).build();
    assertThat(changed.bufferBytes()).isEqualTo(2L << 20);
    assertThat(o.bufferBytes()).isEqualTo(1L << 20);
    assertThat(changed).isNotEqualTo(o);
  }

  @Test
  void badSettingsFailAtOnceNamingTheSetting() {
    ReadSessionOptions.Builder b = ReadSessionOptions.builder();
    assertThatThrownBy(() -> b.idleTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("idleTimeout must be more than 0 and at most 1 hour, was PT0S");
    assertThatThrownBy(() -> b.idleTimeout(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("idleTimeout must be more than 0 and at most 1 hour, was null");
    assertThatThrownBy(() -> b.bufferBytes(1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bufferBytes must be between 65536 and 1073741824, was 1024");
    assertThatThrownBy(() -> b.retryPolicy(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retryPolicy must not be null");
    assertThatThrownBy(() -> b.executor(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("executor must not be null");
  }
}
