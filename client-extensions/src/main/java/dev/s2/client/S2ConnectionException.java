package dev.s2.client;

/**
 * The request got no answer from the service: the connection was refused or reset, the response was cut
 * off, or (subtype {@link S2TimeoutException}) a timeout ran out. The cause holds the underlying I/O error.
 */
public class S2ConnectionException extends S2Exception {
  private static final long serialVersionUID = 1L;

  S2ConnectionException(String message, Throwable cause, int attempts) {
    super(message, cause, attempts);
  }

  /**
   * Always true: a later attempt may reach the service.
   *
   * @return true
   */
  @Override
  public boolean isRetryable() {
    return true;
  }
}
