package dev.s2.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import okhttp3.Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import s2.v1.AppendAck;
import s2.v1.AppendInput;
import s2.v1.AppendRecord;
import s2.v1.Header;
import s2.v1.StreamPosition;

/**
 * S2S append sessions as a raw HTTP/2 client sees them: acks in order, terminal frames,
 * compression.
 */
class S2sAppendSessionTest {
  static final String BASIN = "s2s-append-basin";

  @RegisterExtension
  static final EmbeddedS2Extension S2 = EmbeddedS2Extension.configure(b -> b.basins(BASIN));

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

  private static StreamPosition pos(long seqNum, long timestamp) {
    return StreamPosition.newBuilder().setSeqNum(seqNum).setTimestamp(timestamp).build();
  }

  @Test
  void pipelinedInputsAreAppendedAndAckedInOrderThenTheSessionEndsCleanly() throws IOException {
    S2sTestClient c = client("pipelined");
    byte[] notUtf8 = {(byte) 0xff, 0x00, (byte) 0xc3, 0x28};
    AppendInput binary =
        AppendInput.newBuilder()
            .addRecords(
                AppendRecord.newBuilder()
                    .setTimestamp(5)
                    .addHeaders(
                        Header.newBuilder()
                            .setName(ByteString.copyFrom(new byte[] {(byte) 0xfe, 'k'}))
                            .setValue(ByteString.copyFrom(notUtf8)))
                    .setBody(ByteString.copyFrom(notUtf8)))
            .build();
    S2.server().clearRequests();
    try (S2sTestClient.AppendSession session = c.append("pipelined")) {
      // Three inputs before reading any ack.
      session.send(S2sTestClient.input("a", "b"));
      session.send(binary);
      session.send(S2sTestClient.input("c"));
      assertThat(session.status()).isEqualTo(200);
      assertThat(session.response().protocol()).isEqualTo(Protocol.H2_PRIOR_KNOWLEDGE);
      assertThat(session.response().header("content-type")).isEqualTo("s2s/proto");

      AppendAck first = session.frame().ack();
      AppendAck second = session.frame().ack();
      AppendAck third = session.frame().ack();
      assertThat(first.getStart().getSeqNum()).isZero();
      assertThat(first.getEnd().getSeqNum()).isEqualTo(2);
      assertThat(first.getTail()).isEqualTo(first.getEnd());
      assertThat(second.getStart().getSeqNum()).isEqualTo(2);
      assertThat(second.getEnd().getSeqNum()).isEqualTo(3);
      assertThat(third.getStart().getSeqNum()).isEqualTo(3);
      assertThat(third.getEnd().getSeqNum()).isEqualTo(4);
      assertThat(third.getEnd().getTimestamp())
          .isGreaterThanOrEqualTo(second.getEnd().getTimestamp());

      session.endInput();
      assertThat(session.next()).as("a clean end: no terminal frame").isNull();
    }
    List<AppendedRecord> stored = S2.server().records(BASIN, "pipelined");
    assertThat(stored).extracting(AppendedRecord::seqNum).containsExactly(0L, 1L, 2L, 3L);
    assertThat(stored.get(0).bodyUtf8()).isEqualTo("a");
    assertThat(stored.get(2).body()).isEqualTo(notUtf8);
    assertThat(stored.get(2).headers()).hasSize(1);
    assertThat(stored.get(2).headers().get(0).name()).isEqualTo(new byte[] {(byte) 0xfe, 'k'});
    assertThat(stored.get(2).headers().get(0).value()).isEqualTo(notUtf8);
    assertThat(stored.get(3).bodyUtf8()).isEqualTo("c");

    RecordedRequest request = S2.server().requests().get(0);
    assertThat(request.operation()).isEqualTo(Operation.APPEND);
    assertThat(request.s2sSession()).isTrue();
    assertThat(request.protocol()).isEqualTo("HTTP/2.0");
    assertThat(request.body()).isEmpty();
    assertThat(RequestMatcher.s2sAppendSessions().matches(request)).isTrue();
    assertThat(RequestMatcher.s2sReadSessions().matches(request)).isFalse();
    S2sStats stats = S2.server().s2sStats();
    assertThat(stats.appendSessions()).isEqualTo(1);
    assertThat(stats.framesReceived()).isEqualTo(3);
    assertThat(stats.framesSent()).isEqualTo(3);
    assertThat(stats.terminalFramesSent()).isZero();
  }

  @Test
  void aFailedConditionEndsTheSessionWithA412FrameAfterTheEarlierAcks() throws IOException {
    S2sTestClient c = client("conditions");
    try (S2sTestClient.AppendSession session = c.append("conditions")) {
      session.sendAll(
          S2sTestClient.input("one").toBuilder().setMatchSeqNum(0).build(),
          S2sTestClient.input("two").toBuilder().setMatchSeqNum(7).build(),
          S2sTestClient.input("never"));
      assertThat(session.frame().ack().getEnd().getSeqNum()).isEqualTo(1);
      S2sTestClient.Frame terminal = session.frame();
      assertThat(terminal.terminal()).isTrue();
      assertThat(terminal.status()).isEqualTo(412);
      assertThat(terminal.json()).isEqualTo("{\"seq_num_mismatch\":1}");
      assertThat(session.next()).isNull();
    }
    assertThat(S2.server().records(BASIN, "conditions"))
        .extracting(AppendedRecord::bodyUtf8)
        .containsExactly("one");

    try (S2sTestClient.AppendSession session = c.append("conditions")) {
      session.send(S2sTestClient.input("fenced").toBuilder().setFencingToken("nope").build());
      S2sTestClient.Frame terminal = session.frame();
      assertThat(terminal.status()).isEqualTo(412);
      assertThat(terminal.json()).isEqualTo("{\"fencing_token_mismatch\":\"\"}");
    }
  }

  @Test
  void invalidBatchesAndBrokenFramesEndTheSessionWithTheirStatus() throws IOException {
    S2sTestClient c = client("broken");
    String[][] cases = {
      {
        "empty batch",
        "422",
        "{\"code\":\"invalid\",\"message\":\"record batch must not be empty\"}"
      },
      {
        "unknown compression",
        "400",
        "{\"code\":\"bad_frame\",\"message\":\"Failed to decode S2S frame: unknown compression algorithm\"}"
      },
      {
        "terminal input",
        "400",
        "{\"code\":\"bad_frame\",\"message\":\"Failed to decode S2S frame: Unexpected terminal frame as input\"}"
      },
      {
        "too long",
        "400",
        "{\"code\":\"bad_frame\",\"message\":\"Failed to decode S2S frame: frame exceeds decode limit\"}"
      },
      {
        "empty frame",
        "400",
        "{\"code\":\"bad_frame\",\"message\":\"Failed to decode S2S frame: empty frame payload\"}"
      },
      {
        "fencing token",
        "422",
        "{\"code\":\"invalid\",\"message\":\"fencing token must not exceed 36 bytes in length\"}"
      },
    };
    byte[][] inputs = {
      S2sTestClient.encodeFrame(0, AppendInput.getDefaultInstance().toByteArray()),
      S2sTestClient.encodeFrame(3, S2sTestClient.input("x").toByteArray()),
      S2sTestClient.frameWithFlag(0x80, new byte[] {0x01, (byte) 0xf4}),
      {0x20, 0x00, 0x01},
      {0x00, 0x00, 0x00},
      S2sTestClient.encodeFrame(
          0,
          S2sTestClient.input("x").toBuilder()
              .setFencingToken("f".repeat(37))
              .build()
              .toByteArray()),
    };
    for (int i = 0; i < cases.length; i++) {
      try (S2sTestClient.AppendSession session = c.append("broken")) {
        session.send(S2sTestClient.input("ok-" + i));
        session.sendRaw(inputs[i]);
        assertThat(session.frame().ack().getEnd().getSeqNum()).as(cases[i][0]).isEqualTo(i + 1);
        S2sTestClient.Frame terminal = session.frame();
        assertThat(terminal.terminal()).as(cases[i][0]).isTrue();
        assertThat(terminal.status()).as(cases[i][0]).isEqualTo(Integer.parseInt(cases[i][1]));
        assertThat(terminal.json()).as(cases[i][0]).isEqualTo(cases[i][2]);
      }
    }
    // A body that is not an AppendInput: its message names the protobuf failure.
    try (S2sTestClient.AppendSession session = c.append("broken")) {
      session.sendRaw(S2sTestClient.encodeFrame(0, new byte[] {0x0a, 0x7f, 0x01}));
      S2sTestClient.Frame terminal = session.frame();
      assertThat(terminal.status()).isEqualTo(400);
      assertThat(terminal.json())
          .startsWith(
              "{\"code\":\"bad_frame\",\"message\":\"Failed to decode S2S frame: failed to decode Protobuf message");
    }
    // Input cut short by the end of the body.
    try (S2sTestClient.AppendSession session = c.append("broken")) {
      byte[] whole = S2sTestClient.encodeFrame(0, S2sTestClient.input("half").toByteArray());
      session.sendRaw(java.util.Arrays.copyOf(whole, whole.length - 2));
      session.endInput();
      S2sTestClient.Frame terminal = session.frame();
      assertThat(terminal.json())
          .isEqualTo(
              "{\"code\":\"bad_frame\",\"message\":\"Failed to decode S2S frame: bytes remaining on stream\"}");
    }
    assertThat(S2.server().records(BASIN, "broken"))
        .extracting(AppendedRecord::bodyUtf8)
        .containsExactly("ok-0", "ok-1", "ok-2", "ok-3", "ok-4", "ok-5");
  }

  @Test
  void compressedInputsAreAcceptedGzipAndZstd() throws IOException {
    S2sTestClient c = client("compressed");
    // An AppendInput of one 2000-byte record, compressed by the reference zstd CLI (v1.5.4, -19,
    // from stdin: no
    // content size in the frame header).
    byte[] zstdFromCli =
        HexFormat.of()
            .parseHex(
                "28b52ffd04688d010084020ad30f1ad00f7a7374642d6672616d652d66726f6d2d74"
                    + "68652d7265666572656e63652d636c692d010058bdfcaa0cec526b20");
    String cliBody = "zstd-frame-from-the-reference-cli-".repeat(80).substring(0, 2000);
    String big = "gzip-me-".repeat(300);
    S2.server().clearRequests();
    try (S2sTestClient.AppendSession session = c.append("compressed")) {
      session.sendGzip(S2sTestClient.input(big));
      session.sendRaw(S2sTestClient.encodeFrame(1, zstdFromCli));
      assertThat(session.frame().ack().getEnd().getSeqNum()).isEqualTo(1);
      assertThat(session.frame().ack().getEnd().getSeqNum()).isEqualTo(2);
    }
    assertThat(S2.server().records(BASIN, "compressed"))
        .extracting(AppendedRecord::bodyUtf8)
        .containsExactly(big, cliBody);
    assertThat(S2.server().s2sStats().compressedFramesReceived()).isEqualTo(2);
  }

  @Test
  void errorsBeforeTheSessionAreOrdinaryAnswers() throws IOException {
    S2sTestClient c = client("exists");
    try (S2sTestClient.AppendSession session = c.append("missing-stream")) {
      assertThat(session.status()).isEqualTo(404);
      assertThat(session.bodyText()).contains("\"code\":\"stream_not_found\"");
    }
    S2.server()
        .faults()
        .failNext(1, RequestMatcher.s2sAppendSessions(), InjectedError.unavailable());
    try (S2sTestClient.AppendSession session = c.append("exists")) {
      assertThat(session.status()).isEqualTo(503);
      assertThat(session.bodyText())
          .isEqualTo("{\"code\":\"unavailable\",\"message\":\"injected fault\"}");
    }
  }

  static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
