package dev.s2.client;

/**
 * The S2 service answered 404 Not Found: the resource does not exist (codes such as
 * access_token_not_found).
 */
public final class NotFoundException extends S2ServiceException {
  private static final long serialVersionUID = 1L;

  NotFoundException(ErrorDetails details, int attempts) {
    super(details, attempts);
  }
}
