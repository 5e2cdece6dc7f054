package dev.s2.contract;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Looks for the client's access token in a text, the way a reader of a log would find it: any 12
 * consecutive characters of it (the shortest part the client promises to mask), in the text as
 * written and once JSON escapes ({@code \u0041}, {@code \/}, {@code \n}), percent escapes and
 * whitespace are undone, and in hex. Independent of the client's own masking, which it checks.
 */
final class Secrets {
  static final int RUN = 12;
  private static final String TOKEN = Clients.TOKEN;
  private static final String HEX =
      HexFormat.of().formatHex(TOKEN.getBytes(StandardCharsets.UTF_8));

  private Secrets() {}

  /** The part of the token found in the text, if any. */
  static Optional<String> find(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String normalized = normalize(text);
    for (String secret : new String[] {TOKEN, HEX, HEX.toUpperCase(java.util.Locale.ROOT)}) {
      for (int i = 0; i + RUN <= secret.length(); i++) {
        String run = secret.substring(i, i + RUN);
        if (text.contains(run) || normalized.contains(run)) {
          return Optional.of(run);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The part of the token found in the throwable's printed stack trace (message, causes,
   * suppressed), if any.
   */
  static Optional<String> find(Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    return find(trace.toString());
  }

  private static String normalize(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 5 < s.length() && s.charAt(i + 1) == 'u' && isHex(s, i + 2, 4)) {
        out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 5;
      } else if (c == '\\' && i + 1 < s.length() && "/nrt".indexOf(s.charAt(i + 1)) >= 0) {
        if (s.charAt(i + 1) == '/') {
          out.append('/');
        }
        i += 1;
      } else if (c == '%' && i + 2 < s.length() && isHex(s, i + 1, 2)) {
        out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else if (!Character.isWhitespace(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isHex(String s, int from, int count) {
    for (int k = from; k < from + count; k++) {
      if (Character.digit(s.charAt(k), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
