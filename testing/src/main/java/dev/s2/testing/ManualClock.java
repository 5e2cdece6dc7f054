package dev.s2.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that only moves when told, for tests without real waiting: give it to {@link
 * EmbeddedS2.Builder#clock(Clock)} and the server's timestamps, pings, long polls ({@code wait})
 * and session deadlines follow it; every {@link #advance(Duration)} wakes the server's waiting
 * sessions to look at the new time. Thread-safe.
 */
public final class ManualClock extends Clock {
  private volatile Instant now;
  private final List<Runnable> listeners;

  /**
   * A clock at {@code start}.
   *
   * @param start the initial instant
   */
  public ManualClock(Instant start) {
    this(start, new CopyOnWriteArrayList<>());
  }

  private ManualClock(Instant start, List<Runnable> listeners) {
    this.now = Objects.requireNonNull(start, "start");
    this.listeners = listeners;
  }

  /**
   * Moves the clock forward and wakes whoever waits on it.
   *
   * @param amount a non-negative duration
   */
  public void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("amount must not be negative, got " + amount);
    }
    synchronized (this) {
      now = now.plus(amount);
    }
    listeners.forEach(Runnable::run);
  }

  /**
   * Registers a callback run after every advance (the server uses this to wake its sessions).
   *
   * @param listener the callback
   */
  public void onAdvance(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a callback.
   *
   * @param listener the callback given to {@link #onAdvance(Runnable)}
   */
  public void removeListener(Runnable listener) {
    listeners.remove(listener);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (ZoneOffset.UTC.equals(zone)) {
      return this;
    }
    throw new UnsupportedOperationException("ManualClock runs in UTC only");
  }

  @Override
  public String toString() {
    return "ManualClock[" + now + "]";
  }
}
