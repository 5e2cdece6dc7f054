package dev.s2.testing;

/**
 * Silencing SSE read sessions: after a number of events the session writes nothing more (no
 * batches, no pings) while keeping the connection open, so that a client's idle watchdog fires. A
 * silenced session resumes when its rule is cancelled and ends with the server. Immutable.
 */
public final class SseSilence {
  private final int afterEvents;
  private final int times;

  private SseSilence(int afterEvents, int times) {
    if (afterEvents < 0) {
      throw new IllegalArgumentException("afterEvents must not be negative, got " + afterEvents);
    }
    if (times == 0 || times < -1) {
      throw new IllegalArgumentException("times must be positive, got " + times);
    }
    this.afterEvents = afterEvents;
    this.times = times;
  }

  /**
   * Silence after {@code events} events (0: right after the headers); the next matching session
   * only.
   *
   * @param events events written before the silence
   * @return the plan
   */
  public static SseSilence afterEvents(int events) {
    return new SseSilence(events, 1);
  }

  /**
   * Applies to the next {@code sessions} matching sessions.
   *
   * @param sessions how many sessions
   * @return a copy
   */
  public SseSilence times(int sessions) {
    if (sessions <= 0) {
      throw new IllegalArgumentException("sessions must be positive, got " + sessions);
    }
    return new SseSilence(afterEvents, sessions);
  }

  /**
   * Applies to every matching session until cancelled.
   *
   * @return a copy
   */
  public SseSilence repeatedly() {
    return new SseSilence(afterEvents, -1);
  }

  /**
   * @return the events written before the silence
   */
  public int afterEvents() {
    return afterEvents;
  }

  /**
   * @return how many sessions, or -1 for every one
   */
  public int times() {
    return times;
  }
}
