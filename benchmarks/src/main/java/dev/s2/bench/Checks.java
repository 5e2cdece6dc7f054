package dev.s2.bench;

/**
 * Sanity checks run in each benchmark's setup, so a broken decoder or server fails instead of
 * looking fast.
 */
final class Checks {
  private Checks() {}

  static void tokens(int count) {
    same(count, TokenPages.TOKENS_PER_PAGE, "tokens decoded from one page");
  }

  static void same(long actual, long expected, String what) {
    if (actual != expected) {
      throw new IllegalStateException(what + ": expected " + expected + " but was " + actual);
    }
  }
}
