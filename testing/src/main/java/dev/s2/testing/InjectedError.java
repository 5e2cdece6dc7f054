package dev.s2.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An error the embedded S2 answers instead of handling a request (or sends as an SSE {@code error}
 * event): a status, an S2 error code and message in the usual {@code {"code", "message"}} body, and
 * optionally a {@code retry-after-ms} header. Immutable.
 */
public final class InjectedError {
  private final int status;
  private final String code;
  private final String message;
  private final @Nullable Duration retryAfter;

  private InjectedError(int status, String code, String message, @Nullable Duration retryAfter) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status (100..599), got " + status);
    }
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.message = Objects.requireNonNull(message, "message");
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative, got " + retryAfter);
    }
    this.retryAfter = retryAfter;
  }

  /**
   * An error with this status and code, and the message "injected fault".
   *
   * @param status the HTTP status
   * @param code the S2 error code, such as {@code unavailable}
   * @return the error
   */
  public static InjectedError of(int status, String code) {
    return new InjectedError(status, code, "injected fault", null);
  }

  /**
   * 503 {@code unavailable}, which S2's clients retry.
   *
   * @return the error
   */
  public static InjectedError unavailable() {
    return of(503, "unavailable");
  }

  /**
   * 429 {@code rate_limited}, which S2's clients retry.
   *
   * @return the error
   */
  public static InjectedError rateLimited() {
    return of(429, "rate_limited");
  }

  /**
   * The same error with another message.
   *
   * @param message the message of the body
   * @return a copy
   */
  public InjectedError withMessage(String message) {
    return new InjectedError(status, code, message, retryAfter);
  }

  /**
   * The same error with a {@code retry-after-ms} header.
   *
   * @param retryAfter the delay the header advises, in whole milliseconds
   * @return a copy
   */
  public InjectedError withRetryAfter(Duration retryAfter) {
    return new InjectedError(
        status, code, message, Objects.requireNonNull(retryAfter, "retryAfter"));
  }

  /**
   * @return the HTTP status
   */
  public int status() {
    return status;
  }

  /**
   * @return the error code
   */
  public String code() {
    return code;
  }

  /**
   * @return the message
   */
  public String message() {
    return message;
  }

  /**
   * @return the {@code retry-after-ms} delay, if set
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public String toString() {
    return "InjectedError{"
        + status
        + " "
        + code
        + ": "
        + message
        + (retryAfter == null ? "" : ", retry-after-ms " + retryAfter.toMillis())
        + "}";
  }
}
