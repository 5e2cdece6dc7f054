package dev.s2.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.Arrays;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * Reconfiguration (PATCH) fields: absent = leave unchanged, null = reset to the default, a value =
 * set it.
 */
class ThreeStateTest {

  @Test
  void eachStateIsSentExactly() {
    StreamReconfiguration change =
        StreamReconfiguration.builder()
            .retentionPolicy(RetentionPolicyAge.of(3600))
            .resetStorageClass()
            .build();

    assertThat(Json.write(StreamReconfiguration.class, change))
        .isEqualTo("{\"retention_policy\":{\"age\":3600},\"storage_class\":null}");
    assertThat(Json.write(StreamReconfiguration.class, StreamReconfiguration.builder().build()))
        .isEqualTo("{}");
  }

  @Test
  void nullIsWrittenEvenByAWriterThatDropsNulls() throws IOException {
    Buffer buffer = new Buffer();
    JsonWriter writer = JsonWriter.of(buffer);
    assertThat(writer.getSerializeNulls()).isFalse();
    Json.MOSHI
        .adapter(BasinReconfiguration.class)
        .toJson(
            writer,
            BasinReconfiguration.builder()
                .resetCreateStreamOnAppend()
                .createStreamOnRead(false)
                .build());
    assertThat(buffer.readUtf8())
        .isEqualTo("{\"create_stream_on_append\":null,\"create_stream_on_read\":false}");
    assertThat(writer.getSerializeNulls()).isFalse();
  }

  @Test
  void eachStateIsReadBack() {
    StreamReconfiguration read =
        Json.roundTrip(
            StreamReconfiguration.class,
            "{\"delete_on_empty\":{\"min_age_secs\":null},\"retention_policy\":null,\"storage_class\":\"express\"}");

    assertThat(read.deleteOnEmpty()).isPresent();
    assertThat(read.resetsDeleteOnEmpty()).isFalse();
    assertThat(read.deleteOnEmpty().orElseThrow().resetsMinAgeSecs()).isTrue();
    assertThat(read.deleteOnEmpty().orElseThrow().minAgeSecs()).isEmpty();
    assertThat(read.retentionPolicy()).isEmpty();
    assertThat(read.resetsRetentionPolicy()).isTrue();
    assertThat(read.storageClass()).contains(StorageClass.EXPRESS);
    assertThat(read.resetsStorageClass()).isFalse();
    assertThat(read.timestamping()).isEmpty();
    assertThat(read.resetsTimestamping()).isFalse();
  }

  @Test
  void nestedReconfigurationsHaveThreeStatesToo() {
    BasinReconfiguration change =
        BasinReconfiguration.builder()
            .defaultStreamConfig(
                StreamReconfiguration.builder()
                    .timestamping(
                        TimestampingReconfiguration.builder().resetMode().uncapped(true).build())
                    .resetRetentionPolicy()
                    .build())
            .resetStreamCipher()
            .build();
    Json.roundTrip(BasinReconfiguration.class, Json.write(BasinReconfiguration.class, change));
    assertThat(Json.write(BasinReconfiguration.class, change))
        .isEqualTo(
            "{\"default_stream_config\":{"
                + "\"retention_policy\":null,\"timestamping\":{\"mode\":null,\"uncapped\":true}},\"stream_cipher\":null}");
  }

  @Test
  void settingAfterAResetReplacesItAndTheOtherWayRound() {
    StreamReconfiguration.Builder b = StreamReconfiguration.builder().resetRetentionPolicy();
    StreamReconfiguration set = b.retentionPolicy(RetentionPolicyInfinite.of()).build();
    StreamReconfiguration reset = set.toBuilder().resetRetentionPolicy().build();

    assertThat(set.resetsRetentionPolicy()).isFalse();
    assertThat(set.retentionPolicy()).contains(RetentionPolicyInfinite.of());
    assertThat(reset.resetsRetentionPolicy()).isTrue();
    assertThat(reset.retentionPolicy()).isEmpty();
    assertThat(reset.toBuilder().build()).isEqualTo(reset).hasSameHashCodeAs(reset);
  }

  @Test
  void theThreeStatesAreDistinctValues() {
    StreamReconfiguration absent = StreamReconfiguration.builder().build();
    StreamReconfiguration reset = StreamReconfiguration.builder().resetStorageClass().build();
    StreamReconfiguration set =
        StreamReconfiguration.builder().storageClass(StorageClass.STANDARD).build();

    assertThat(absent).isNotEqualTo(reset).isNotEqualTo(set);
    assertThat(reset).isNotEqualTo(set);
    assertThat(absent).hasToString("StreamReconfiguration{}");
    assertThat(reset).hasToString("StreamReconfiguration{storageClass=<reset>}");
    assertThat(set).hasToString("StreamReconfiguration{storageClass=standard}");
  }

  @Test
  void nullIsNotAValueToSet() {
    assertThatThrownBy(() -> StreamReconfiguration.builder().retentionPolicy(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "StreamReconfiguration.retention_policy must not be null: leave it unset to keep the current "
                + "value, or call resetRetentionPolicy() to reset it to its default");
  }

  @Test
  void theBuilderStillChecksTheSpec() {
    assertThatThrownBy(() -> DeleteOnEmptyReconfiguration.builder().minAgeSecs(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DeleteOnEmptyReconfiguration.min_age_secs must be at least 0, was -1");
  }

  @Test
  void onlyReconfigurationsHaveThreeStates() {
    // Derived from the spec: optional nullable fields of schemas reachable from a PATCH body.
    assertThat(methodNames(StreamReconfiguration.Builder.class)).contains("resetRetentionPolicy");
    assertThat(methodNames(RetentionPolicyAge.Builder.class)).noneMatch(m -> m.startsWith("reset"));
    assertThat(methodNames(StreamConfig.Builder.class)).noneMatch(m -> m.startsWith("reset"));
    assertThat(methodNames(AccessTokenScope.Builder.class)).noneMatch(m -> m.startsWith("reset"));
    assertThat(methodNames(CreateBasinRequest.Builder.class)).noneMatch(m -> m.startsWith("reset"));
  }

  private static String[] methodNames(Class<?> type) {
    return Arrays.stream(type.getMethods())
        .map(java.lang.reflect.Method::getName)
        .toArray(String[]::new);
  }
}
