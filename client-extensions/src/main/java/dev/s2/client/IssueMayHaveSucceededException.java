package dev.s2.client;

/**
 * A retried issue of an access token was answered 409 {@code resource_already_exists}: an earlier
 * attempt, whose answer was lost, may have issued the token. Its secret is then lost too. Not a
 * plain {@link ConflictException}, so it cannot be mistaken for "that id was already taken".
 *
 * <p>What to do: revoke the id and issue it again, or list with {@code prefix=<id>} to see whether
 * it exists.
 */
public final class IssueMayHaveSucceededException extends S2ServiceException {
  private static final long serialVersionUID = 1L;

  /** The id of the token that may exist. */
  private final String tokenId;

  IssueMayHaveSucceededException(ConflictException conflict, String tokenId) {
    super(
        conflict.details(),
        conflict.attempts(),
        "issuing access token '"
            + tokenId
            + "' was retried after "
            + "a failure and the service then answered 409 resource_already_exists: an earlier attempt may have "
            + "issued it, and its secret is lost; revoke '"
            + tokenId
            + "' and issue it again",
        conflict);
    this.tokenId = tokenId;
  }

  /**
   * The id of the token that may exist.
   *
   * @return the id that was being issued
   */
  public String tokenId() {
    return tokenId;
  }
}
