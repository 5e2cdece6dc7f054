package dev.s2.testing.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One SSE read session over the {@link ReadLoop}, following S2's server ({@code
 * lite/src/handlers/v1/records.rs}): batches go out as {@code event: batch} with {@code id: <last
 * seq num>,<records so far>,<metered bytes so far>} counted over this connection, heartbeats as
 * {@code ping} events, the end as {@code data: [DONE]}, and a deleted stream as an {@code error}
 * event (without {@code [DONE]}).
 *
 * <p>Faults decided at the start ({@link FaultRules.SessionPlan}) are applied as bytes go out.
 */
final class SseSession implements ReadLoop.Sink {
  private static final ByteBuffer DONE =
      ByteBuffer.wrap("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));

  private final Store store;
  private final Exchange exchange;
  private final ReadLoop loop;
  private final boolean base64;
  private final FaultRules.SessionPlan plan;
  private final Set<FaultRules.InjectRule> injected = new HashSet<>();

  private @Nullable SessionLiveness liveness;
  private long bytesWritten;
  private int eventsWritten;
  private long processedCount;
  private long processedBytes;

  /** Resolves the start: errors are thrown as {@link ApiError} before any answer. */
  SseSession(
      Store store,
      Exchange exchange,
      String basin,
      String stream,
      ReadParams params,
      boolean base64,
      Duration pingInterval,
      int batchRecords,
      FaultRules.SessionPlan plan) {
    this.store = store;
    this.exchange = exchange;
    this.loop = new ReadLoop(store, basin, stream, params, pingInterval, batchRecords);
    this.base64 = base64;
    this.plan = plan;
  }

  void run() throws SessionAbort, IOException {
    SessionLiveness l = new SessionLiveness(store, exchange);
    liveness = l;
    exchange.startSession("text/event-stream");
    loop.run(this, l);
  }

  @Override
  public boolean batch(List<StoredRecord> batch, long @Nullable [] tail)
      throws SessionAbort, IOException {
    processedCount += batch.size();
    processedBytes += ReadCursor.meteredBytes(batch);
    StoredRecord last = batch.get(batch.size() - 1);
    String id = Long.toUnsignedString(last.seqNum) + "," + processedCount + "," + processedBytes;
    return event(
        "event: batch\nid: " + id + "\ndata: " + RecordsJson.batch(batch, base64, tail) + "\n\n");
  }

  @Override
  public boolean heartbeat(long[] tail) throws SessionAbort, IOException {
    String data = Json.write(w -> RecordsJson.ping(w, store.clock().millis(), tail[0], tail[1]));
    return event("event: ping\ndata: " + data + "\n\n");
  }

  @Override
  public void error(ApiError error) throws SessionAbort, IOException {
    if (event("event: error\ndata: " + error.body() + "\n\n")) {
      exchange.endStream();
    }
  }

  @Override
  public void done() throws SessionAbort, IOException {
    if (beforeEvent()) {
      writeRaw(DONE.duplicate());
      exchange.endStream();
    }
  }

  /**
   * Writes one event after the faults due before it; false when the session ended (an injection
   * ended it).
   */
  private boolean event(String text) throws SessionAbort, IOException {
    if (!beforeEvent()) {
      return false;
    }
    writeRaw(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    eventsWritten++;
    return true;
  }

  /** Silence and injections due at this point; false when an injection ended the session. */
  private boolean beforeEvent() throws SessionAbort, IOException {
    FaultRules.SilenceRule silence = plan.silence;
    if (silence != null && eventsWritten >= silence.plan.afterEvents()) {
      plan.silence = null;
      if (silence.tryFire()) {
        staySilent(silence);
      }
    }
    for (FaultRules.InjectRule rule : plan.injections) {
      if (injected.contains(rule) || rule.injection.afterEventCount() != eventsWritten) {
        continue;
      }
      injected.add(rule);
      if (!rule.tryFire()) {
        continue;
      }
      writeRaw(ByteBuffer.wrap(rule.injection.text().getBytes(StandardCharsets.UTF_8)));
      if (rule.injection.ends()) {
        exchange.endStream();
        return false;
      }
    }
    return true;
  }

  private void staySilent(FaultRules.SilenceRule silence) throws SessionAbort {
    store.lock().lock();
    try {
      while (!silence.cancelled()) {
        if (liveness != null) {
          liveness.check();
        }
        store.await(Long.MAX_VALUE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionAbort("interrupted");
    } finally {
      store.lock().unlock();
    }
  }

  /** Writes bytes, cutting the connection when the cut budget is reached. */
  private void writeRaw(ByteBuffer bytes) throws SessionAbort, IOException {
    FaultRules.CutRule cut = plan.cut;
    int length = bytes.remaining();
    if (cut != null && bytesWritten + length >= plan.cutBudget) {
      plan.cut = null;
      if (cut.tryFire()) {
        int partial = (int) (plan.cutBudget - bytesWritten);
        if (partial > 0) {
          ByteBuffer slice = bytes.duplicate();
          slice.limit(slice.position() + partial);
          exchange.write(slice);
        }
        throw new SessionAbort("injected cut after " + plan.cutBudget + " bytes");
      }
    }
    exchange.write(bytes);
    bytesWritten += length;
  }
}
