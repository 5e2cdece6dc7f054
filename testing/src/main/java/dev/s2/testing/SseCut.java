package dev.s2.testing;

/**
 * Cutting SSE read sessions: the connection is aborted (no final chunk on HTTP/1.1, a reset on
 * HTTP/2) once a session has written a number of body bytes, usually in the middle of an event.
 * Immutable.
 *
 * <p>With {@link #randomly(long, long, long)} each cut session draws its byte budget from one
 * {@link java.util.Random} seeded once, so a run is reproducible when sessions start in the same
 * order.
 */
public final class SseCut {
  private final long seed;
  private final long minBytes;
  private final long maxBytes;
  private final boolean random;
  private final int times;

  private SseCut(long seed, long minBytes, long maxBytes, boolean random, int times) {
    if (minBytes < 0 || maxBytes < minBytes) {
      throw new IllegalArgumentException(
          "byte bounds must satisfy 0 <= min <= max, got min " + minBytes + ", max " + maxBytes);
    }
    if (times == 0 || times < -1) {
      throw new IllegalArgumentException("times must be positive, got " + times);
    }
    this.seed = seed;
    this.minBytes = minBytes;
    this.maxBytes = maxBytes;
    this.random = random;
    this.times = times;
  }

  /**
   * Cuts after exactly {@code bytes} body bytes; the next matching session only.
   *
   * @param bytes the body bytes written before the cut (0 cuts right after the headers)
   * @return the plan
   */
  public static SseCut afterBytes(long bytes) {
    return new SseCut(0, bytes, bytes, false, 1);
  }

  /**
   * Cuts after a number of body bytes drawn uniformly from {@code [minBytes, maxBytes]} for each
   * session; the next matching session only unless {@link #times(int)} or {@link #repeatedly()}
   * says otherwise.
   *
   * @param seed the seed of the draws
   * @param minBytes the smallest budget
   * @param maxBytes the largest budget
   * @return the plan
   */
  public static SseCut randomly(long seed, long minBytes, long maxBytes) {
    return new SseCut(seed, minBytes, maxBytes, true, 1);
  }

  /**
   * Applies to the next {@code sessions} matching sessions.
   *
   * @param sessions how many sessions to cut
   * @return a copy
   */
  public SseCut times(int sessions) {
    if (sessions <= 0) {
      throw new IllegalArgumentException("sessions must be positive, got " + sessions);
    }
    return new SseCut(seed, minBytes, maxBytes, random, sessions);
  }

  /**
   * Applies to every matching session until cancelled.
   *
   * @return a copy
   */
  public SseCut repeatedly() {
    return new SseCut(seed, minBytes, maxBytes, random, -1);
  }

  /**
   * @return the seed of random budgets
   */
  public long seed() {
    return seed;
  }

  /**
   * @return the smallest budget in bytes
   */
  public long minBytes() {
    return minBytes;
  }

  /**
   * @return the largest budget in bytes
   */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * @return whether budgets are drawn at random
   */
  public boolean random() {
    return random;
  }

  /**
   * @return how many sessions, or -1 for every one
   */
  public int times() {
    return times;
  }
}
