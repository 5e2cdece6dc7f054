package dev.s2.client;

/**
 * The S2 service answered 409 Conflict: the resource already exists (resource_already_exists), or a
 * concurrent change conflicted (transaction_conflict, retryable).
 */
public final class ConflictException extends S2ServiceException {
  private static final long serialVersionUID = 1L;

  ConflictException(ErrorDetails details, int attempts) {
    super(details, attempts);
  }
}
