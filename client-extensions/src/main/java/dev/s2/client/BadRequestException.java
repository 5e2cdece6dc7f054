package dev.s2.client;

/**
 * The S2 service answered 400 Bad Request: the request was malformed (codes such as bad_query,
 * bad_json).
 */
public final class BadRequestException extends S2ServiceException {
  private static final long serialVersionUID = 1L;

  BadRequestException(ErrorDetails details, int attempts) {
    super(details, attempts);
  }
}
