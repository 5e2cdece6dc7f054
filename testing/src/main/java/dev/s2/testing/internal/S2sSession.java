package dev.s2.testing.internal;

import dev.s2.testing.S2sCut;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What S2S append and read sessions share: the {@code 200} answer with {@code Content-Type:
 * s2s/proto}, frames written with the compression the client accepts, terminal error frames, and
 * the faults planned at the start (cuts by frames or bytes sent, injected frames, the
 * reconnect-advised flag) applied as frames go out.
 */
abstract class S2sSession {
  final Store store;
  final Exchange exchange;
  final FaultRules.S2sPlan plan;
  final S2sCounters counters;
  private final S2sFrames.Compression compression;
  private final Set<FaultRules.S2sInjectRule> injected = new HashSet<>();
  private @Nullable SessionLiveness liveness;
  private long bytesSent;
  private long framesSent;
  private boolean advised;

  S2sSession(Store store, Exchange exchange, FaultRules.S2sPlan plan, S2sCounters counters) {
    this.store = store;
    this.exchange = exchange;
    this.plan = plan;
    this.counters = counters;
    this.compression = S2sFrames.fromAcceptEncoding(exchange.headerValues("accept-encoding"));
  }

  /** Answers 200 with S2S's headers, as S2 does once a session is established. */
  final void start() throws IOException {
    liveness = new SessionLiveness(store, exchange);
    exchange.startSession("s2s/proto");
  }

  final void checkAlive() throws SessionAbort {
    SessionLiveness l = liveness;
    if (l == null) {
      throw new IllegalStateException("session not started");
    }
    l.check();
  }

  /**
   * Writes one message as a regular frame; false when the session ended (an injected frame ended
   * it).
   */
  final boolean send(byte[] message) throws SessionAbort, IOException {
    if (!beforeFrame()) {
      return false;
    }
    byte[] frame = S2sFrames.regular(message, compression);
    FaultRules.S2sAdviseRule advise = plan.advise;
    if (advise != null && framesSent >= advise.afterFrames && advise.active()) {
      if (!advised) {
        advised = advise.tryFire();
      }
      // As S2's server sets it on the frames of a session it is about to end (advise_reconnect).
      frame[3] |= S2sFrames.FLAG_RECONNECT_ADVISED;
    }
    writeRaw(frame);
    framesSent++;
    counters.framesSent.incrementAndGet();
    if ((frame[3] & S2sFrames.FLAG_COMPRESSION_MASK) != 0) {
      counters.compressedFramesSent.incrementAndGet();
    }
    return true;
  }

  /** Ends the session with a terminal frame carrying the error's status and body. */
  final void terminal(ApiError error) throws SessionAbort, IOException {
    if (beforeFrame()) {
      writeRaw(S2sFrames.terminal(error.status(), error.body()));
      counters.terminalFramesSent.incrementAndGet();
      exchange.endStream();
    }
  }

  /**
   * Ends the session cleanly: the response ends without a terminal frame, as S2 ends a finished
   * session.
   */
  final void end() throws SessionAbort, IOException {
    if (beforeFrame()) {
      exchange.endStream();
    }
  }

  /** Cuts the session now when the plan's measure is {@code measure} and its budget is reached. */
  final void cutIfDue(S2sCut.Measure measure, long count) throws SessionAbort {
    FaultRules.S2sCutRule cut = plan.cut;
    if (cut != null && cut.plan.measure() == measure && count >= plan.cutBudget) {
      plan.cut = null;
      if (cut.tryFire()) {
        throw cut(
            cut, count + " " + measure.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
      }
    }
  }

  final SessionAbort cut(FaultRules.S2sCutRule rule, String where) {
    return new SessionAbort("injected cut after " + where, rule.plan.closesConnection());
  }

  /** Cuts and injections due before the next frame; false when an injection ended the session. */
  private boolean beforeFrame() throws SessionAbort, IOException {
    cutIfDue(S2sCut.Measure.FRAMES_SENT, framesSent);
    for (FaultRules.S2sInjectRule rule : plan.injections) {
      if (injected.contains(rule) || rule.injection.afterFrameCount() != framesSent) {
        continue;
      }
      injected.add(rule);
      if (!rule.tryFire()) {
        continue;
      }
      byte[] bytes = rule.injection.bytes();
      writeRaw(bytes);
      if (bytes.length > 3 && (bytes[3] & S2sFrames.FLAG_TERMINAL) != 0) {
        counters.terminalFramesSent.incrementAndGet();
      }
      if (rule.injection.ends()) {
        exchange.endStream();
        return false;
      }
    }
    return true;
  }

  /** Writes bytes, cutting the session when the byte budget is reached. */
  private void writeRaw(byte[] bytes) throws SessionAbort, IOException {
    FaultRules.S2sCutRule cut = plan.cut;
    if (cut != null
        && cut.plan.measure() == S2sCut.Measure.BYTES_SENT
        && bytesSent + bytes.length >= plan.cutBudget) {
      plan.cut = null;
      if (cut.tryFire()) {
        int partial = (int) (plan.cutBudget - bytesSent);
        if (partial > 0) {
          exchange.write(ByteBuffer.wrap(bytes, 0, partial));
        }
        throw cut(cut, plan.cutBudget + " bytes sent");
      }
    }
    exchange.write(ByteBuffer.wrap(bytes));
    bytesSent += bytes.length;
  }
}
