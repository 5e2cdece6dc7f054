package dev.s2.client;

/**
 * The S2 service answered 401 Unauthorized: the access token is missing, invalid or expired (code
 * authn).
 */
public final class UnauthorizedException extends S2ServiceException {
  private static final long serialVersionUID = 1L;

  UnauthorizedException(ErrorDetails details, int attempts) {
    super(details, attempts);
  }
}
