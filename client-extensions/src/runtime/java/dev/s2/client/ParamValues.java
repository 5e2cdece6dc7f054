package dev.s2.client;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The checks the generated params run on every value before any request, with messages naming the parameter,
 * the bound and the value (never the value of a secret).
 */
final class ParamValues {
  private ParamValues() {}

  static <T> T notNull(@Nullable T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  /** A path parameter must survive as one path segment: see {@link Checks#pathSegment}. */
  static void pathSegment(String value, String name) {
    Checks.pathSegment(value, name);
  }

  static void utf8Length(String value, int min, int max, String name) {
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < min || bytes > max) {
      throw new IllegalArgumentException(name + " must be " + min + " to " + max + " bytes of UTF-8, was " + bytes
          + " bytes");
    }
  }

  /** JSON Schema's {@code minLength}/{@code maxLength} count Unicode code points. */
  static void codePoints(String value, int min, int max, String name, boolean secret) {
    int n = value.codePointCount(0, value.length());
    if (n < min || n > max) {
      throw new IllegalArgumentException(name + (max == Integer.MAX_VALUE ? " must be at least " + min
          : " must be " + min + " to " + max) + " characters, was " + n + (secret ? "" : ": '" + value + "'"));
    }
  }

  static void pattern(String value, String regex, String name, boolean secret) {
    if (!Pattern.compile(regex).matcher(value).find()) {
      throw new IllegalArgumentException(name + " must match " + regex + (secret ? "" : ", was '" + value + "'"));
    }
  }

  static void range(long value, long min, long max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + (max == Long.MAX_VALUE ? " must be at least " + min
          : min == Long.MIN_VALUE ? " must be at most " + max : " must be between " + min + " and " + max)
          + ", was " + value);
    }
  }

  static OptionalInt optionalInt(@Nullable Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }

  static OptionalLong optionalLong(@Nullable Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  static <T> Optional<T> optional(@Nullable T value) {
    return Optional.ofNullable(value);
  }
}
