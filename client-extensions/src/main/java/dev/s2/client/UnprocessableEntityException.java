package dev.s2.client;

/**
 * The S2 service answered 422 Unprocessable Entity: the request was well-formed but invalid (code
 * invalid).
 */
public final class UnprocessableEntityException extends S2ServiceException {
  private static final long serialVersionUID = 1L;

  UnprocessableEntityException(ErrorDetails details, int attempts) {
    super(details, attempts);
  }
}
