package dev.s2.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole documents of the API decoded field by field and written back unchanged. */
class RoundTripTest {

  @Test
  void basinInfoWithALocation() {
    BasinInfo basin =
        Json.roundTrip(
            BasinInfo.class,
            "{\"created_at\":\"2026-01-02T03:04:05.678Z\","
                + "\"deleted_at\":\"2026-02-03T04:05:06Z\",\"name\":\"my-basin\",\"scope\":\"aws:us-east-1\","
                + "\"location\":\"aws:eu-north-1\"}");
    assertThat(basin.createdAt()).isEqualTo(OffsetDateTime.parse("2026-01-02T03:04:05.678Z"));
    assertThat(basin.deletedAt()).contains(OffsetDateTime.parse("2026-02-03T04:05:06Z"));
    assertThat(basin.name()).isEqualTo("my-basin");
    assertThat(basin.scope()).contains(BasinScope.AWS_US_EAST_1);
    assertThat(basin.location()).contains("aws:eu-north-1");
    assertThat(
            Json.roundTrip(
                    BasinInfo.class,
                    "{\"created_at\":\"2026-01-02T03:04:05.678Z\",\"name\":\"my-basin\"}")
                .location())
        .isEmpty();
  }

  @Test
  void aLocationIsOneTo64Characters() {
    assertThatThrownBy(() -> CreateBasinRequest.builder().basin("my-basin").location("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CreateBasinRequest.location must be at least 1 characters long, was 0");
    assertThatThrownBy(() -> EnsureBasinRequest.builder().location("l".repeat(65)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("EnsureBasinRequest.location must be at most 64 characters long, was 65");
    LocationInfo location =
        Json.roundTrip(LocationInfo.class, "{\"is_private\":true,\"name\":\"aws:us-west-2\"}");
    assertThat(location.isPrivate()).isTrue();
    assertThat(location.name()).isEqualTo("aws:us-west-2");
  }

  @Test
  void streamInfoAndConfig() {
    StreamInfo stream =
        Json.roundTrip(
            StreamInfo.class,
            "{\"cipher\":\"aegis-256\",\"created_at\":"
                + "\"2026-01-02T03:04:05.678Z\",\"name\":\"events\"}");
    assertThat(stream.cipher()).contains(EncryptionAlgorithm.AEGIS_256);
    assertThat(stream.deletedAt()).isEmpty();
    assertThat(stream.name()).isEqualTo("events");

    BasinConfig config =
        Json.roundTrip(
            BasinConfig.class,
            "{\"create_stream_on_append\":true,"
                + "\"create_stream_on_read\":false,\"default_stream_config\":{\"delete_on_empty\":{\"min_age_secs\":60},"
                + "\"retention_policy\":{\"age\":604800},\"storage_class\":\"standard\",\"timestamping\":{\"mode\":"
                + "\"client-prefer\",\"uncapped\":true}},\"stream_cipher\":\"aes-256-gcm\"}");
    assertThat(config.createStreamOnAppend()).isTrue();
    assertThat(config.createStreamOnRead()).isFalse();
    StreamConfig defaults = config.defaultStreamConfig().orElseThrow();
    assertThat(defaults.deleteOnEmpty().orElseThrow().minAgeSecs()).contains(60L);
    assertThat(defaults.retentionPolicy()).contains(RetentionPolicyAge.of(604800));
    assertThat(defaults.storageClass()).contains(StorageClass.STANDARD);
    assertThat(defaults.timestamping().orElseThrow().mode())
        .contains(TimestampingMode.CLIENT_PREFER);
    assertThat(defaults.timestamping().orElseThrow().uncapped()).contains(true);
    assertThat(config.streamCipher()).contains(EncryptionAlgorithm.AES_256_GCM);
    assertThat(Json.roundTrip(BasinConfig.class, "{}").createStreamOnAppend())
        .isFalse(); // the spec's default
  }

  @Test
  void appendInputAckAndRecords() {
    AppendInput input =
        Json.roundTrip(
            AppendInput.class,
            "{\"fencing_token\":\"w1\",\"match_seq_num\":41,"
                + "\"records\":[{\"body\":\"hello\",\"headers\":[[\"k\",\"v\"]],\"timestamp\":1700000000000},{}]}");
    assertThat(input.fencingToken()).contains("w1");
    assertThat(input.matchSeqNum()).contains(41L);
    assertThat(input.records())
        .containsExactly(
            AppendRecord.builder()
                .body("hello")
                .headers(List.of(Header.of("k", "v")))
                .timestamp(1700000000000L)
                .build(),
            AppendRecord.builder().build());

    AppendAck ack =
        Json.roundTrip(
            AppendAck.class,
            "{\"end\":{\"seq_num\":43,\"timestamp\":2},"
                + "\"start\":{\"seq_num\":41,\"timestamp\":1},\"tail\":{\"seq_num\":43,\"timestamp\":2}}");
    assertThat(ack.start()).isEqualTo(StreamPosition.of(41, 1));
    assertThat(ack.end()).isEqualTo(StreamPosition.of(43, 2));
    assertThat(ack.tail()).isEqualTo(StreamPosition.of(43, 2));

    ReadBatch batch =
        Json.roundTrip(
            ReadBatch.class,
            "{\"records\":[{\"body\":\"\",\"headers\":[[\"\",\"fence\"]],"
                + "\"seq_num\":0,\"timestamp\":5}]}");
    assertThat(batch.records().get(0).seqNum()).isZero();
    assertThat(batch.records().get(0).body()).contains("");
    assertThat(batch.records().get(0).headers().orElseThrow())
        .containsExactly(Header.of("", "fence"));
    assertThat(batch.tail()).isEmpty();
  }

  @Test
  void accessTokensAndErrors() {
    AccessTokenInfo token =
        Json.roundTrip(
            AccessTokenInfo.class,
            "{\"auto_prefix_streams\":true,\"expires_at\":"
                + "\"2026-12-31T23:59:59Z\",\"id\":\"ci\",\"scope\":{\"access_tokens\":{\"exact\":\"\"},\"basins\":{\"prefix\":"
                + "\"prod-\"},\"op_groups\":{\"account\":{\"read\":true},\"basin\":{\"write\":true},\"stream\":{\"read\":true,"
                + "\"write\":true}},\"ops\":[\"list-locations\",\"append\",\"teleport\"],\"streams\":{\"prefix\":\"\"}}}");
    assertThat(token.autoPrefixStreams()).isTrue();
    assertThat(token.expiresAt()).contains(OffsetDateTime.parse("2026-12-31T23:59:59Z"));
    AccessTokenScope scope = token.scope();
    assertThat(scope.accessTokens()).contains(ResourceSetExact.of(""));
    assertThat(scope.basins()).contains(ResourceSetPrefix.of("prod-"));
    assertThat(scope.streams()).contains(ResourceSetPrefix.of(""));
    assertThat(scope.opGroups().orElseThrow().account().orElseThrow().read()).isTrue();
    assertThat(scope.opGroups().orElseThrow().account().orElseThrow().write()).isFalse();
    assertThat(scope.ops().orElseThrow())
        .containsExactly(Operation.LIST_LOCATIONS, Operation.APPEND, Operation.of("teleport"));

    ErrorInfo error =
        Json.roundTrip(ErrorInfo.class, "{\"code\":\"rate_limited\",\"message\":\"slow down\"}");
    assertThat(error.code()).isEqualTo("rate_limited");
    assertThat(error.message()).isEqualTo("slow down");
  }

  @Test
  void listsAreCopiedAndImmutable() {
    List<Header> headers = new ArrayList<>(List.of(Header.of("a", "1")));
    AppendRecord record = AppendRecord.builder().headers(headers).build();
    headers.add(Header.of("b", "2"));
    assertThat(record.headers().orElseThrow()).containsExactly(Header.of("a", "1"));
    assertThatThrownBy(() -> record.headers().orElseThrow().add(Header.of("c", "3")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(
            () ->
                AppendRecord.builder().headers(java.util.Arrays.asList(Header.of("a", "1"), null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AppendRecord.headers must not contain null");
  }
}
