package dev.s2.testing;

import java.util.Objects;

/**
 * Cutting S2S sessions ({@code Content-Type: s2s/proto}, append and read): once a session has sent
 * or received a number of frames or bytes, its HTTP/2 stream is reset (the default) or its whole
 * connection closed. Immutable.
 *
 * <ul>
 *   <li>{@link Measure#FRAMES_SENT}: after that many whole frames went out (acks of an append
 *       session, batches and heartbeats of a read session), when the next one is due: in an append
 *       session the input whose ack was due has been appended, the inputs the client pipelined
 *       behind it never are.
 *   <li>{@link Measure#BYTES_SENT}: after that many body bytes went out, usually in the middle of a
 *       frame.
 *   <li>{@link Measure#FRAMES_RECEIVED}: append sessions only; right after the n-th input was
 *       appended, before its ack goes out: a batch appended whose ack is lost.
 *   <li>{@link Measure#BYTES_RECEIVED}: append sessions only; once that many request body bytes
 *       were read, usually in the middle of an input, which is then never appended.
 * </ul>
 *
 * <p>With {@link #randomly(Measure, long, long, long)} each cut session draws its budget from one
 * {@link java.util.Random} seeded once, so a run is reproducible when sessions start in the same
 * order.
 */
public final class S2sCut {
  /** What a cut counts. */
  public enum Measure {
    /** Whole frames written by the server. */
    FRAMES_SENT,
    /** Response body bytes written by the server. */
    BYTES_SENT,
    /** Inputs of an append session appended by the server. */
    FRAMES_RECEIVED,
    /** Request body bytes of an append session read by the server. */
    BYTES_RECEIVED
  }

  private final Measure measure;
  private final long min;
  private final long max;
  private final boolean random;
  private final long seed;
  private final int times;
  private final boolean closeConnection;

  private S2sCut(
      Measure measure,
      long min,
      long max,
      boolean random,
      long seed,
      int times,
      boolean closeConnection) {
    this.measure = Objects.requireNonNull(measure, "measure");
    if (min < 0 || max < min) {
      throw new IllegalArgumentException(
          "bounds must satisfy 0 <= min <= max, got min " + min + ", max " + max);
    }
    if ((measure == Measure.FRAMES_RECEIVED) && min == 0) {
      throw new IllegalArgumentException(
          "a cut after inputs received needs at least 1 input, got 0");
    }
    this.min = min;
    this.max = max;
    this.random = random;
    this.seed = seed;
    this.times = times;
    this.closeConnection = closeConnection;
  }

  /**
   * Cuts after {@code frames} frames were sent (0: right after the response headers).
   *
   * @param frames whole frames written before the cut
   * @return the plan, for the next matching session only
   */
  public static S2sCut afterFramesSent(long frames) {
    return new S2sCut(Measure.FRAMES_SENT, frames, frames, false, 0, 1, false);
  }

  /**
   * Cuts after exactly {@code bytes} response body bytes were sent.
   *
   * @param bytes body bytes written before the cut
   * @return the plan, for the next matching session only
   */
  public static S2sCut afterBytesSent(long bytes) {
    return new S2sCut(Measure.BYTES_SENT, bytes, bytes, false, 0, 1, false);
  }

  /**
   * Cuts an append session right after its {@code inputs}-th input was appended, before that
   * input's ack is sent.
   *
   * @param inputs inputs appended before the cut, at least 1
   * @return the plan, for the next matching session only
   */
  public static S2sCut afterFramesReceived(long inputs) {
    return new S2sCut(Measure.FRAMES_RECEIVED, inputs, inputs, false, 0, 1, false);
  }

  /**
   * Cuts an append session once {@code bytes} request body bytes were read.
   *
   * @param bytes request body bytes read before the cut
   * @return the plan, for the next matching session only
   */
  public static S2sCut afterBytesReceived(long bytes) {
    return new S2sCut(Measure.BYTES_RECEIVED, bytes, bytes, false, 0, 1, false);
  }

  /**
   * Cuts after a budget drawn uniformly from {@code [min, max]} for each session.
   *
   * @param measure what the budget counts
   * @param seed the seed of the draws
   * @param min the smallest budget
   * @param max the largest budget
   * @return the plan, for the next matching session only unless {@link #times(int)} or {@link
   *     #repeatedly()}
   */
  public static S2sCut randomly(Measure measure, long seed, long min, long max) {
    return new S2sCut(measure, min, max, true, seed, 1, false);
  }

  /**
   * Applies to the next {@code sessions} matching sessions.
   *
   * @param sessions how many sessions to cut
   * @return a copy
   */
  public S2sCut times(int sessions) {
    if (sessions <= 0) {
      throw new IllegalArgumentException("sessions must be positive, got " + sessions);
    }
    return new S2sCut(measure, min, max, random, seed, sessions, closeConnection);
  }

  /**
   * Applies to every matching session until cancelled.
   *
   * @return a copy
   */
  public S2sCut repeatedly() {
    return new S2sCut(measure, min, max, random, seed, -1, closeConnection);
  }

  /**
   * Closes the whole connection (every stream on it) instead of resetting the session's HTTP/2
   * stream.
   *
   * @return a copy
   */
  public S2sCut closingConnection() {
    return new S2sCut(measure, min, max, random, seed, times, true);
  }

  /**
   * @return what the budget counts
   */
  public Measure measure() {
    return measure;
  }

  /**
   * @return the smallest budget
   */
  public long min() {
    return min;
  }

  /**
   * @return the largest budget
   */
  public long max() {
    return max;
  }

  /**
   * @return whether budgets are drawn at random
   */
  public boolean random() {
    return random;
  }

  /**
   * @return the seed of random budgets
   */
  public long seed() {
    return seed;
  }

  /**
   * @return how many sessions, or -1 for every one
   */
  public int times() {
    return times;
  }

  /**
   * @return whether the connection is closed rather than the stream reset
   */
  public boolean closesConnection() {
    return closeConnection;
  }

  @Override
  public String toString() {
    return "S2sCut{"
        + measure
        + " "
        + (min == max ? Long.toString(min) : min + ".." + max)
        + (closeConnection ? ", closing the connection" : "")
        + "}";
  }
}
