package dev.s2.bench;

/** The floor of {@link ColdStart}: a JVM from the same jar that prints one line and exits. */
public final class Hello {
  private Hello() {}

  /**
   * Prints one line.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
