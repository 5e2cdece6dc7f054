package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProducerOptionsTest {

  @Test
  void theDefaultsAreTheOfficialSdksOnes() {
    ProducerOptions d = ProducerOptions.defaults();
    assertThat(d.linger()).isEqualTo(Duration.ofMillis(5));
    assertThat(d.maxBatchRecords()).isEqualTo(1000);
    assertThat(d.maxBatchBytes()).isEqualTo(1024 * 1024);
    assertThat(d.maxUnackedBytes()).isEqualTo(5 * 1024 * 1024);
    assertThat(d.maxUnackedRecords()).isEqualTo(50_000);
    assertThat(d.maxInflightBatches()).isEqualTo(2);
    assertThat(d.matchSeqNum()).isEmpty();
    assertThat(d.fencingToken()).isEmpty();
    assertThat(d.retryPolicy()).isEmpty();
    assertThat(d.timer()).isSameAs(Sleeper.system());
    assertThat(d)
        .hasToString(
            "ProducerOptions{linger=PT0.005S, maxBatchRecords=1000, maxBatchBytes=1048576,"
                + " maxUnackedBytes=5242880, maxUnackedRecords=50000, maxInflightBatches=2, matchSeqNum=from the tail, retryPolicy=the client's,"
                + " timer=Sleeper.system()}");
  }

  @Test
  void everySettingIsKept() {
    RetryPolicy policy = RetryPolicy.builder().maxAttempts(7).build();
    ProducerOptions o =
        ProducerOptions.builder()
            .linger(Duration.ZERO)
            .maxBatchRecords(1)
            .maxBatchBytes(8)
            .maxUnackedBytes(8)
            .maxUnackedRecords(1)
            .maxInflightBatches(100)
            .matchSeqNum(42)
            .fencingToken("f".repeat(36))
            .retryPolicy(policy)
            .build();
    assertThat(o.linger()).isZero();
    assertThat(o.maxBatchRecords()).isEqualTo(1);
    assertThat(o.maxBatchBytes()).isEqualTo(8);
    assertThat(o.maxUnackedBytes()).isEqualTo(8);
    assertThat(o.maxUnackedRecords()).isEqualTo(1);
    assertThat(o.maxInflightBatches()).isEqualTo(100);
    assertThat(o.matchSeqNum()).hasValue(42);
    assertThat(o.fencingToken()).hasValue("f".repeat(36));
    assertThat(o.retryPolicy()).containsSame(policy);
  }

  @Test
  void settingsOutsideTheServicesLimitsFailNamingTheSetting() {
    ProducerOptions.Builder b = ProducerOptions.builder();
    assertThatThrownBy(() -> b.maxBatchRecords(1001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBatchRecords must be between 1 and 1000, was 1001");
    assertThatThrownBy(() -> b.maxBatchRecords(0))
        .hasMessage("maxBatchRecords must be between 1 and 1000, was 0");
    assertThatThrownBy(() -> b.maxBatchBytes(1024 * 1024 + 1))
        .hasMessage("maxBatchBytes must be between 8 and 1048576, was 1048577");
    assertThatThrownBy(() -> b.maxBatchBytes(7))
        .hasMessage("maxBatchBytes must be between 8 and 1048576, was 7");
    assertThatThrownBy(() -> b.maxUnackedBytes(2L << 30))
        .hasMessage("maxUnackedBytes must be between 8 and 1073741824, was 2147483648");
    assertThatThrownBy(() -> b.maxUnackedRecords(0))
        .hasMessage("maxUnackedRecords must be between 1 and 10000000, was 0");
    assertThatThrownBy(() -> b.maxUnackedRecords(10_000_001))
        .hasMessage("maxUnackedRecords must be between 1 and 10000000, was 10000001");
    assertThatThrownBy(() -> b.maxInflightBatches(0))
        .hasMessage("maxInflightBatches must be between 1 and 100, was 0");
    assertThatThrownBy(() -> b.matchSeqNum(-1))
        .hasMessage("matchSeqNum must be at least 0, was -1");
    assertThatThrownBy(() -> b.fencingToken("f".repeat(37)))
        .hasMessage("fencingToken must be at most 36 bytes of UTF-8, was 37 bytes");
    assertThatThrownBy(() -> b.fencingToken(null)).hasMessage("fencingToken must not be null");
    assertThatThrownBy(() -> b.linger(Duration.ofMillis(-1)))
        .hasMessage("linger must be more than 0 and at most 1 hour, was PT-0.001S");
    assertThatThrownBy(() -> b.linger(null))
        .hasMessage("linger must be more than 0 and at most 1 hour, was null");
    assertThatThrownBy(() -> b.timer(null)).hasMessage("timer must not be null");
    assertThatThrownBy(() -> b.retryPolicy(null)).hasMessage("retryPolicy must not be null");
    assertThatThrownBy(
            () -> ProducerOptions.builder().maxBatchBytes(1000).maxUnackedBytes(999).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "maxUnackedBytes (999) must be at least maxBatchBytes (1000): a full batch must fit");
    assertThatThrownBy(() -> ProducerOptions.builder().maxUnackedRecords(999).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "maxUnackedRecords (999) must be at least maxBatchRecords (1000): a full batch must fit");
  }
}
