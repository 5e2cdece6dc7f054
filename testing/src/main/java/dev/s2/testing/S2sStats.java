package dev.s2.testing;

/**
 * Counts of the S2S sessions ({@code Content-Type: s2s/proto}) an {@link EmbeddedS2} served, since
 * start or {@link EmbeddedS2#clearRequests()}. An immutable snapshot from {@link
 * EmbeddedS2#s2sStats()}.
 */
public final class S2sStats {
  private final long appendSessions;
  private final long readSessions;
  private final long framesReceived;
  private final long compressedFramesReceived;
  private final long framesSent;
  private final long compressedFramesSent;
  private final long terminalFramesSent;

  /**
   * A snapshot (the server makes these; public for tests of code that reads them).
   *
   * @param appendSessions append sessions started (answered 200)
   * @param readSessions read sessions started (answered 200)
   * @param framesReceived input frames read from append sessions
   * @param compressedFramesReceived of those, the compressed ones
   * @param framesSent regular frames written (acks, batches, heartbeats)
   * @param compressedFramesSent of those, the compressed ones
   * @param terminalFramesSent terminal frames written (errors), injected ones included
   */
  public S2sStats(
      long appendSessions,
      long readSessions,
      long framesReceived,
      long compressedFramesReceived,
      long framesSent,
      long compressedFramesSent,
      long terminalFramesSent) {
    this.appendSessions = appendSessions;
    this.readSessions = readSessions;
    this.framesReceived = framesReceived;
    this.compressedFramesReceived = compressedFramesReceived;
    this.framesSent = framesSent;
    this.compressedFramesSent = compressedFramesSent;
    this.terminalFramesSent = terminalFramesSent;
  }

  /**
   * @return append sessions started
   */
  public long appendSessions() {
    return appendSessions;
  }

  /**
   * @return read sessions started
   */
  public long readSessions() {
    return readSessions;
  }

  /**
   * @return input frames read from append sessions
   */
  public long framesReceived() {
    return framesReceived;
  }

  /**
   * @return compressed input frames read
   */
  public long compressedFramesReceived() {
    return compressedFramesReceived;
  }

  /**
   * @return regular frames written (acks, batches, heartbeats)
   */
  public long framesSent() {
    return framesSent;
  }

  /**
   * @return compressed frames written
   */
  public long compressedFramesSent() {
    return compressedFramesSent;
  }

  /**
   * @return terminal frames written
   */
  public long terminalFramesSent() {
    return terminalFramesSent;
  }

  @Override
  public String toString() {
    return "S2sStats{append sessions "
        + appendSessions
        + ", read sessions "
        + readSessions
        + ", frames received "
        + framesReceived
        + " ("
        + compressedFramesReceived
        + " compressed), frames sent "
        + framesSent
        + " ("
        + compressedFramesSent
        + " compressed), terminal frames "
        + terminalFramesSent
        + "}";
  }
}
