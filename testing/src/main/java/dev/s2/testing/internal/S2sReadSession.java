package dev.s2.testing.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One S2S read session ({@code GET …/records} with {@code Content-Type: s2s/proto}) over the {@link
 * ReadLoop}, following S2's server ({@code lite/src/handlers/v1/records.rs}): each batch is a
 * {@code ReadBatch} frame (with the tail when read live), each heartbeat a {@code ReadBatch} with
 * no records and the tail (sent on reaching the tail, then after each idle ping interval), the end
 * of the session is the end of the response (no terminal frame), and a deleted stream ends it with
 * a terminal {@code 404 stream_not_found} frame. Errors found before the session starts (404, 416,
 * 400, ...) are ordinary JSON answers. S2S has no {@code Last-Event-ID}: a client resumes by
 * starting a new session from the next seq num.
 */
final class S2sReadSession extends S2sSession implements ReadLoop.Sink {
  private final ReadLoop loop;

  /** Resolves the start: errors are thrown as {@link ApiError} before any answer. */
  S2sReadSession(
      Store store,
      Exchange exchange,
      String basin,
      String stream,
      ReadParams params,
      Duration pingInterval,
      int batchRecords,
      FaultRules.S2sPlan plan,
      S2sCounters counters) {
    super(store, exchange, plan, counters);
    this.loop = new ReadLoop(store, basin, stream, params, pingInterval, batchRecords);
  }

  void run() throws SessionAbort, IOException {
    start();
    counters.readSessions.incrementAndGet();
    loop.run(this, this::checkAlive);
  }

  @Override
  public boolean batch(List<StoredRecord> records, long @Nullable [] tail)
      throws SessionAbort, IOException {
    return send(Proto.readBatch(records, tail));
  }

  @Override
  public boolean heartbeat(long[] tail) throws SessionAbort, IOException {
    return send(Proto.readBatch(List.of(), tail));
  }

  @Override
  public void done() throws SessionAbort, IOException {
    end();
  }

  @Override
  public void error(ApiError error) throws SessionAbort, IOException {
    terminal(error);
  }
}
