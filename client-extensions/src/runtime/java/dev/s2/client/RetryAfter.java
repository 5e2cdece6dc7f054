package dev.s2.client;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Reads the delay a response asks for: S2's {@code retry-after-ms} (milliseconds) first, then the standard
 * {@code Retry-After} (seconds, or an HTTP date measured against the injected clock).
 */
final class RetryAfter {
  private RetryAfter() {}

  static @Nullable Duration parse(Headers headers, Clock clock) {
    String ms = headers.get("retry-after-ms");
    if (ms != null) {
      Duration d = parseNumber(ms.trim(), true);
      if (d != null) {
        return d;
      }
    }
    String value = headers.get("Retry-After");
    if (value == null) {
      return null;
    }
    value = value.trim();
    Duration seconds = parseNumber(value, false);
    if (seconds != null) {
      return seconds;
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), at.toInstant());
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static @Nullable Duration parseNumber(String value, boolean millis) {
    try {
      double n = Double.parseDouble(value);
      if (!(n >= 0) || Double.isInfinite(n)) {
        return null;
      }
      long nanos = (long) Math.min(n * (millis ? 1e6 : 1e9), Long.MAX_VALUE);
      return Duration.ofNanos(nanos);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
