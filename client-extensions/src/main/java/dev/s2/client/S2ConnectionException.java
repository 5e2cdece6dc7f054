package dev.s2.client;

import org.jspecify.annotations.Nullable;

/**
 * The request got no usable answer from the service: the connection was refused or reset, the
 * response (its status line, headers or body) was cut off or malformed at the HTTP level, or
 * (subtype {@link S2TimeoutException}) a timeout ran out. The cause holds the underlying I/O error.
 */
public class S2ConnectionException extends S2Exception {
  private static final long serialVersionUID = 1L;

  S2ConnectionException(String message, @Nullable Throwable cause, int attempts) {
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
