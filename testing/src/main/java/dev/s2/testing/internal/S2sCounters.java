package dev.s2.testing.internal;

import dev.s2.testing.S2sStats;
import java.util.concurrent.atomic.AtomicLong;

/** Counts of S2S sessions and frames (see {@link S2sStats}). Thread-safe. */
public final class S2sCounters {
  final AtomicLong appendSessions = new AtomicLong();
  final AtomicLong readSessions = new AtomicLong();
  final AtomicLong framesReceived = new AtomicLong();
  final AtomicLong compressedFramesReceived = new AtomicLong();
  final AtomicLong framesSent = new AtomicLong();
  final AtomicLong compressedFramesSent = new AtomicLong();
  final AtomicLong terminalFramesSent = new AtomicLong();

  public S2sStats snapshot() {
    return new S2sStats(
        appendSessions.get(),
        readSessions.get(),
        framesReceived.get(),
        compressedFramesReceived.get(),
        framesSent.get(),
        compressedFramesSent.get(),
        terminalFramesSent.get());
  }

  public void clear() {
    for (AtomicLong counter :
        new AtomicLong[] {
          appendSessions,
          readSessions,
          framesReceived,
          compressedFramesReceived,
          framesSent,
          compressedFramesSent,
          terminalFramesSent
        }) {
      counter.set(0);
    }
  }
}
