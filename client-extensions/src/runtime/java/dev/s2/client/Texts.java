package dev.s2.client;

/** How the client quotes a value it received in a message: in quotes, and short, whatever its size. */
final class Texts {
  /** The most characters of a value quoted in a message. */
  static final int QUOTED_CHARS = 100;

  private Texts() {}

  /** {@code 'value'}, or its first {@value #QUOTED_CHARS} characters and how long it was. */
  static String quote(String value) {
    if (value.length() <= QUOTED_CHARS) {
      return "'" + value + "'";
    }
    return "'" + value.substring(0, QUOTED_CHARS) + "'... (" + value.length() + " characters)";
  }
}
