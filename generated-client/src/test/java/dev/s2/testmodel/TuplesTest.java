package dev.s2.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tuples: metric points [epoch seconds, value] and headers [name, value], exactly their length,
 * typed.
 */
class TuplesTest {

  @Test
  void aMetricPointIsTypedAndHasAnInstant() throws IOException {
    MetricPoint point = Json.roundTrip(MetricPoint.class, "[1700000000,2.5]");
    assertThat(point.epochSeconds()).isEqualTo(1700000000);
    assertThat(point.value()).isEqualTo(2.5);
    assertThat(point.instant()).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
    assertThat(point)
        .isEqualTo(MetricPoint.of(1700000000, 2.5))
        .hasToString("MetricPoint{epochSeconds=1700000000, value=2.5}");
    assertThat(Json.read(MetricPoint.class, "[0,7]").value()).isEqualTo(7.0);
  }

  @Test
  void accumulationAndGaugeShareTheirPointClass() throws NoSuchMethodException {
    for (Class<?> metric : List.of(AccumulationMetric.class, GaugeMetric.class)) {
      ParameterizedType values =
          (ParameterizedType) metric.getMethod("values").getGenericReturnType();
      assertThat(values.getActualTypeArguments()).containsExactly(MetricPoint.class);
    }
  }

  @Test
  void aMetricPointOfTheWrongLengthOrTypesIsRefused() {
    String at = "{\"name\":\"n\",\"unit\":\"bytes\",\"values\":[[1,1.0],";
    assertThat(Json.failure(GaugeMetric.class, at + "[1]]}"))
        .isEqualTo("MetricPoint at path $.values[1] has 1 element; it must have exactly 2");
    assertThat(Json.failure(GaugeMetric.class, at + "[]]}"))
        .isEqualTo("MetricPoint at path $.values[1] has 0 elements; it must have exactly 2");
    assertThat(Json.failure(GaugeMetric.class, at + "[1,2.0,3]]}"))
        .isEqualTo(
            "MetricPoint at path $.values[1] has more than 2 elements; it must have exactly 2");
    assertThat(Json.failure(GaugeMetric.class, at + "[1.5,2.0]]}"))
        .isEqualTo("Expected an integer but was 1.5 at path $.values[1][0]");
    assertThat(Json.failure(GaugeMetric.class, at + "[-1,2.0]]}"))
        .isEqualTo("MetricPoint.epoch_seconds must be at least 0, was -1 at path $.values[1][0]");
    assertThat(Json.failure(GaugeMetric.class, at + "[2147483648,2.0]]}"))
        .isEqualTo(
            "MetricPoint.epoch_seconds must be at most 2147483647, was 2147483648 at path $.values[1][0]");
    assertThat(Json.failure(GaugeMetric.class, at + "[\"1\",2.0]]}"))
        .isEqualTo("Expected an integer but was STRING at path $.values[1][0]");
    assertThat(Json.failure(GaugeMetric.class, at + "[1,\"2.0\"]]}"))
        .isEqualTo("Expected a number but was STRING at path $.values[1][1]");
    assertThat(Json.failure(GaugeMetric.class, at + "[1,null]]}"))
        .isEqualTo("Expected a number but was NULL at path $.values[1][1]");
    assertThat(Json.failure(GaugeMetric.class, at + "[1,1e999]]}"))
        .isEqualTo("MetricPoint.value must be a finite double, was 1e999 at path $.values[1][1]");
    assertThat(Json.failure(GaugeMetric.class, at + "{\"t\":1,\"v\":2}]}"))
        .isEqualTo("Expected an array for MetricPoint but was BEGIN_OBJECT at path $.values[1]");
    assertThat(Json.failure(GaugeMetric.class, at + "null]}"))
        .isEqualTo(
            "Expected a non-null value for GaugeMetric.values[] but was NULL at path $.values[1]");
  }

  @Test
  void aMetricPointBuilderChecksTheSpec() {
    assertThatThrownBy(() -> MetricPoint.of(-1, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MetricPoint.epoch_seconds must be at least 0, was -1");
    assertThatThrownBy(() -> MetricPoint.of(1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MetricPoint.value must be a finite number, was NaN");
    assertThatThrownBy(() -> MetricPoint.builder().epochSeconds(1).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("MetricPoint.value is required but was not set");
  }

  @Test
  void aHeaderIsANameValuePair() throws IOException {
    AppendRecord record =
        Json.roundTrip(
            AppendRecord.class,
            "{\"body\":\"b\",\"headers\":[[\"content-type\",\"text/plain\"],[\"\",\"fence\"]]}");
    assertThat(record.headers().orElseThrow())
        .containsExactly(Header.of("content-type", "text/plain"), Header.of("", "fence"));
    assertThat(record.headers().orElseThrow().get(0).name()).isEqualTo("content-type");
    assertThat(record.headers().orElseThrow().get(0).value()).isEqualTo("text/plain");
    assertThat(Json.write(Header.class, Header.of("a", "b"))).isEqualTo("[\"a\",\"b\"]");
  }

  @Test
  void aHeaderMustHaveExactlyTwoStrings() {
    String at = "{\"seq_num\":1,\"timestamp\":2,\"headers\":[[\"a\",\"b\"],";
    assertThat(Json.failure(SequencedRecord.class, at + "[\"only\"]]}"))
        .isEqualTo("Header at path $.headers[1] has 1 element; it must have exactly 2");
    assertThat(Json.failure(SequencedRecord.class, at + "[\"a\",\"b\",\"c\"]]}"))
        .isEqualTo("Header at path $.headers[1] has more than 2 elements; it must have exactly 2");
    assertThat(Json.failure(SequencedRecord.class, at + "[\"a\",7]]}"))
        .isEqualTo("Expected a string but was NUMBER at path $.headers[1][1]");
    assertThat(Json.failure(SequencedRecord.class, at + "[null,\"b\"]]}"))
        .isEqualTo("Expected a string but was NULL at path $.headers[1][0]");
    assertThat(Json.failure(SequencedRecord.class, at + "\"a: b\"]}"))
        .isEqualTo("Expected an array for Header but was STRING at path $.headers[1]");
  }

  @Test
  void aHeaderBuilderNeedsBothHalves() {
    assertThatThrownBy(() -> Header.builder().name("a").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Header.value is required but was not set");
    assertThatThrownBy(() -> Header.of("a", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Header.value must not be null");
  }
}
