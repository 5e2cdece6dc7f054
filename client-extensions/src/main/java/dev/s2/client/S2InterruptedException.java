package dev.s2.client;

/**
 * The calling thread was interrupted during a request or while waiting to retry one. The thread's interrupt
 * flag is set again before this is thrown.
 */
public final class S2InterruptedException extends S2Exception {
  private static final long serialVersionUID = 1L;

  S2InterruptedException(String message, Throwable cause, int attempts) {
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
