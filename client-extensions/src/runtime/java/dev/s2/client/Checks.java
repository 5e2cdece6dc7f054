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

  /**
   * A value sent in an HTTP header (the access token, the user agent): printable ASCII, and for a token no
   * space either. The message names the setting and what is wrong, never the value (it may be a secret).
   */
  static String headerValue(@Nullable String value, String name, boolean spacesAllowed) {
    notBlank(value, name);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean inside = i > 0 && i < value.length() - 1;
      boolean ok = c > ' ' && c < 0x7f || spacesAllowed && inside && (c == ' ' || c == '\t');
      if (!ok) {
        throw new IllegalArgumentException(name + " cannot be sent in an HTTP header: character " + (i + 1) + " of "
            + value.length() + " is " + describe(c) + "; " + (spacesAllowed
                ? "only printable ASCII is allowed, with no space or tab at either end"
                : "only printable ASCII without spaces is allowed")
            + " (the value is not shown)");
      }
    }
    return value;
  }

  private static String describe(char c) {
    if (c == '\r' || c == '\n') {
      return "a line break (CR or LF)";
    }
    if (c == ' ' || c == '\t') {
      return "a space or tab";
    }
    if (c < ' ' || c == 0x7f) {
      return "a control character (U+" + String.format("%04X", (int) c) + ")";
    }
    return "not ASCII";
  }

  /**
   * A value sent as one segment of a URL path. {@code "."} and {@code ".."} cannot be: URLs treat them as the
   * current and parent directory and drop them, in any spelling ({@code %2E} too), so the request would address
   * another resource. S2 accepts such names, but no HTTP client can address them.
   */
  static String pathSegment(String value, String name) {
    if (value.equals(".") || value.equals("..")) {
      throw new IllegalArgumentException(name + " '" + value + "' cannot be sent: a URL path segment of '.' or "
          + "'..' is removed by URL normalization (RFC 3986, section 5.2.4), so the request would reach another "
          + "resource; such a name can be listed, but not addressed over HTTP");
    }
    return value;
  }

  static long range(long value, long min, long max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }
}
