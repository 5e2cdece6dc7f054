package dev.s2.client;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception the S2 client throws. Unchecked: nothing else escapes the public API
 * (no {@code IOException}, no Moshi exception, no {@code NullPointerException} from a bad response).
 *
 * <ul>
 *   <li>{@link S2ServiceException}: the service answered with an error status (one subtype per status);
 *   <li>{@link S2ConnectionException}: the request did not get an answer (I/O failure), with
 *       {@link S2TimeoutException} when a timeout ran out;
 *   <li>{@link S2DecodingException}: a success response whose body does not match the spec;
 *   <li>{@link S2PaginationException}: a page walk that the server led in a loop;
 *   <li>{@link S2InterruptedException}: the calling thread was interrupted.
 * </ul>
 *
 * <p>Messages never contain the access token.
 */
public abstract class S2Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How many attempts the call made, retries included. */
  private final int attempts;

  S2Exception(String message, @Nullable Throwable cause, int attempts) {
    super(message, cause);
    this.attempts = attempts;
  }

  /**
   * How many attempts were made before this exception was thrown (1 when the request was not retried,
   * 0 when it failed before any attempt).
   *
   * @return the number of attempts
   */
  public int attempts() {
    return attempts;
  }

  /**
   * Whether sending the same request again could succeed (a timeout, a rate limit, an unavailable server).
   *
   * @return true for transient failures
   */
  public abstract boolean isRetryable();
}
