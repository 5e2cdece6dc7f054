package dev.s2.client;

/**
 * The S2 service answered 403 Forbidden: the token's scope does not allow the operation
 * (permission_denied), or a quota is exhausted (quota_exhausted).
 */
public final class PermissionDeniedException extends S2ServiceException {
  private static final long serialVersionUID = 1L;

  PermissionDeniedException(ErrorDetails details, int attempts) {
    super(details, attempts);
  }
}
