package dev.s2.client;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes RFC 3339 date-times ({@code format: date-time}) as {@link OffsetDateTime}. Moshi has no
 * {@code java.time} adapter. RFC 3339's {@code 2026-05-01T12:00:00[.f...](Z|+hh:mm)} is parsed by hand, strictly
 * and without the cost of {@link DateTimeFormatter}; anything else fails with a {@link JsonDataException} naming
 * the JSON path. Fractions beyond nanoseconds are truncated; a leap second ({@code :60}) reads as the next
 * instant. RFC 3339 allows offsets up to 23:59, {@link OffsetDateTime} only up to 18:00: a larger offset is
 * rejected like any other invalid value. The value is quoted in the message, cut to its first 100 characters.
 */
final class OffsetDateTimeJsonAdapter extends JsonAdapter<OffsetDateTime> {
  /** The largest offset {@link ZoneOffset} holds: 18:00. */
  private static final int MAX_OFFSET_MINUTES = 18 * 60;

  static final JsonAdapter.Factory FACTORY = (type, annotations, moshi) ->
      type == OffsetDateTime.class && annotations.isEmpty() ? new OffsetDateTimeJsonAdapter().nullSafe() : null;

  @Override
  public OffsetDateTime fromJson(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.STRING) {
      throw new JsonDataException(
          "Expected an RFC 3339 date-time string but was " + reader.peek() + " at path " + reader.getPath());
    }
    String text = reader.nextString();
    OffsetDateTime parsed = parse(text);
    if (parsed == null) {
      throw new JsonDataException(
          "Expected an RFC 3339 date-time but was " + Texts.quote(text) + " at path " + reader.getPath());
    }
    return parsed;
  }

  @Override
  public void toJson(JsonWriter writer, @Nullable OffsetDateTime value) throws IOException {
    writer.value(value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
  }

  /** Parses an RFC 3339 date-time (section 5.6); null when the text is not one. */
  static @Nullable OffsetDateTime parse(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    char t = s.charAt(10);
    if (t != 'T' && t != 't' && t != ' ') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && isDigit(s.charAt(i))) {
        if (i - start < 9) {
          nanos = nanos * 10 + (s.charAt(i) - '0');
        }
        i++;
      }
      int count = i - start;
      if (count == 0) {
        return null;
      }
      for (int k = count; k < 9; k++) {
        nanos *= 10;
      }
    }
    if (i >= n) {
      return null;
    }
    ZoneOffset offset;
    char z = s.charAt(i);
    if ((z == 'Z' || z == 'z') && i + 1 == n) {
      offset = ZoneOffset.UTC;
    } else if ((z == '+' || z == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, 2);
      int om = digits(s, i + 4, 2);
      if ((oh | om) < 0 || oh > 23 || om > 59 || oh * 60 + om > MAX_OFFSET_MINUTES) {
        return null;
      }
      int total = oh * 3600 + om * 60;
      offset = ZoneOffset.ofTotalSeconds(z == '-' ? -total : total);
    } else {
      return null;
    }
    try {
      if (second == 60) { // RFC 3339 leap second: the instant after :59
        return OffsetDateTime.of(year, month, day, hour, minute, 59, nanos, offset).plusSeconds(1);
      }
      return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  @Override
  public String toString() {
    return "JsonAdapter(OffsetDateTime)";
  }
}
