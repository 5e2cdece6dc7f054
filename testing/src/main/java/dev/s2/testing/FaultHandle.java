package dev.s2.testing;

import java.time.Duration;

/**
 * A fault rule that is installed: how often it fired, waiting for it, and removing it. Thread-safe.
 */
public interface FaultHandle {
  /**
   * How many times the fault was applied so far (errors answered, sessions cut or silenced, texts
   * injected).
   *
   * @return the count
   */
  int triggered();

  /**
   * Waits until the fault was applied at least {@code count} times.
   *
   * @param count the count to reach
   * @param timeout how long to wait at most
   * @return true when reached, false on timeout
   * @throws InterruptedException when interrupted
   */
  boolean awaitTriggered(int count, Duration timeout) throws InterruptedException;

  /**
   * Whether the rule still applies to new requests (not cancelled, budget not used up).
   *
   * @return true while active
   */
  boolean active();

  /** Removes the rule; silenced sessions resume. */
  void cancel();
}
