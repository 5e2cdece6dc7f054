package dev.s2.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import s2.v1.ReadBatch;
import s2.v1.SequencedRecord;
import s2.v1.StreamPosition;

/**
 * S2S read sessions: batches, heartbeats with the tail, bounds, compression, terminal frames,
 * resuming.
 */
class S2sReadSessionTest {
  static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-05-01T00:00:00Z"));
  static final String BASIN = "s2s-read-basin";

  @RegisterExtension
  static final EmbeddedS2Extension S2 =
      EmbeddedS2Extension.configure(
          b ->
              b.clock(CLOCK)
                  .basins(BASIN)
                  .pingInterval(Duration.ofSeconds(10))
                  .sessionBatchRecords(10));

  static S2sTestClient client;

  /** A client, and the stream with {@code n} records "r0".. (timestamps 1, 2, ...). */
  private static S2sTestClient stream(String stream, int n) {
    client = S2sTestClient.reuse(client, S2.server(), BASIN);
    new TestHttp(S2.server()).basin(BASIN).streamWithRecords(stream, n, "r", true);
    return client;
  }

  @AfterAll
  static void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  private static List<String> bodies(ReadBatch batch) {
    return batch.getRecordsList().stream().map(r -> r.getBody().toStringUtf8()).toList();
  }

  private static StreamPosition pos(long seqNum, long timestamp) {
    return StreamPosition.newBuilder().setSeqNum(seqNum).setTimestamp(timestamp).build();
  }

  @Test
  void catchesUpThenSendsAHeartbeatWithTheTailThenFollowsLiveAppends() throws IOException {
    S2sTestClient c = stream("live", 12);
    try (S2sTestClient.Session session = c.read("live", "seq_num=0")) {
      assertThat(session.status()).isEqualTo(200);
      assertThat(session.response().header("content-type")).isEqualTo("s2s/proto");
      ReadBatch first = session.frame().batch();
      assertThat(bodies(first)).hasSize(10).startsWith("r0").endsWith("r9");
      assertThat(first.hasTail()).isFalse();
      SequencedRecord r0 = first.getRecords(0);
      assertThat(r0.getSeqNum()).isZero();
      assertThat(r0.getTimestamp()).isEqualTo(1);
      assertThat(bodies(session.frame().batch())).containsExactly("r10", "r11");

      ReadBatch heartbeat = session.frame().batch();
      assertThat(heartbeat.getRecordsCount()).isZero();
      assertThat(heartbeat.getTail()).isEqualTo(pos(12, 12));

      new TestHttp(S2.server())
          .basin(BASIN)
          .post("/streams/live/records", "{\"records\":[{\"body\":\"live\",\"timestamp\":20}]}");
      ReadBatch live = session.frame().batch();
      assertThat(bodies(live)).containsExactly("live");
      assertThat(live.getTail()).isEqualTo(pos(13, 20));

      // Idle: a heartbeat after the ping interval on the server's clock, not before.
      assertThat(S2.server().awaitParkedReads(1, Duration.ofSeconds(10))).isTrue();
      CLOCK.advance(Duration.ofSeconds(10));
      ReadBatch idle = session.frame().batch();
      assertThat(idle.getRecordsCount()).isZero();
      assertThat(idle.getTail()).isEqualTo(pos(13, 20));
    }
  }

  @Test
  void aBoundEndsTheSessionWithoutATerminalFrame() throws IOException {
    S2sTestClient c = stream("bounded", 5);
    try (S2sTestClient.Session session = c.read("bounded", "seq_num=1&count=3")) {
      assertThat(bodies(session.frame().batch())).containsExactly("r1", "r2", "r3");
      assertThat(session.next()).isNull();
    }
    try (S2sTestClient.Session session = c.read("bounded", "tail_offset=2")) {
      assertThat(bodies(session.frame().batch())).containsExactly("r3", "r4");
      assertThat(session.frame().batch().getTail()).isEqualTo(pos(5, 5));
    }
  }

  @Test
  void errorsBeforeTheSessionAreOrdinaryAnswersAndADeletedStreamATerminalFrame()
      throws IOException {
    S2sTestClient c = stream("doomed", 1);
    try (S2sTestClient.Session past = c.read("doomed", "seq_num=5")) {
      assertThat(past.status()).isEqualTo(416);
      assertThat(past.bodyText()).isEqualTo("{\"tail\":{\"seq_num\":1,\"timestamp\":1}}");
    }
    try (S2sTestClient.Session missing = c.read("nowhere", "")) {
      assertThat(missing.status()).isEqualTo(404);
    }
    try (S2sTestClient.Session session = c.read("doomed", "seq_num=0")) {
      assertThat(bodies(session.frame().batch())).containsExactly("r0");
      assertThat(session.frame().batch().getRecordsCount()).isZero();
      new TestHttp(S2.server()).basin(BASIN).delete("/streams/doomed");
      S2sTestClient.Frame terminal = session.frame();
      assertThat(terminal.terminal()).isTrue();
      assertThat(terminal.status()).isEqualTo(404);
      assertThat(terminal.json())
          .isEqualTo(
              "{\"code\":\"stream_not_found\",\"message\":\"stream `doomed` in basin `s2s-read-basin` not found\"}");
      assertThat(session.next()).isNull();
    }
  }

  @Test
  void largeMessagesAreCompressedWithWhatTheClientAccepts() throws IOException {
    S2sTestClient c = stream("squeeze", 30);
    // OkHttp advertises gzip by itself unless told otherwise: "identity" stands for a client that
    // accepts nothing.
    String[][] cases = {
      {"zstd", "1"}, {"gzip", "2"}, {"gzip;q=0.5, zstd", "1"}, {"br", "0"}, {"identity", "0"}
    };
    for (String[] kase : cases) {
      String[] headers = {"accept-encoding", kase[0]};
      try (S2sTestClient.Session session = c.read("squeeze", "seq_num=0&count=30", headers)) {
        List<String> all = new ArrayList<>();
        S2sTestClient.Frame f;
        while ((f = session.next()) != null) {
          // Batches of 10 records are under 1 KiB: never compressed.
          assertThat(f.compressionBits()).as(kase[0]).isZero();
          all.addAll(bodies(f.batch()));
        }
        assertThat(all).hasSize(30);
      }
    }
    // One record of 4 KiB makes a batch worth compressing.
    new TestHttp(S2.server())
        .basin(BASIN)
        .post(
            "/streams/squeeze/records", "{\"records\":[{\"body\":\"" + "z".repeat(4096) + "\"}]}");
    for (String[] kase : cases) {
      String[] headers = {"accept-encoding", kase[0]};
      try (S2sTestClient.Session session = c.read("squeeze", "seq_num=30&count=1", headers)) {
        S2sTestClient.Frame f = session.frame();
        assertThat(f.compressionBits()).as(kase[0]).isEqualTo(Integer.parseInt(kase[1]));
        assertThat(f.body().length)
            .as(kase[0])
            .isLessThan(kase[1].equals("0") ? Integer.MAX_VALUE : 200);
        assertThat(bodies(f.batch())).containsExactly("z".repeat(4096));
      }
    }
  }

  @Test
  void aReadCutHundredsOfTimesResumesFromTheNextSeqNumWithEveryRecordOnce() throws IOException {
    int total = 2000;
    S2sTestClient c = stream("cut-often", total);
    FaultHandle cuts =
        S2.server()
            .faults()
            .cutS2sSessions(
                RequestMatcher.s2sReadSessions(),
                S2sCut.randomly(S2sCut.Measure.BYTES_SENT, 2026, 1, 400).repeatedly());
    List<String> received = new ArrayList<>();
    long next = 0;
    int sessions = 0;
    boolean done = false;
    while (!done) {
      assertThat(++sessions).as("sessions").isLessThan(20_000);
      try (S2sTestClient.Session session =
          c.read("cut-often", "seq_num=" + next + "&count=" + (total - received.size()))) {
        S2sTestClient.Frame f;
        while ((f = session.next()) != null) {
          for (SequencedRecord r : f.batch().getRecordsList()) {
            assertThat(r.getSeqNum()).isEqualTo(next);
            received.add(r.getBody().toStringUtf8());
            next = r.getSeqNum() + 1;
          }
        }
        done = true;
      } catch (IOException cut) {
        // reset mid-session: resume from the next seq num
      }
    }
    cuts.cancel();
    assertThat(cuts.triggered()).isGreaterThanOrEqualTo(200);
    assertThat(received).hasSize(total);
    for (int i = 0; i < total; i++) {
      assertThat(received.get(i)).isEqualTo("r" + i);
    }
  }

  @Test
  void aCutAfterFramesResetsTheStreamAndAClosingCutTheConnection() throws IOException {
    S2sTestClient c = stream("cut-once", 30);
    FaultHandle cut =
        S2.server()
            .faults()
            .cutS2sSessions(RequestMatcher.s2sReadSessions(), S2sCut.afterFramesSent(2));
    try (S2sTestClient.Session session = c.read("cut-once", "seq_num=0&count=30")) {
      assertThat(bodies(session.frame().batch())).startsWith("r0");
      assertThat(bodies(session.frame().batch())).startsWith("r10");
      assertThatThrownBy(session::next).isInstanceOf(IOException.class);
    }
    assertThat(cut.triggered()).isEqualTo(1);
    assertThat(cut.active()).isFalse();

    S2.server()
        .faults()
        .cutS2sSessions(
            RequestMatcher.s2sReadSessions(), S2sCut.afterBytesSent(10).closingConnection());
    try (S2sTestClient.Session session = c.read("cut-once", "seq_num=0&count=30")) {
      assertThatThrownBy(session::next).isInstanceOf(IOException.class);
    }
    // The next session is whole.
    try (S2sTestClient.Session session = c.read("cut-once", "seq_num=0&count=30")) {
      int records = 0;
      S2sTestClient.Frame f;
      while ((f = session.next()) != null) {
        records += f.batch().getRecordsCount();
      }
      assertThat(records).isEqualTo(30);
    }
  }

  @Test
  void injectedFramesArriveWhereAsked() throws IOException {
    S2sTestClient c = stream("inject", 20);
    S2.server()
        .faults()
        .injectIntoS2sSessions(
            RequestMatcher.s2sReadSessions(),
            S2sInjection.terminal(InjectedError.unavailable().withMessage("go away"))
                .afterFrames(1));
    try (S2sTestClient.Session session = c.read("inject", "seq_num=0")) {
      assertThat(bodies(session.frame().batch())).hasSize(10);
      S2sTestClient.Frame terminal = session.frame();
      assertThat(terminal.terminal()).isTrue();
      assertThat(terminal.status()).isEqualTo(503);
      assertThat(terminal.json()).isEqualTo("{\"code\":\"unavailable\",\"message\":\"go away\"}");
      assertThat(session.next()).isNull();
    }
    S2.server()
        .faults()
        .injectIntoS2sSessions(
            RequestMatcher.s2sReadSessions(),
            S2sInjection.terminal(416, "{\"tail\":{\"seq_num\":20,\"timestamp\":20}}"));
    try (S2sTestClient.Session session = c.read("inject", "seq_num=0")) {
      S2sTestClient.Frame terminal = session.frame();
      assertThat(terminal.status()).isEqualTo(416);
      assertThat(terminal.json()).isEqualTo("{\"tail\":{\"seq_num\":20,\"timestamp\":20}}");
    }
    S2.server()
        .faults()
        .injectIntoS2sSessions(RequestMatcher.s2sReadSessions(), S2sInjection.unknownCompression());
    S2.server()
        .faults()
        .injectIntoS2sSessions(
            RequestMatcher.s2sReadSessions(), S2sInjection.notProtobuf().afterFrames(1));
    try (S2sTestClient.Session session = c.read("inject", "seq_num=0&count=10")) {
      assertThat(session.frame().compressionBits()).isEqualTo(3);
      assertThat(bodies(session.frame().batch())).hasSize(10);
      S2sTestClient.Frame garbage = session.frame();
      assertThat(garbage.body()).containsExactly(0x0a, 0x7f, 0x01);
      assertThat(session.next()).isNull();
    }
    S2.server()
        .faults()
        .injectIntoS2sSessions(RequestMatcher.s2sReadSessions(), S2sInjection.oversizedLength());
    try (S2sTestClient.Session session = c.read("inject", "seq_num=0&count=10")) {
      assertThatThrownBy(session::next)
          .isInstanceOf(AssertionError.class)
          .hasMessage("frame length 2097153");
    }
  }

  @Test
  void aDrainingServerAdvisesReconnectOnFramesFromTheNthOn() throws IOException {
    S2sTestClient c = stream("draining", 30);
    FaultHandle advice =
        S2.server().faults().adviseS2sReconnect(RequestMatcher.s2sReadSessions(), 1);
    try (S2sTestClient.Session session = c.read("draining", "seq_num=0&count=30")) {
      assertThat(session.frame().reconnectAdvised()).isFalse();
      S2sTestClient.Frame second = session.frame();
      assertThat(second.reconnectAdvised()).isTrue();
      assertThat(bodies(second.batch())).startsWith("r10");
      assertThat(session.frame().reconnectAdvised()).isTrue();
      assertThat(session.next()).isNull();
    }
    assertThat(advice.triggered()).isEqualTo(1);
    advice.cancel();
    try (S2sTestClient.Session session = c.read("draining", "seq_num=0&count=30")) {
      assertThat(session.frame().reconnectAdvised()).isFalse();
    }
  }
}
