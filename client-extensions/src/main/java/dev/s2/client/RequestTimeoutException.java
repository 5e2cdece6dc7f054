package dev.s2.client;

/**
 * The S2 service answered 408 Request Timeout: the service gave up on the request
 * (request_timeout); retryable.
 */
public final class RequestTimeoutException extends S2ServiceException {
  private static final long serialVersionUID = 1L;

  RequestTimeoutException(ErrorDetails details, int attempts) {
    super(details, attempts);
  }
}
