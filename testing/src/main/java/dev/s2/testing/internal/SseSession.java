package dev.s2.testing.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One SSE read session, following S2's server ({@code lite/src/handlers/v1/records.rs} and
 * {@code lite/src/backend/read.rs}):
 *
 * <ul>
 *   <li>Records up to the tail go out as {@code event: batch} (at most 1000 records / 1 MiB each, no tail), with
 *       {@code id: <last seq num>,<records so far>,<metered bytes so far>} counted over this connection.
 *   <li>At the tail, a session that may follow (no count/bytes/until bound, or a {@code wait}) sends a
 *       {@code ping} at once, then live batches (with {@code tail}) and a ping after each idle ping interval.
 *       {@code wait} bounds the time without records (from the last batch, or from reaching the tail).
 *   <li>A bound reached, or the wait over, ends the session with {@code data: [DONE]}; a deleted stream ends it
 *       with an {@code error} event.
 * </ul>
 *
 * <p>Faults decided at the start ({@link FaultRules.SessionPlan}) are applied as bytes go out.
 */
final class SseSession {
  private static final ByteBuffer DONE = ByteBuffer.wrap("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));

  /** The session must stop at once and the connection be aborted. */
  static final class Abort extends Exception {
    private static final long serialVersionUID = 1L;

    Abort(String message) {
      super(message, null, false, false);
    }
  }

  private final Store store;
  private final Exchange exchange;
  private final String basin;
  private final String streamName;
  private final ReadParams params;
  private final boolean base64;
  private final long pingIntervalMillis;
  private final int batchRecords;
  private final FaultRules.SessionPlan plan;
  private final Set<FaultRules.InjectRule> injected = new HashSet<>();
  private volatile boolean clientGone;

  private long bytesWritten;
  private int eventsWritten;

  SseSession(Store store, Exchange exchange, String basin, String stream, ReadParams params, boolean base64,
      Duration pingInterval, int batchRecords, FaultRules.SessionPlan plan) {
    this.store = store;
    this.exchange = exchange;
    this.basin = basin;
    this.streamName = stream;
    this.params = params;
    this.base64 = base64;
    this.pingIntervalMillis = Math.max(1, pingInterval.toMillis());
    this.batchRecords = batchRecords;
    this.plan = plan;
  }

  /** Kinds of what the loop sends next. */
  private enum Kind {
    BATCH,
    PING,
    DONE,
    ERROR
  }

  void run() throws Abort, IOException {
    StreamState stream;
    ReadCursor cursor;
    store.lock().lock();
    try {
      stream = store.streamForData(basin, streamName, false);
      cursor = ReadCursor.start(stream, params);
      stream.basin.readOps.incrementAndGet();
    } finally {
      store.lock().unlock();
    }
    exchange.request().addFailureListener(t -> {
      clientGone = true;
      store.wakeAll();
    });
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "text/event-stream");
    headers.put("cache-control", "no-cache, no-transform");
    headers.put("x-accel-buffering", "no");
    exchange.startStream(200, headers);

    long processedCount = 0;
    long processedBytes = 0;
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
          checkAlive();
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
              deadline = waitDeadline(now);
            }
            kind = now >= deadline ? Kind.DONE : Kind.PING;
            tail = new long[] {stream.nextSeqNum, stream.lastTimestamp};
            break;
          }
          if (now >= deadline) {
            kind = Kind.DONE;
            break;
          }
          if (now >= lastEventAt + pingIntervalMillis) {
            kind = Kind.PING;
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
        throw new Abort("interrupted");
      } finally {
        store.lock().unlock();
      }

      switch (kind) {
        case BATCH: {
          processedCount += batch.size();
          processedBytes += ReadCursor.meteredBytes(batch);
          StoredRecord last = batch.get(batch.size() - 1);
          String id = Long.toUnsignedString(last.seqNum) + "," + processedCount + "," + processedBytes;
          if (!event("event: batch\nid: " + id + "\ndata: " + RecordsJson.batch(batch, base64, tail) + "\n\n")) {
            return;
          }
          if (params.wait != null) {
            deadline = store.clock().millis() + params.wait * 1000;
          }
          break;
        }
        case PING: {
          long[] t = tail;
          String data = Json.write(w -> RecordsJson.ping(w, store.clock().millis(), t[0], t[1]));
          if (!event("event: ping\ndata: " + data + "\n\n")) {
            return;
          }
          break;
        }
        case ERROR: {
          String data = ApiError.streamNotFound(basin, streamName).body();
          if (event("event: error\ndata: " + data + "\n\n")) {
            exchange.endStream();
          }
          return;
        }
        default:
          if (beforeEvent()) {
            writeRaw(DONE.duplicate());
            exchange.endStream();
          }
          return;
      }
      lastEventAt = store.clock().millis();
    }
  }

  private long waitDeadline(long now) {
    return params.wait == null ? Long.MAX_VALUE : now + params.wait * 1000;
  }

  private void checkAlive() throws Abort {
    if (store.closed()) {
      throw new Abort("server closed");
    }
    if (clientGone) {
      throw new Abort("client gone");
    }
  }

  /** Writes one event after the faults due before it; false when the session ended (an injection ended it). */
  private boolean event(String text) throws Abort, IOException {
    if (!beforeEvent()) {
      return false;
    }
    writeRaw(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    eventsWritten++;
    return true;
  }

  /** Silence and injections due at this point; false when an injection ended the session. */
  private boolean beforeEvent() throws Abort, IOException {
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

  private void staySilent(FaultRules.SilenceRule silence) throws Abort {
    store.lock().lock();
    try {
      while (!silence.cancelled()) {
        checkAlive();
        store.await(Long.MAX_VALUE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Abort("interrupted");
    } finally {
      store.lock().unlock();
    }
  }

  /** Writes bytes, cutting the connection when the cut budget is reached. */
  private void writeRaw(ByteBuffer bytes) throws Abort, IOException {
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
        throw new Abort("injected cut after " + plan.cutBudget + " bytes");
      }
    }
    exchange.write(bytes);
    bytesWritten += length;
  }
}
