package dev.s2.client;

import org.jspecify.annotations.Nullable;

/**
 * A call was stopped before it finished: the calling thread was interrupted during a request or
 * while waiting to retry one (the thread's interrupt flag is then set again before this is thrown),
 * or the {@link S2Client} was closed while the call was in flight. The request in flight was
 * cancelled and no retry followed.
 */
public final class S2InterruptedException extends S2Exception {
  private static final long serialVersionUID = 1L;

  S2InterruptedException(String message, @Nullable Throwable cause, int attempts) {
    super(message, cause, attempts);
  }

  /**
   * Always false: the caller asked to stop.
   *
   * @return false
   */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
