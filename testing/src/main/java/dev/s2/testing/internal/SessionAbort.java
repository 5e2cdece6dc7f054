package dev.s2.testing.internal;

/** A session (SSE or S2S) must stop at once and its stream be reset or its connection closed. */
final class SessionAbort extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean closeConnection;

  SessionAbort(String message) {
    this(message, false);
  }

  /**
   * @param closeConnection close the whole connection, not just the HTTP/2 stream
   */
  SessionAbort(String message, boolean closeConnection) {
    super(message, null, false, false);
    this.closeConnection = closeConnection;
  }

  boolean closeConnection() {
    return closeConnection;
  }
}
