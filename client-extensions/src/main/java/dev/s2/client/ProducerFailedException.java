package dev.s2.client;

/**
 * A {@link Producer} stopped after a failure and accepts no more records: thrown by {@code submit},
 * {@code flush} and {@code close} after that failure. {@link #getCause()} is the failure itself,
 * the same exception every record that was not appended saw in its future (such as a {@link
 * PermissionDeniedException}, or the 412 of another writer's append).
 */
public final class ProducerFailedException extends S2Exception {
  private static final long serialVersionUID = 1L;

  ProducerFailedException(String message, Throwable cause) {
    super(message, cause, 0);
  }

  /**
   * Always false: the producer does not recover; create a new one (after checking the stream) to go
   * on.
   *
   * @return false
   */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
