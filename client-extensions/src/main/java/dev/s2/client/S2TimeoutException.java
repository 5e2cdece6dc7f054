package dev.s2.client;

/**
 * A timeout ran out: the connect timeout, or the request timeout that bounds a whole attempt (connect, send,
 * wait, read the body). A server that is slow to answer, or that trickles its body, ends here.
 */
public final class S2TimeoutException extends S2ConnectionException {
  private static final long serialVersionUID = 1L;

  S2TimeoutException(String message, Throwable cause, int attempts) {
    super(message, cause, attempts);
  }
}
