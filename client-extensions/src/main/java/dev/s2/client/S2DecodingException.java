package dev.s2.client;

import org.jspecify.annotations.Nullable;

/**
 * A success response whose body does not match the spec: malformed JSON, a missing required field,
 * a value of the wrong type, an empty body (the message names the JSON path of the problem); or a
 * body larger than the limit on response bodies (the message names the limit; see {@link
 * S2Client.Builder#maxResponseBytes}), which is not read further. Not retryable.
 */
public final class S2DecodingException extends S2Exception {
  private static final long serialVersionUID = 1L;

  S2DecodingException(String message, @Nullable Throwable cause, int attempts) {
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
