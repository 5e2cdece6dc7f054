package dev.s2.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Stalling S2S append sessions, for ack-timeout tests: after a number of acks the session stops
 * reading, appending and acking (as a server stuck on storage would), while the connection stays
 * open. It resumes when the rule is cancelled, after {@link #forDuration(Duration)} on the server's
 * clock (a {@link ManualClock} makes that a step the test takes), or never (a dropped ack); it ends
 * when the client resets it or the server closes. Inputs the client sent meanwhile are appended
 * only if the session resumes. Immutable.
 */
public final class S2sStall {
  private final int afterAcks;
  private final @Nullable Duration duration;
  private final int times;

  private S2sStall(int afterAcks, @Nullable Duration duration, int times) {
    if (afterAcks < 0) {
      throw new IllegalArgumentException("afterAcks must not be negative, got " + afterAcks);
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new IllegalArgumentException("duration must be positive, got " + duration);
    }
    if (times == 0 || times < -1) {
      throw new IllegalArgumentException("times must be positive, got " + times);
    }
    this.afterAcks = afterAcks;
    this.duration = duration;
    this.times = times;
  }

  /**
   * Stalls after {@code acks} acks (0: before the first input is read); the next matching session
   * only, until the rule is cancelled.
   *
   * @param acks acks sent before the stall
   * @return the plan
   */
  public static S2sStall afterAcks(int acks) {
    return new S2sStall(acks, null, 1);
  }

  /**
   * Resumes by itself once the server's clock has advanced this much since the stall began.
   *
   * @param duration a positive duration
   * @return a copy
   */
  public S2sStall forDuration(Duration duration) {
    return new S2sStall(afterAcks, Objects.requireNonNull(duration, "duration"), times);
  }

  /**
   * Applies to the next {@code sessions} matching sessions.
   *
   * @param sessions how many sessions
   * @return a copy
   */
  public S2sStall times(int sessions) {
    if (sessions <= 0) {
      throw new IllegalArgumentException("sessions must be positive, got " + sessions);
    }
    return new S2sStall(afterAcks, duration, sessions);
  }

  /**
   * Applies to every matching session until cancelled.
   *
   * @return a copy
   */
  public S2sStall repeatedly() {
    return new S2sStall(afterAcks, duration, -1);
  }

  /**
   * @return the acks sent before the stall
   */
  public int afterAckCount() {
    return afterAcks;
  }

  /**
   * @return how long the stall lasts on the server's clock, when bounded
   */
  public Optional<Duration> duration() {
    return Optional.ofNullable(duration);
  }

  /**
   * @return how many sessions, or -1 for every one
   */
  public int times() {
    return times;
  }
}
