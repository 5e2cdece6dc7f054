package dev.s2.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Masks the secrets the client knows wherever a text could carry them: exception messages (applied to the whole
 * message once it is built, see {@link S2Exception}), the messages of library exceptions kept as causes, body
 * excerpts and HTTP log lines. The one place that decides what a secret looks like in text.
 *
 * <p>The secrets: the client's access token, the secrets of the last {@value #REMEMBERED} tokens it issued, and
 * any other secret handed to {@link #remember} (encryption keys, later). For each, {@link #MASK} replaces:
 * <ul>
 *   <li>the secret, and any run of at least {@value #MIN_RUN} consecutive characters of it: a secret cut by an
 *       excerpt, by a library that shortens what it quotes, or echoed in part;
 *   <li>the same written with JSON escapes ({@code \u002d}, {@code \/}, also escaped again, as in a JSON string
 *       quoted in another), percent escapes ({@code %2D}), or with whitespace between its characters (a body
 *       wrapped over lines);
 *   <li>its UTF-8 bytes in hexadecimal, as okio quotes bytes it cannot parse;
 * </ul>
 * and, whatever the secret, the string value of any JSON {@code "access_token"} field (the secret of a newly
 * issued token, before the client has seen it).
 *
 * <p>A secret shorter than {@value #MIN_RUN} characters is masked only where it stands alone, not inside a longer
 * word, so that a test token such as {@code "t"} does not mask every {@code t}. S2's tokens are much longer.
 *
 * <p>The scan is linear in the text: at each character only the positions of that character in the secrets are
 * tried, and a match extends only while it agrees with a secret.
 */
final class Redactor {
  static final String MASK = "****";
  /** The shortest run of a secret's characters that is masked on its own. */
  static final int MIN_RUN = 12;
  /** How many issued secrets are remembered (the most recent). */
  static final int REMEMBERED = 16;

  private static final Pattern ISSUED_SECRET =
      Pattern.compile("(\"access_token\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(\")");
  private static final Redactor NONE = new Redactor();

  private final List<String> fixed;
  private final ArrayDeque<String> remembered = new ArrayDeque<>();
  private volatile Index index;

  Redactor(String... secrets) {
    List<String> list = new ArrayList<>();
    for (String s : secrets) {
      if (s != null && !s.isEmpty()) {
        list.add(s);
      }
    }
    this.fixed = List.copyOf(list);
    this.index = new Index(fixed);
  }

  /** A redactor that knows no secret (it still masks {@code "access_token"} values). */
  static Redactor none() {
    return NONE;
  }

  /** Adds a secret to mask from now on, such as the secret of a token just issued; keeps the last few. */
  void remember(String secret) {
    if (secret == null || secret.isEmpty() || this == NONE) {
      return;
    }
    synchronized (remembered) {
      if (remembered.contains(secret)) {
        return;
      }
      if (remembered.size() == REMEMBERED) {
        remembered.removeFirst();
      }
      remembered.addLast(secret);
      List<String> all = new ArrayList<>(fixed);
      all.addAll(remembered);
      index = new Index(all);
    }
  }

  /** The text with every secret masked; null stays null. */
  @Nullable String redact(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String masked = text.indexOf("access_token") >= 0 ? maskIssuedSecrets(text) : text;
    return index.mask(masked);
  }

  /**
   * The throwable itself when no message in it (its causes and suppressed exceptions included) holds a secret;
   * otherwise a stand-in with every message masked and the same stack traces.
   */
  @Nullable Throwable redact(@Nullable Throwable t) {
    if (t == null || !holdsSecret(t, Collections.newSetFromMap(new IdentityHashMap<>()))) {
      return t;
    }
    return RedactedThrowable.of(t, this, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private boolean holdsSecret(Throwable t, Set<Throwable> seen) {
    if (!seen.add(t)) {
      return false;
    }
    String message = t.getMessage();
    if (message != null && !message.equals(redact(message))) {
      return true;
    }
    for (Throwable s : t.getSuppressed()) {
      if (holdsSecret(s, seen)) {
        return true;
      }
    }
    return t.getCause() != null && holdsSecret(t.getCause(), seen);
  }

  private static String maskIssuedSecrets(String text) {
    Matcher m = ISSUED_SECRET.matcher(text);
    return m.find() ? m.replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3") : text;
  }

  /**
   * A library exception whose message held a secret: its class name and masked message, its stack trace, and
   * its cause and suppressed exceptions, masked the same way.
   */
  static final class RedactedThrowable extends Exception {
    private static final long serialVersionUID = 1L;
    private final String originalClass;

    private RedactedThrowable(Throwable original, Redactor redactor, @Nullable Throwable cause) {
      super(redactor.redact(original.getMessage()), cause, true, true);
      this.originalClass = original.getClass().getName();
      setStackTrace(original.getStackTrace());
    }

    static RedactedThrowable of(Throwable original, Redactor redactor, Set<Throwable> seen) {
      seen.add(original);
      Throwable cause = original.getCause();
      RedactedThrowable maskedCause = cause != null && !seen.contains(cause) ? of(cause, redactor, seen) : null;
      RedactedThrowable masked = new RedactedThrowable(original, redactor, maskedCause);
      for (Throwable s : original.getSuppressed()) {
        if (!seen.contains(s)) {
          masked.addSuppressed(of(s, redactor, seen));
        }
      }
      return masked;
    }

    /** The class of the exception this one stands for. */
    String originalClass() {
      return originalClass;
    }

    @Override
    public String toString() {
      String message = getMessage();
      return originalClass + " (message masked by the S2 client)" + (message == null ? "" : ": " + message);
    }
  }

  /** Where each character occurs in the secrets' forms, for one linear scan of a text. */
  private static final class Index {
    private final List<String> forms = new ArrayList<>();
    private final Map<Character, long[]> positions = new HashMap<>();

    Index(List<String> secrets) {
      for (String secret : secrets) {
        forms.add(secret);
        if (secret.length() >= MIN_RUN) {
          String hex = hex(secret.getBytes(StandardCharsets.UTF_8));
          forms.add(hex);
          forms.add(hex.toUpperCase(java.util.Locale.ROOT));
        }
      }
      Map<Character, List<Long>> byChar = new HashMap<>();
      for (int f = 0; f < forms.size(); f++) {
        String form = forms.get(f);
        for (int j = 0; j < form.length(); j++) {
          byChar.computeIfAbsent(form.charAt(j), c -> new ArrayList<>()).add(((long) f << 32) | j);
        }
      }
      byChar.forEach((c, list) -> positions.put(c, list.stream().mapToLong(Long::longValue).toArray()));
    }

    String mask(String text) {
      if (forms.isEmpty()) {
        return text;
      }
      StringBuilder out = null;
      int copied = 0;
      int n = text.length();
      int i = 0;
      while (i < n) {
        long decoded = decode(text, i);
        char c = (char) decoded;
        int next = i + (int) (decoded >>> 32);
        long[] candidates = Character.isWhitespace(c) ? null : positions.get(c);
        int bestEnd = -1;
        if (candidates != null) {
          for (long candidate : candidates) {
            int end = matchEnd(text, i, forms.get((int) (candidate >>> 32)), (int) candidate);
            if (end > bestEnd) {
              bestEnd = end;
            }
          }
        }
        if (bestEnd > i) {
          if (out == null) {
            out = new StringBuilder(text.length());
          }
          out.append(text, copied, i).append(MASK);
          copied = bestEnd;
          i = bestEnd;
        } else {
          i = next;
        }
      }
      return out == null ? text : out.append(text, copied, n).toString();
    }

    /** Where a maskable match of {@code form} from its index {@code j} ends in the text, or -1. */
    private static int matchEnd(String text, int start, String form, int j) {
      int p = start;
      int matched = 0;
      int end = -1;
      while (p < text.length() && j + matched < form.length()) {
        long decoded = decode(text, p);
        char d = (char) decoded;
        int len = (int) (decoded >>> 32);
        if (matched > 0 && Character.isWhitespace(d)) {
          p += len;
          continue;
        }
        if (d != form.charAt(j + matched)) {
          break;
        }
        matched++;
        p += len;
        end = p;
      }
      if (form.length() >= MIN_RUN) {
        return matched >= MIN_RUN ? end : -1;
      }
      boolean whole = j == 0 && matched == form.length();
      return whole && standsAlone(text, start, end) ? end : -1;
    }

    private static boolean standsAlone(String text, int start, int end) {
      return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
          && (end >= text.length() || !Character.isLetterOrDigit(text.charAt(end)));
    }

    /**
     * The character written at {@code i}, undoing a JSON escape ({@code \u0041}, {@code \/}, {@code \n}), also
     * when escaped again ({@code \\u0041}: a JSON string quoted in another), or a percent escape ({@code %41});
     * packed as {@code (length << 32) | char}.
     */
    private static long decode(String s, int i) {
      char c = s.charAt(i);
      if (c == '\\') {
        int e = i + 1;
        while (e < s.length() && s.charAt(e) == '\\') {
          e++;
        }
        if (e < s.length()) {
          char escaped = s.charAt(e);
          if (escaped == 'u' && e + 4 < s.length()) {
            int v = hexValue(s, e + 1, 4);
            if (v >= 0) {
              return ((long) (e + 5 - i) << 32) | v;
            }
          }
          int simple = "/\"bfnrt".indexOf(escaped);
          if (simple >= 0) {
            return ((long) (e + 1 - i) << 32) | "/\"\b\f\n\r\t".charAt(simple);
          }
        }
      } else if (c == '%' && i + 2 < s.length()) {
        int v = hexValue(s, i + 1, 2);
        if (v >= 0 && v < 0x80) {
          return (3L << 32) | v;
        }
      }
      return (1L << 32) | c;
    }

    private static int hexValue(String s, int from, int count) {
      int v = 0;
      for (int k = from; k < from + count; k++) {
        int d = Character.digit(s.charAt(k), 16);
        if (d < 0) {
          return -1;
        }
        v = v * 16 + d;
      }
      return v;
    }

    private static String hex(byte[] bytes) {
      StringBuilder sb = new StringBuilder(bytes.length * 2);
      for (byte b : bytes) {
        sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return sb.toString();
    }
  }
}
