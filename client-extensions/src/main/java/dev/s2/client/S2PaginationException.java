package dev.s2.client;

/**
 * A page broke the paging contract, so the walk (or the single page) stops instead of passing
 * duplicates on or looping: it held more items than the {@code limit} it was asked for, or its
 * items were not in strictly increasing order from its {@code start_after} (the service's order,
 * that of UTF-8 bytes), so an item was repeated or came back out of order. The message names the
 * page, the item and the rule. Not retryable.
 */
public final class S2PaginationException extends S2Exception {
  private static final long serialVersionUID = 1L;

  S2PaginationException(String message) {
    super(message, null, 0);
  }

  /**
   * Always false.
   *
   * @return false
   */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
