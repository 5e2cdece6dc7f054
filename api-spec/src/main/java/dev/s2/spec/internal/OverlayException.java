package dev.s2.spec.internal;

/**
 * An overlay that is malformed, or an action of it that cannot be applied or is stale; the message
 * says which.
 */
public final class OverlayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the action when one is at fault
   */
  public OverlayException(String message) {
    super(message);
  }
}
