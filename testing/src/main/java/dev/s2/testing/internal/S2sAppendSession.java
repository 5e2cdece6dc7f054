package dev.s2.testing.internal;

import dev.s2.testing.S2sCut;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.server.Request;

/**
 * One S2S append session ({@code POST …/records} with {@code Content-Type: s2s/proto}), following
 * S2's server ({@code lite/src/handlers/v1/records.rs}, {@code lite/src/backend/append.rs}, {@code
 * api/src/v1/stream/extract.rs}): the client streams {@code AppendInput} frames (compressed or not,
 * whatever it advertised); each is appended in order and answered with one {@code AppendAck} frame.
 * The session ends when the client ends its request body (the response then ends, with no terminal
 * frame), or at the first failure, answered with a terminal frame after the acks of the inputs
 * before it: 412 with the {@code AppendConditionFailed} body, 422 {@code invalid} for a batch S2
 * refuses, 400 {@code bad_frame} for a frame that breaks the protocol (over 2 MiB, unknown
 * compression, not protobuf, terminal, cut short), 404 when the stream is gone. Inputs after a
 * failure are never appended.
 *
 * <p>Inputs are read and appended one at a time, so a client's pipelined inputs wait in HTTP/2 flow
 * control and acks go out in order.
 */
final class S2sAppendSession extends S2sSession {
  private final String basin;
  private final String stream;
  private long inputs;

  S2sAppendSession(
      Store store,
      Exchange exchange,
      String basin,
      String stream,
      FaultRules.S2sPlan plan,
      S2sCounters counters) {
    super(store, exchange, plan, counters);
    this.basin = basin;
    this.stream = stream;
  }

  void run() throws SessionAbort, IOException {
    // As S2: a missing stream (and basin) is an ordinary 404 answer before the session starts.
    store.lock().lock();
    try {
      store.streamForData(basin, stream, true);
    } finally {
      store.lock().unlock();
    }
    start();
    counters.appendSessions.incrementAndGet();
    InputStream body = Request.asInputStream(exchange.request());
    S2sFrames.Reader reader = new S2sFrames.Reader(body, new ReceiveBudget());
    while (true) {
      stallIfDue();
      S2sFrames.Frame frame;
      try {
        frame = reader.next();
      } catch (S2sFrames.FrameException e) {
        terminal(badFrame(e.getMessage()));
        return;
      } catch (IOException e) {
        checkAlive();
        throw new SessionAbort("request body failed: " + e);
      }
      if (frame == null) {
        end();
        return;
      }
      counters.framesReceived.incrementAndGet();
      if (frame.compression != S2sFrames.Compression.NONE) {
        counters.compressedFramesReceived.incrementAndGet();
      }
      if (frame.terminal) {
        terminal(badFrame("Unexpected terminal frame as input"));
        return;
      }
      long[] ack;
      try {
        Proto.DecodedInput decoded = Proto.decodeAppendInput(frame.message());
        AppendInput input =
            AppendInput.fromProto(decoded.records, decoded.matchSeqNum, decoded.fencingToken);
        ack = store.appendPositions(basin, stream, input);
      } catch (S2sFrames.FrameException | Proto.DecodeException e) {
        terminal(badFrame(e.getMessage()));
        return;
      } catch (ApiError e) {
        terminal(e);
        return;
      }
      inputs++;
      cutIfDue(S2sCut.Measure.FRAMES_RECEIVED, inputs);
      if (!send(Proto.appendAck(ack))) {
        return;
      }
    }
  }

  private static ApiError badFrame(String reason) {
    return ApiError.of("bad_frame", "Failed to decode S2S frame: " + reason);
  }

  /** The stall planned for this session, when its ack count is reached: wait until released. */
  private void stallIfDue() throws SessionAbort {
    FaultRules.S2sStallRule stall = plan.stall;
    if (stall == null || inputs < stall.plan.afterAckCount()) {
      return;
    }
    plan.stall = null;
    if (!stall.tryFire()) {
      return;
    }
    long until =
        stall
            .plan
            .duration()
            .map(d -> store.clock().millis() + d.toMillis())
            .orElse(Long.MAX_VALUE);
    store.lock().lock();
    try {
      while (!stall.cancelled() && store.clock().millis() < until) {
        checkAlive();
        store.await(until);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionAbort("interrupted");
    } finally {
      store.lock().unlock();
    }
  }

  /** The request body bytes the planned cut allows. */
  private final class ReceiveBudget implements S2sFrames.Reader.ByteBudget {
    @Override
    public long remaining(long read) {
      FaultRules.S2sCutRule cut = plan.cut;
      if (cut == null || cut.plan.measure() != S2sCut.Measure.BYTES_RECEIVED) {
        return Long.MAX_VALUE;
      }
      return plan.cutBudget - read;
    }

    @Override
    public void exhausted() throws SessionAbort {
      cutIfDue(S2sCut.Measure.BYTES_RECEIVED, plan.cutBudget);
    }
  }
}
