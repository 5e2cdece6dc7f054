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
 *   <li>{@link S2DecodingException}: a success response whose body does not match the spec, or is larger than
 *       the limit on response bodies;
 *   <li>{@link S2PaginationException}: a page that breaks the paging contract (too many items, items out of
 *       order or repeated);
 *   <li>{@link S2InterruptedException}: the calling thread was interrupted, or the client closed, during a call.
 * </ul>
 *
 * <p>Messages never contain a secret: the client masks its access token, the tokens it issued and the value of
 * any {@code access_token} field in the whole message once it is built, and in the messages of the library
 * exceptions kept as causes (their masked stand-ins are then the causes).
 */
public abstract class S2Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How many attempts the call made, retries included. */
  private final int attempts;
  /**
   * Set when the request may have taken effect whatever the status says: a retryable error that ended an S2S append
   * session mid-way (S2 had read the input; whether it appended it is not known). See
   * {@link CallExecutor#neverTookEffect}.
   */
  private volatile boolean outcomeUnknown;
  /** The message with every secret the client knows masked, once it was computed. */
  private volatile @Nullable String maskedMessage;
  private transient volatile @Nullable Throwable maskedCause;

  S2Exception(String message, @Nullable Throwable cause, int attempts) {
    super(message, cause);
    this.attempts = attempts;
  }

  /**
   * Masks every secret the redactor knows in the complete message and in the cause's messages; the client calls
   * it once an exception is built, before it reaches the caller. Idempotent.
   */
  S2Exception masked(Redactor redactor) {
    maskedMessage = redactor.redact(super.getMessage());
    maskedCause = redactor.redact(super.getCause());
    return this;
  }

  /**
   * What went wrong, with every secret masked.
   *
   * @return the message
   */
  @Override
  public @Nullable String getMessage() {
    String masked = maskedMessage;
    return masked != null ? masked : super.getMessage();
  }

  /**
   * The underlying failure; a library exception whose message held a secret is replaced by a masked stand-in.
   *
   * @return the cause, or null
   */
  @Override
  public synchronized @Nullable Throwable getCause() {
    Throwable masked = maskedCause;
    return masked != null ? masked : super.getCause();
  }

  /** Marks the request's outcome as unknown (see the field); returns this. */
  S2Exception outcomeUnknown() {
    outcomeUnknown = true;
    return this;
  }

  boolean isOutcomeUnknown() {
    return outcomeUnknown;
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
