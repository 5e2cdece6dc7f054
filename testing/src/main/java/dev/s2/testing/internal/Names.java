package dev.s2.testing.internal;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Name rules of S2 ({@code common/src/basin.rs}, {@code stream.rs}, {@code access.rs}, {@code
 * location.rs}). Each check returns the reason a value is refused, or null when it is fine.
 */
public final class Names {
  private Names() {}

  /**
   * Basin names: 8..48 bytes of lowercase letters, digits and hyphens, not starting or ending with
   * a hyphen. Prefixes and start-after values only obey the length cap, the first character and the
   * alphabet.
   */
  public static @Nullable String basinProblem(String s, String field, boolean prefix) {
    if (s.length() > 48) {
      return "basin " + field + " must not exceed 48 bytes in length";
    }
    if (!prefix && s.length() < 8) {
      return "basin " + field + " should be at least 8 bytes in length";
    }
    if (s.isEmpty()) {
      return null;
    }
    char first = s.charAt(0);
    if (!isLowerOrDigit(first)) {
      return "basin " + field + " must begin with a lowercase letter or number";
    }
    if (!prefix && s.length() > 1 && !isLowerOrDigit(s.charAt(s.length() - 1))) {
      return "basin " + field + " must end with a lowercase letter or number";
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isLowerOrDigit(c) && c != '-') {
        return "basin " + field + " must comprise lowercase letters, numbers, and hyphens";
      }
    }
    return null;
  }

  private static boolean isLowerOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** Stream names: 1..512 bytes, not "." or ".."; prefixes and start-after only obey the cap. */
  public static @Nullable String streamProblem(String s, String field, boolean prefix) {
    if (!prefix && s.isEmpty()) {
      return "stream " + field + " must not be empty";
    }
    if (!prefix && (s.equals(".") || s.equals(".."))) {
      return "stream " + field + " must not be \".\" or \"..\"";
    }
    if (s.getBytes(StandardCharsets.UTF_8).length > 512) {
      return "stream " + field + " must not exceed 512 bytes in length";
    }
    return null;
  }

  /** Access token ids: 1..96 bytes, not "." or "..". */
  public static @Nullable String tokenIdProblem(String s, String field, boolean prefix) {
    if (!prefix && s.isEmpty()) {
      return "access token " + field + " must not be empty";
    }
    if (!prefix && (s.equals(".") || s.equals(".."))) {
      return "access token " + field + " must not be \".\" or \"..\"";
    }
    if (s.getBytes(StandardCharsets.UTF_8).length > 96) {
      return "access token " + field + " must not exceed 96 bytes in length";
    }
    return null;
  }

  /** Location names: 1..64 ASCII letters, digits, colons, hyphens and periods. */
  public static @Nullable String locationProblem(String s) {
    if (s.isEmpty()) {
      return "location name must be at least 1 character in length";
    }
    if (s.codePointCount(0, s.length()) > 64) {
      return "location name must be at most 64 characters in length";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == ':'
              || c == '-'
              || c == '.';
      if (!ok) {
        return "location name must comprise ASCII letters, numbers, colons, hyphens, and periods";
      }
    }
    return null;
  }
}
