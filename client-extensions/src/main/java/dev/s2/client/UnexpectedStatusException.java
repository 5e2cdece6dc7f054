package dev.s2.client;

/**
 * The S2 service answered an error status the other subtypes do not cover (the live service answers
 * with statuses the spec does not declare, such as 499).
 */
public final class UnexpectedStatusException extends S2ServiceException {
  private static final long serialVersionUID = 1L;

  UnexpectedStatusException(ErrorDetails details, int attempts) {
    super(details, attempts);
  }
}
