package dev.s2.client;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What an error response said, read once by {@link ErrorMapper} and carried by {@link S2ServiceException}.
 *
 * @param request method and path of the request, such as {@code GET /v1/access-tokens}
 * @param status the HTTP status
 * @param code the {@code ErrorInfo} code, null when the body was not an {@code ErrorInfo}
 * @param errorMessage the {@code ErrorInfo} message, or a description of the body
 * @param bodyExcerpt the start of a body that was not an {@code ErrorInfo}, else null
 * @param retryAfter the delay the server asked for, else null
 * @param body the decoded body of a status whose body is not an {@code ErrorInfo} (412: the
 *     {@code AppendConditionFailed}; 416: the {@code TailResponse}), else null
 */
record ErrorDetails(
    String request,
    int status,
    @Nullable String code,
    String errorMessage,
    @Nullable String bodyExcerpt,
    @Nullable Duration retryAfter,
    @Nullable Object body) {

  ErrorDetails(String request, int status, @Nullable String code, String errorMessage, @Nullable String bodyExcerpt,
      @Nullable Duration retryAfter) {
    this(request, status, code, errorMessage, bodyExcerpt, retryAfter, null);
  }

  /** The statuses that the official S2 SDKs retry. */
  static boolean isRetryableStatus(int status) {
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  boolean retryable() {
    return isRetryableStatus(status) || (status == 409 && "transaction_conflict".equals(code));
  }

  String describe(int attempts) {
    StringBuilder sb = new StringBuilder(request).append(" failed: ").append(status);
    if (code != null) {
      sb.append(' ').append(code);
    }
    sb.append(": ").append(errorMessage);
    if (attempts > 1) {
      sb.append(" (after ").append(attempts).append(" attempts)");
    }
    return sb.toString();
  }
}
