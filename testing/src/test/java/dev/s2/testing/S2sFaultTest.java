package dev.s2.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults of S2S append sessions: cuts with inputs in flight, lost acks, stalls, terminal frames,
 * counts.
 */
class S2sFaultTest {
  static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-05-01T00:00:00Z"));
  static final String BASIN = "s2s-fault-basin";

  @RegisterExtension
  static final EmbeddedS2Extension S2 =
      EmbeddedS2Extension.configure(b -> b.clock(CLOCK).basins(BASIN));

  static S2sTestClient client;

  private static S2sTestClient client(String stream) {
    client = S2sTestClient.reuse(client, S2.server(), BASIN);
    S2.server().createStream(BASIN, stream);
    return client;
  }

  @AfterAll
  static void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  private static java.util.List<String> bodies(String stream) {
    return S2.server().records(BASIN, stream).stream().map(AppendedRecord::bodyUtf8).toList();
  }

  @Test
  void aCutAfterAnInputIsReceivedLosesItsAckButNotTheAppend() throws IOException {
    S2sTestClient c = client("ack-lost");
    FaultHandle cut =
        S2.server()
            .faults()
            .cutS2sSessions(RequestMatcher.s2sAppendSessions(), S2sCut.afterFramesReceived(2));
    try (S2sTestClient.AppendSession session = c.append("ack-lost")) {
      session.sendAll(
          S2sTestClient.input("first"),
          S2sTestClient.input("second"),
          S2sTestClient.input("third"));
      assertThat(session.frame().ack().getEnd().getSeqNum()).isEqualTo(1);
      assertThatThrownBy(session::next).isInstanceOf(IOException.class);
    }
    assertThat(cut.triggered()).isEqualTo(1);
    // "second" was appended although its ack never came; "third" was in flight and never appended.
    assertThat(bodies("ack-lost")).containsExactly("first", "second");
  }

  @Test
  void aCutAfterFramesSentDropsThePipelinedInputsBehindIt() throws IOException {
    S2sTestClient c = client("in-flight");
    S2.server()
        .faults()
        .cutS2sSessions(RequestMatcher.s2sAppendSessions(), S2sCut.afterFramesSent(1));
    try (S2sTestClient.AppendSession session = c.append("in-flight")) {
      session.sendAll(
          S2sTestClient.input("one"), S2sTestClient.input("two"), S2sTestClient.input("three"));
      assertThat(session.frame().ack().getEnd().getSeqNum()).isEqualTo(1);
      assertThatThrownBy(session::next).isInstanceOf(IOException.class);
    }
    // The cut came before the second ack: the second input was appended (read before its ack), the
    // third not.
    assertThat(bodies("in-flight")).containsExactly("one", "two");
  }

  @Test
  void aCutInTheMiddleOfAnInputNeverAppendsIt() throws IOException {
    S2sTestClient c = client("half-input");
    byte[] first = S2sTestClient.encodeFrame(0, S2sTestClient.input("whole").toByteArray());
    S2.server()
        .faults()
        .cutS2sSessions(
            RequestMatcher.s2sAppendSessions(),
            S2sCut.afterBytesReceived(first.length + 5).closingConnection());
    try (S2sTestClient.AppendSession session = c.append("half-input")) {
      session.sendRaw(
          S2sAppendSessionTest.concat(
              first,
              S2sTestClient.encodeFrame(
                  0, S2sTestClient.input("cut in the middle").toByteArray())));
      assertThat(session.frame().ack().getEnd().getSeqNum()).isEqualTo(1);
      assertThatThrownBy(session::next).isInstanceOf(IOException.class);
    }
    assertThat(bodies("half-input")).containsExactly("whole");
  }

  @Test
  void aStallHoldsInputsAndAcksUntilTheServerClockMoves() throws Exception {
    S2sTestClient c = client("stalled");
    FaultHandle stall =
        S2.server()
            .faults()
            .stallS2sAppendSessions(
                RequestMatcher.s2sAppendSessions(),
                S2sStall.afterAcks(1).forDuration(Duration.ofSeconds(10)));
    try (S2sTestClient.AppendSession session = c.append("stalled")) {
      session.send(S2sTestClient.input("before"));
      session.send(S2sTestClient.input("during"));
      assertThat(session.frame().ack().getEnd().getSeqNum()).isEqualTo(1);
      assertThat(stall.awaitTriggered(1, Duration.ofSeconds(10))).isTrue();
      assertThat(S2.server().awaitParkedReads(1, Duration.ofSeconds(10))).isTrue();
      CompletableFuture<S2sTestClient.Frame> next =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return session.frame();
                } catch (IOException e) {
                  throw new AssertionError(e);
                }
              });
      CLOCK.advance(Duration.ofSeconds(9));
      assertThat(S2.server().awaitParkedReads(1, Duration.ofSeconds(10))).isTrue();
      assertThat(next).isNotDone();
      assertThat(bodies("stalled")).containsExactly("before");
      CLOCK.advance(Duration.ofSeconds(1));
      assertThat(next.get(10, TimeUnit.SECONDS).ack().getEnd().getSeqNum()).isEqualTo(2);
    }
    assertThat(bodies("stalled")).containsExactly("before", "during");

    // Without a duration, the stall lasts until the rule is cancelled.
    FaultHandle held =
        S2.server()
            .faults()
            .stallS2sAppendSessions(RequestMatcher.s2sAppendSessions(), S2sStall.afterAcks(0));
    try (S2sTestClient.AppendSession session = c.append("stalled")) {
      session.send(S2sTestClient.input("held"));
      assertThat(held.awaitTriggered(1, Duration.ofSeconds(10))).isTrue();
      CLOCK.advance(Duration.ofHours(1));
      assertThat(S2.server().awaitParkedReads(1, Duration.ofSeconds(10))).isTrue();
      assertThat(bodies("stalled")).hasSize(2);
      held.cancel();
      assertThat(session.frame().ack().getEnd().getSeqNum()).isEqualTo(3);
    }
  }

  @Test
  void aTerminalFrameCanEndAnAppendSessionAfterSomeAcks() throws IOException {
    S2sTestClient c = client("terminated");
    S2.server()
        .faults()
        .injectIntoS2sSessions(
            RequestMatcher.s2sAppendSessions(),
            S2sInjection.terminal(412, "{\"seq_num_mismatch\":4}").afterFrames(1));
    try (S2sTestClient.AppendSession session = c.append("terminated")) {
      session.sendAll(S2sTestClient.input("a"), S2sTestClient.input("b"));
      assertThat(session.frame().ack().getEnd().getSeqNum()).isEqualTo(1);
      S2sTestClient.Frame terminal = session.frame();
      assertThat(terminal.status()).isEqualTo(412);
      assertThat(terminal.json()).isEqualTo("{\"seq_num_mismatch\":4}");
      assertThat(session.next()).isNull();
    }
    // The injection came before the second ack: "b" had been appended already.
    assertThat(bodies("terminated")).containsExactly("a", "b");
  }

  @Test
  void sessionsAndFramesAreCounted() throws IOException {
    S2sTestClient c = client("counted");
    S2.server().clearRequests();
    try (S2sTestClient.AppendSession session = c.append("counted")) {
      session.send(S2sTestClient.input("x"));
      session.sendGzip(S2sTestClient.input("y".repeat(2000)));
      session.frame();
      session.frame();
      session.endInput();
      assertThat(session.next()).isNull();
    }
    try (S2sTestClient.Session read =
        c.read("counted", "seq_num=0&count=2", "accept-encoding", "gzip")) {
      assertThat(read.frame().compressionBits()).isEqualTo(2);
      assertThat(read.next()).isNull();
    }
    S2sStats stats = S2.server().s2sStats();
    assertThat(stats.appendSessions()).isEqualTo(1);
    assertThat(stats.readSessions()).isEqualTo(1);
    assertThat(stats.framesReceived()).isEqualTo(2);
    assertThat(stats.compressedFramesReceived()).isEqualTo(1);
    assertThat(stats.framesSent()).isEqualTo(3);
    assertThat(stats.compressedFramesSent()).isEqualTo(1);
    assertThat(stats.toString())
        .isEqualTo(
            "S2sStats{append sessions 1, read sessions 1, frames received 2 (1 "
                + "compressed), frames sent 3 (1 compressed), terminal frames 0}");
    assertThat(S2.server().requestCount(Operation.APPEND)).isEqualTo(1);
    assertThat(S2.server().requestCount(Operation.READ)).isEqualTo(1);
  }

  @Test
  void faultArgumentsAreChecked() {
    assertThatThrownBy(() -> S2sCut.afterFramesReceived(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a cut after inputs received needs at least 1 input, got 0");
    assertThatThrownBy(() -> S2sCut.randomly(S2sCut.Measure.BYTES_SENT, 1, 10, 5))
        .hasMessage("bounds must satisfy 0 <= min <= max, got min 10, max 5");
    assertThatThrownBy(() -> S2sStall.afterAcks(1).forDuration(Duration.ZERO))
        .hasMessage("duration must be positive, got PT0S");
    assertThatThrownBy(() -> S2sInjection.terminal(70000, "{}"))
        .hasMessage("status must fit in 2 bytes, got 70000");
    assertThatThrownBy(() -> S2sInjection.raw(new byte[0]))
        .hasMessage("the injected bytes must not be empty");
    assertThat(S2sCut.afterBytesSent(3).closingConnection().toString())
        .isEqualTo("S2sCut{BYTES_SENT 3, closing the connection}");
  }
}
