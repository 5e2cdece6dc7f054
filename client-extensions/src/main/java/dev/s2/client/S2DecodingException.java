package dev.s2.client;

/**
 * A success response whose body does not match the spec: malformed JSON, a missing required field, a value of
 * the wrong type, an empty body. The message names the JSON path of the problem. Not retryable.
 */
public final class S2DecodingException extends S2Exception {
  private static final long serialVersionUID = 1L;

  S2DecodingException(String message, Throwable cause, int attempts) {
    super(message, cause, attempts);
  }

  /**
   * Always false: the same request would get the same body.
   *
   * @return false
   */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
