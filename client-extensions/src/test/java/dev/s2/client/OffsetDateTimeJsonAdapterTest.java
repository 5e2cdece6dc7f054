package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.s2.model.AccessTokenInfo;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OffsetDateTimeJsonAdapterTest {
  private final JsonAdapter<OffsetDateTime> adapter = S2Json.adapter(OffsetDateTime.class);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2027-03-01T12:30:45Z", "2027-03-01T12:30:45.1Z", "2027-03-01T12:30:45.123456789Z",
        "2027-03-01T12:30:45+05:30", "2027-03-01T12:30:45.5-08:00", "1970-01-01T00:00:00Z",
        "2024-02-29T23:59:59.999+00:00", "2027-03-01T12:30:45+14:00"
      })
  void agreesWithJavaTimeOnRfc3339(String text) {
    assertThat(OffsetDateTimeJsonAdapter.parse(text)).isEqualTo(OffsetDateTime.parse(text));
  }

  @Test
  void acceptsTheLowercaseAndSpaceFormsOfRfc3339() {
    OffsetDateTime expected = OffsetDateTime.of(2027, 3, 1, 12, 30, 45, 0, ZoneOffset.UTC);
    assertThat(OffsetDateTimeJsonAdapter.parse("2027-03-01t12:30:45z")).isEqualTo(expected);
    assertThat(OffsetDateTimeJsonAdapter.parse("2027-03-01 12:30:45Z")).isEqualTo(expected);
  }

  @Test
  void keepsMoreThanNanosecondDigitsToNanoseconds() {
    assertThat(OffsetDateTimeJsonAdapter.parse("2027-03-01T12:30:45.1234567891Z").getNano())
        .isEqualTo(123456789);
  }

  @Test
  void aLeapSecondIsTheNextInstant() {
    assertThat(OffsetDateTimeJsonAdapter.parse("2016-12-31T23:59:60Z"))
        .isEqualTo(OffsetDateTime.of(2017, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2027-13-01T12:30:45Z",
        "2027-02-30T00:00:00Z",
        "2027-03-01",
        "yesterday",
        "2027-03-01T12:30:45",
        "2027-03-01T12:30:45.Z",
        "2027-03-01T25:00:00Z",
        "2027-03-01T12:30:45+24:00"
      })
  void rejectsWhatIsNotAnRfc3339DateTime(String text) {
    assertThat(OffsetDateTimeJsonAdapter.parse(text)).isNull();
    assertThatThrownBy(() -> adapter.fromJson("\"" + text + "\""))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Expected an RFC 3339 date-time but was '" + text + "' at path $");
  }

  @Test
  void aNonStringNamesItsPath() {
    assertThatThrownBy(
            () ->
                S2Json.adapter(AccessTokenInfo.class)
                    .fromJson("{\"id\":\"a\",\"scope\":{},\"expires_at\":1700000000}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Expected an RFC 3339 date-time string but was NUMBER at path $.expires_at");
  }

  @Test
  void writesIso8601WithOffset() throws IOException {
    OffsetDateTime t =
        OffsetDateTime.of(2027, 3, 1, 12, 30, 45, 120_000_000, ZoneOffset.ofHours(2));
    assertThat(adapter.toJson(t)).isEqualTo("\"2027-03-01T12:30:45.12+02:00\"");
    assertThat(adapter.fromJson(adapter.toJson(t))).isEqualTo(t);
    assertThat(adapter.fromJson("null")).isNull();
  }
}
