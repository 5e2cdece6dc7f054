package dev.s2.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Unions of single-key objects: every variant both ways, every malformed shape refused with its
 * path.
 */
class KeyedUnionsTest {

  @Test
  void retentionPolicyVariantsRoundTrip() {
    assertThat(Json.roundTrip(RetentionPolicy.class, "{\"age\":86400}"))
        .isEqualTo(RetentionPolicyAge.of(86400));
    assertThat(Json.roundTrip(RetentionPolicy.class, "{\"infinite\":{}}"))
        .isEqualTo(RetentionPolicyInfinite.of())
        .isEqualTo(RetentionPolicyInfinite.of(InfiniteRetention.of()));
    assertThat(Json.write(RetentionPolicy.class, null)).isEqualTo("null");
  }

  @Test
  void metricVariantsRoundTrip() {
    Metric scalar =
        Json.roundTrip(
            Metric.class, "{\"scalar\":{\"name\":\"storage\",\"unit\":\"bytes\",\"value\":1.5}}");
    Metric accumulation =
        Json.roundTrip(
            Metric.class,
            "{\"accumulation\":{\"interval\":\"hour\","
                + "\"name\":\"append-ops\",\"unit\":\"operations\",\"values\":[[1700000000,3.0],[1700003600,0.0]]}}");
    Metric gauge =
        Json.roundTrip(
            Metric.class,
            "{\"gauge\":{\"name\":\"storage\",\"unit\":\"bytes\",\"values\":[[1700000000,42.0]]}}");
    Metric label =
        Json.roundTrip(Metric.class, "{\"label\":{\"name\":\"streams\",\"values\":[\"a\",\"b\"]}}");

    assertThat(scalar)
        .isEqualTo(MetricScalar.of(ScalarMetric.of("storage", MetricUnit.BYTES, 1.5)));
    assertThat(((MetricAccumulation) accumulation).accumulation().values())
        .containsExactly(MetricPoint.of(1700000000, 3.0), MetricPoint.of(1700003600, 0.0));
    assertThat(((MetricAccumulation) accumulation).accumulation().interval())
        .isEqualTo(TimeseriesInterval.HOUR);
    assertThat(((MetricGauge) gauge).gauge().values())
        .containsExactly(MetricPoint.of(1700000000, 42.0));
    assertThat(label).isEqualTo(MetricLabel.of(LabelMetric.of("streams", List.of("a", "b"))));

    Metric.Visitor<String> kind =
        new Metric.Visitor<>() {
          @Override
          public String visitMetricScalar(MetricScalar value) {
            return "scalar " + value.scalar().value();
          }

          @Override
          public String visitMetricAccumulation(MetricAccumulation value) {
            return "accumulation of " + value.accumulation().values().size();
          }

          @Override
          public String visitMetricGauge(MetricGauge value) {
            return "gauge of " + value.gauge().values().size();
          }

          @Override
          public String visitMetricLabel(MetricLabel value) {
            return "label " + value.label().values();
          }
        };
    assertThat(List.of(scalar, accumulation, gauge, label))
        .extracting(m -> m.accept(kind))
        .containsExactly("scalar 1.5", "accumulation of 2", "gauge of 1", "label [a, b]");
  }

  @Test
  void appendConditionFailedVariantsRoundTrip() {
    assertThat(
            Json.roundTrip(
                AppendConditionFailed.class, "{\"fencing_token_mismatch\":\"writer-2\"}"))
        .isEqualTo(AppendConditionFailedFencingToken.of("writer-2"));
    assertThat(
            Json.roundTrip(AppendConditionFailed.class, "{\"seq_num_mismatch\":9007199254740993}"))
        .isEqualTo(AppendConditionFailedSeqNum.of(9007199254740993L));
  }

  @Test
  void aVariantValueIsCheckedLikeAField() {
    assertThatThrownBy(
            () ->
                Json.read(
                    AppendConditionFailed.class,
                    "{\"fencing_token_mismatch\":\"" + "t".repeat(37) + "\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage(
            "AppendConditionFailedFencingToken.fencing_token_mismatch must be at most 36 characters long, "
                + "was 37 at path $.fencing_token_mismatch");
    assertThatThrownBy(
            () ->
                Json.read(
                    AppendConditionFailed.class, "{\"seq_num_mismatch\":18446744073709551615}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage(
            "AppendConditionFailedSeqNum.seq_num_mismatch must be at most 9223372036854775807 (the largest "
                + "Java long), was 18446744073709551615 at path $.seq_num_mismatch");
    assertThatThrownBy(() -> Json.read(RetentionPolicy.class, "{\"age\":-1}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("RetentionPolicyAge.age must be at least 0, was -1 at path $.age");
    assertThatThrownBy(() -> Json.read(RetentionPolicy.class, "{\"infinite\":null}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage(
            "Expected a non-null value for RetentionPolicyInfinite.infinite but was NULL at path $.infinite");
    assertThatThrownBy(() -> Json.read(RetentionPolicy.class, "{\"infinite\":[]}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Expected an object but was BEGIN_ARRAY at path $.infinite");
    assertThatThrownBy(() -> Json.read(RetentionPolicy.class, "{\"age\":\"7\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Expected an integer but was STRING at path $.age");
  }

  @Test
  void malformedShapesAreRefusedWithTheirPath() {
    String prefix = "{\"retention_policy\":";
    assertThat(Json.failure(StreamConfig.class, prefix + "{}}"))
        .isEqualTo(
            "RetentionPolicy at path $.retention_policy has neither 'age' nor 'infinite'; it must have "
                + "exactly one");
    assertThat(Json.failure(StreamConfig.class, prefix + "{\"age\":1,\"infinite\":{}}}"))
        .isEqualTo(
            "RetentionPolicy at path $.retention_policy has both 'age' and 'infinite'; it must have exactly one");
    assertThat(Json.failure(StreamConfig.class, prefix + "{\"forever\":true}}"))
        .isEqualTo(
            "RetentionPolicy at path $.retention_policy has the unknown key 'forever'; it must have exactly "
                + "one of 'age', 'infinite'");
    assertThat(Json.failure(StreamConfig.class, prefix + "{\"age\":1,\"note\":\"x\"}}"))
        .isEqualTo(
            "RetentionPolicy at path $.retention_policy has the unknown key 'note' beside 'age'; it must have "
                + "exactly one of 'age', 'infinite'");
    assertThat(Json.failure(StreamConfig.class, prefix + "{\"age\":1,\"age\":2}}"))
        .isEqualTo(
            "RetentionPolicy at path $.retention_policy has the key 'age' twice; it must have exactly one of "
                + "'age', 'infinite'");
    assertThat(Json.failure(StreamConfig.class, prefix + "[\"age\",1]}"))
        .isEqualTo(
            "Expected an object for RetentionPolicy but was BEGIN_ARRAY at path $.retention_policy");
    assertThat(Json.failure(StreamConfig.class, prefix + "\"infinite\"}"))
        .isEqualTo(
            "Expected an object for RetentionPolicy but was STRING at path $.retention_policy");
  }

  @Test
  void noneOfManyKeysIsNamedInFull() {
    assertThatThrownBy(
            () ->
                Json.read(
                    MetricSetResponse.class,
                    "{\"values\":[{\"scalar\":{\"name\":\"a\","
                        + "\"unit\":\"bytes\",\"value\":1}},{}]}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage(
            "Metric at path $.values[1] has none of 'scalar', 'accumulation', 'gauge', 'label'; it must "
                + "have exactly one");
  }

  @Test
  void nullIsAbsentWhereTheSpecAllowsIt() throws IOException {
    assertThat(Json.read(StreamConfig.class, "{\"retention_policy\":null}").retentionPolicy())
        .isEmpty();
    assertThat(Json.read(RetentionPolicy.class, "null")).isNull();
  }

  @Test
  void theVariantsAreSealed() {
    assertThat(RetentionPolicy.class.isSealed()).isTrue();
    assertThat(RetentionPolicy.class.getPermittedSubclasses())
        .containsExactly(RetentionPolicyAge.class, RetentionPolicyInfinite.class);
    assertThat(AppendConditionFailed.class.getPermittedSubclasses())
        .containsExactly(
            AppendConditionFailedFencingToken.class, AppendConditionFailedSeqNum.class);
    assertThat(ResourceSet.class.getPermittedSubclasses())
        .containsExactly(ResourceSetExact.class, ResourceSetPrefix.class);
  }
}
