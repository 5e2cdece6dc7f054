package dev.s2.client;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The S2 service answered with an error status. Carries the HTTP status, the {@code ErrorInfo} code
 * and message of the body, and whether a retry could succeed. Each status has a subtype ({@link
 * BadRequestException}, {@link UnauthorizedException}, {@link PermissionDeniedException}, {@link
 * NotFoundException}, {@link RequestTimeoutException}, {@link ConflictException}, {@link
 * UnprocessableEntityException}, {@link RateLimitedException}, {@link ServerErrorException}) and
 * {@link UnexpectedStatusException} covers any other status.
 *
 * <p>A body that is not an {@code ErrorInfo} (an HTML page from a proxy, truncated JSON) still
 * gives this exception: {@link #code()} is then empty and {@link #bodyExcerpt()} holds the start of
 * the body.
 */
public class S2ServiceException extends S2Exception {
  private static final long serialVersionUID = 1L;

  private final transient ErrorDetails details;

  S2ServiceException(ErrorDetails details, int attempts) {
    this(details, attempts, details.describe(attempts), null);
  }

  S2ServiceException(
      ErrorDetails details, int attempts, String message, @Nullable Throwable cause) {
    super(message, cause, attempts);
    this.details = details;
  }

  ErrorDetails details() {
    return details;
  }

  /**
   * The HTTP status of the response.
   *
   * @return the status code, such as 403
   */
  public int status() {
    return details.status();
  }

  /**
   * The {@code code} of the {@code ErrorInfo} body, such as {@code permission_denied}.
   *
   * @return the code, or empty when the body was not an {@code ErrorInfo}
   */
  public Optional<String> code() {
    return Optional.ofNullable(details.code());
  }

  /**
   * The {@code message} of the {@code ErrorInfo} body, or a description of the body when it was not
   * one.
   *
   * @return the server's message, never null
   */
  public String errorMessage() {
    return details.errorMessage();
  }

  /**
   * The start of the response body when it was not a well-formed {@code ErrorInfo}.
   *
   * @return up to 200 characters of the body, or empty when the body was a proper {@code ErrorInfo}
   */
  public Optional<String> bodyExcerpt() {
    return Optional.ofNullable(details.bodyExcerpt());
  }

  /**
   * How long the server asked the client to wait ({@code retry-after-ms} or {@code Retry-After}).
   *
   * @return the requested delay, or empty when the response did not say
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(details.retryAfter());
  }

  /**
   * True for 408, 429, 500, 502, 503 and 504, and for 409 with code {@code transaction_conflict}.
   *
   * @return whether a retry could succeed
   */
  @Override
  public boolean isRetryable() {
    return details.retryable();
  }
}
