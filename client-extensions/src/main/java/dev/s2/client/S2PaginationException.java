package dev.s2.client;

/**
 * A page walk stopped because the server returned a cursor it had already returned in this walk, which would
 * otherwise loop for ever. Not retryable.
 */
public final class S2PaginationException extends S2Exception {
  private static final long serialVersionUID = 1L;

  S2PaginationException(String message) {
    super(message, null, 0);
  }

  /**
   * Always false.
   *
   * @return false
   */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
