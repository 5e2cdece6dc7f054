package dev.s2.testing.internal;

/**
 * Whether a streaming session (SSE or S2S) may go on: not when the server closed, nor once the
 * client went away (the request failed: a reset stream or a closed connection), which also wakes
 * the session if it waits.
 */
final class SessionLiveness implements ReadLoop.Liveness {
  private final Store store;
  private volatile boolean clientGone;

  SessionLiveness(Store store, Exchange exchange) {
    this.store = store;
    exchange
        .request()
        .addFailureListener(
            t -> {
              clientGone = true;
              store.wakeAll();
            });
  }

  @Override
  public void check() throws SessionAbort {
    if (store.closed()) {
      throw new SessionAbort("server closed");
    }
    if (clientGone) {
      throw new SessionAbort("client gone");
    }
  }
}
