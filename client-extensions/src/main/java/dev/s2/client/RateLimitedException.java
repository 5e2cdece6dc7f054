package dev.s2.client;

/**
 * The S2 service answered 429 Too Many Requests: the client is rate limited (rate_limited);
 * retryable, honouring the server's requested delay.
 */
public final class RateLimitedException extends S2ServiceException {
  private static final long serialVersionUID = 1L;

  RateLimitedException(ErrorDetails details, int attempts) {
    super(details, attempts);
  }
}
