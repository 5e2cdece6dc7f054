package dev.s2.client;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Argument checks that fail before any request, with a message naming the parameter and what it allows. */
final class Checks {
  private static final Duration MAX_DURATION = Duration.ofHours(1);

  private Checks() {}

  static <T> T notNull(@Nullable T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  static String notBlank(@Nullable String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be null or blank");
    }
    return value;
  }

  /** A timeout or delay setting: more than zero and at most one hour. */
  static Duration duration(@Nullable Duration d, String name) {
    if (d == null || d.isZero() || d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(name + " must be more than 0 and at most 1 hour, was " + d);
    }
    return d;
  }

  static long range(long value, long min, long max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }
}
