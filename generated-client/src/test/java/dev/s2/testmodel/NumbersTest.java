package dev.s2.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * u64 (int64, minimum 0) is a Java long: 0 to 2^63 - 1 are read, anything larger is refused with
 * the path, never wrapped or rounded. Other integer and number bounds are checked the same way, in
 * builders too.
 */
class NumbersTest {

  @Test
  void u64LimitsAreReadExactly() throws IOException {
    assertThat(Json.read(StreamPosition.class, "{\"seq_num\":0,\"timestamp\":9223372036854775807}"))
        .isEqualTo(StreamPosition.of(0, Long.MAX_VALUE));
    assertThat(
            Json.roundTrip(
                    TailResponse.class, "{\"tail\":{\"seq_num\":9007199254740993,\"timestamp\":1}}")
                .tail()
                .seqNum())
        .isEqualTo(9007199254740993L); // 2^53 + 1: not rounded through a double
  }

  @Test
  void u64BeyondALongIsRefusedWithThePath() {
    assertThat(tailFailure("18446744073709551615"))
        .isEqualTo(
            "StreamPosition.seq_num must be at most 9223372036854775807 (the largest Java long), was "
                + "18446744073709551615 at path $.tail.seq_num");
    assertThat(tailFailure("9223372036854775808"))
        .isEqualTo(
            "StreamPosition.seq_num must be at most 9223372036854775807 (the largest Java long), was "
                + "9223372036854775808 at path $.tail.seq_num");
    assertThat(tailFailure("1e30"))
        .isEqualTo(
            "StreamPosition.seq_num must be at most 9223372036854775807 (the largest Java long), was 1e30 "
                + "at path $.tail.seq_num");
  }

  @Test
  void negativeFractionalAndQuotedIntegersAreRefused() {
    assertThat(tailFailure("-1"))
        .isEqualTo("StreamPosition.seq_num must be at least 0, was -1 at path $.tail.seq_num");
    assertThat(tailFailure("-18446744073709551615"))
        .isEqualTo(
            "StreamPosition.seq_num must be at least 0, was -18446744073709551615 at path $.tail.seq_num");
    assertThat(tailFailure("1.5"))
        .isEqualTo("Expected an integer but was 1.5 at path $.tail.seq_num");
    assertThat(tailFailure("\"7\""))
        .isEqualTo("Expected an integer but was STRING at path $.tail.seq_num");
    assertThat(tailFailure("true"))
        .isEqualTo("Expected an integer but was BOOLEAN at path $.tail.seq_num");
    assertThat(tailFailure("null"))
        .isEqualTo("Expected an integer but was NULL at path $.tail.seq_num");
  }

  @Test
  void anIntegerWrittenWithAnExponentOrPointZeroIsAnInteger() throws IOException {
    // JSON Schema: 1.0 and 1e2 are integers.
    assertThat(Json.read(StreamPosition.class, "{\"seq_num\":1e2,\"timestamp\":1.0}"))
        .isEqualTo(StreamPosition.of(100, 1));
  }

  @Test
  void buildersCheckTheBoundsToo() {
    assertThatThrownBy(() -> StreamPosition.of(-1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("StreamPosition.seq_num must be at least 0, was -1");
    assertThatThrownBy(
            () -> AppendInput.builder().records(java.util.List.of()).matchSeqNum(-5L).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AppendInput.match_seq_num must be at least 0, was -5");
    assertThatThrownBy(() -> TestOnlyShapes.builder().ratio(0.5).small(6).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TestOnlyShapes.small must be at most 5, was 6");
    assertThatThrownBy(() -> TestOnlyShapes.builder().ratio(1.5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TestOnlyShapes.ratio must be at most 1.0, was 1.5");
    assertThatThrownBy(() -> TestOnlyShapes.builder().ratio(Double.POSITIVE_INFINITY).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TestOnlyShapes.ratio must be a finite number, was Infinity");
  }

  @Test
  void declaredBoundsAreCheckedOnDecode() {
    assertThat(shapesFailure("\"small\":-6"))
        .isEqualTo("TestOnlyShapes.small must be at least -5, was -6 at path $.small");
    assertThat(shapesFailure("\"small\":2147483648"))
        .isEqualTo("TestOnlyShapes.small must be at most 5, was 2147483648 at path $.small");
    assertThat(
            catchThrowableOfType(
                JsonDataException.class,
                () -> Json.read(TestOnlyShapes.class, "{\"maybe\":null,\"ratio\":1.01}")))
        .hasMessage("TestOnlyShapes.ratio must be at most 1.0, was 1.01 at path $.ratio");
  }

  @Test
  void anEpochSecondsFieldHasAnInstant() throws IOException {
    TestOnlyShapes shapes =
        Json.read(TestOnlyShapes.class, "{\"maybe\":null,\"ratio\":0,\"start_epoch_seconds\":60}");
    assertThat(shapes.startEpochSeconds()).contains(60L);
    // Only fields that are always there get the Instant accessor; an optional one stays an
    // Optional<Long>.
    assertThat(
            java.util.Arrays.stream(TestOnlyShapes.class.getMethods())
                .map(java.lang.reflect.Method::getName))
        .doesNotContain("startInstant");
  }

  private static String tailFailure(String seqNum) {
    return catchThrowableOfType(
            JsonDataException.class,
            () ->
                Json.read(
                    TailResponse.class, "{\"tail\":{\"seq_num\":" + seqNum + ",\"timestamp\":1}}"))
        .getMessage();
  }

  private static String shapesFailure(String field) {
    return catchThrowableOfType(
            JsonDataException.class,
            () -> Json.read(TestOnlyShapes.class, "{\"maybe\":null,\"ratio\":0," + field + "}"))
        .getMessage();
  }
}
