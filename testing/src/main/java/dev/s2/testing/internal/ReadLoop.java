package dev.s2.testing.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The read loop of a session, shared by SSE and S2S sessions, following S2's server ({@code
 * lite/src/backend/read.rs}):
 *
 * <ul>
 *   <li>Records up to the tail go out as batches (at most {@code batchRecords} records / 1 MiB
 *       each, no tail).
 *   <li>At the tail, a session that may follow (no count/bytes/until bound, or a {@code wait})
 *       sends a heartbeat at once, then live batches (with the tail) and a heartbeat after each
 *       idle ping interval. {@code wait} bounds the time without records (from the last batch, or
 *       from reaching the tail).
 *   <li>A bound reached, or the wait over, ends the session ({@link Sink#done()}); a deleted stream
 *       ends it with {@code stream_not_found} ({@link Sink#error(ApiError)}).
 * </ul>
 */
final class ReadLoop {
  /**
   * Where a session's output goes; each method answers false when the session ended (a fault ended
   * it).
   */
  interface Sink {
    boolean batch(List<StoredRecord> records, long @Nullable [] tail)
        throws SessionAbort, IOException;

    boolean heartbeat(long[] tail) throws SessionAbort, IOException;

    void done() throws SessionAbort, IOException;

    void error(ApiError error) throws SessionAbort, IOException;
  }

  /** Whether the session may go on; throws when the server closed or the client left. */
  interface Liveness {
    void check() throws SessionAbort;
  }

  /** Kinds of what the loop sends next. */
  private enum Kind {
    BATCH,
    HEARTBEAT,
    DONE,
    ERROR
  }

  private final Store store;
  private final String basin;
  private final String streamName;
  private final ReadParams params;
  private final long pingIntervalMillis;
  private final int batchRecords;
  private final StreamState stream;
  private final ReadCursor cursor;

  /**
   * Resolves where the read starts: errors (404, 416, ...) are thrown as {@link ApiError} before
   * any answer, as S2 answers them before a session starts.
   */
  ReadLoop(
      Store store,
      String basin,
      String stream,
      ReadParams params,
      Duration pingInterval,
      int batchRecords) {
    this.store = store;
    this.basin = basin;
    this.streamName = stream;
    this.params = params;
    this.pingIntervalMillis = Math.max(1, pingInterval.toMillis());
    this.batchRecords = batchRecords;
    store.lock().lock();
    try {
      this.stream = store.streamForData(basin, stream, false);
      this.cursor = ReadCursor.start(this.stream, params);
      this.stream.basin.readOps.incrementAndGet();
    } finally {
      store.lock().unlock();
    }
  }

  void run(Sink sink, Liveness liveness) throws SessionAbort, IOException {
    boolean following = false;
    long deadline = -1; // -1: not armed; Long.MAX_VALUE: never
    long lastEventAt = store.clock().millis();
    while (true) {
      Kind kind;
      List<StoredRecord> batch = List.of();
      long[] tail = null;
      store.lock().lock();
      try {
        while (true) {
          liveness.check();
          if (stream.deleted) {
            kind = Kind.ERROR;
            break;
          }
          batch = cursor.take(stream, batchRecords, AppendInput.MAX_BYTES);
          if (!batch.isEmpty()) {
            kind = Kind.BATCH;
            if (following) {
              tail = new long[] {stream.nextSeqNum, stream.lastTimestamp};
            }
            break;
          }
          if (cursor.exhausted() || !params.mayFollow()) {
            kind = Kind.DONE;
            break;
          }
          long now = store.clock().millis();
          if (!following) {
            following = true;
            if (deadline == -1) {
              deadline = params.wait == null ? Long.MAX_VALUE : now + params.wait * 1000;
            }
            kind = now >= deadline ? Kind.DONE : Kind.HEARTBEAT;
            tail = new long[] {stream.nextSeqNum, stream.lastTimestamp};
            break;
          }
          if (now >= deadline) {
            kind = Kind.DONE;
            break;
          }
          if (now >= lastEventAt + pingIntervalMillis) {
            kind = Kind.HEARTBEAT;
            tail = new long[] {stream.nextSeqNum, stream.lastTimestamp};
            break;
          }
          store.await(Math.min(deadline, lastEventAt + pingIntervalMillis));
        }
        if (kind == Kind.BATCH) {
          stream.basin.readBytes.addAndGet(ReadCursor.meteredBytes(batch));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SessionAbort("interrupted");
      } finally {
        store.lock().unlock();
      }

      switch (kind) {
        case BATCH:
          if (!sink.batch(batch, tail)) {
            return;
          }
          if (params.wait != null) {
            deadline = store.clock().millis() + params.wait * 1000;
          }
          break;
        case HEARTBEAT:
          if (!sink.heartbeat(tail)) {
            return;
          }
          break;
        case ERROR:
          sink.error(ApiError.streamNotFound(basin, streamName));
          return;
        default:
          sink.done();
          return;
      }
      lastEventAt = store.clock().millis();
    }
  }
}
