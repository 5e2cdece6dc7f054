package dev.s2.client;

import org.jspecify.annotations.Nullable;

/**
 * A timeout ran out: the connect timeout, or the request timeout that bounds a whole attempt from
 * the moment it is made (waiting in the HTTP client's queue, connect, send, wait, read the body). A
 * server that is slow to answer, or that trickles its body, ends here; so does a call that waited
 * its whole budget in the queue, whose message says it never started.
 */
public final class S2TimeoutException extends S2ConnectionException {
  private static final long serialVersionUID = 1L;

  S2TimeoutException(String message, @Nullable Throwable cause, int attempts) {
    super(message, cause, attempts);
  }
}
