package dev.s2.client;

/**
 * The S2 service answered 5xx: the service failed (500, 502, 503 and 504 are retryable; 501 is
 * not).
 */
public final class ServerErrorException extends S2ServiceException {
  private static final long serialVersionUID = 1L;

  ServerErrorException(ErrorDetails details, int attempts) {
    super(details, attempts);
  }
}
