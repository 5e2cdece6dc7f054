package dev.s2.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ByteString;
import dev.s2.client.S2Client;
import dev.s2.client.S2Stream;
import dev.s2.client.SessionTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;
import s2.v1.AppendAck;
import s2.v1.AppendInput;
import s2.v1.ReadBatch;
import s2.v1.SequencedRecord;

/**
 * The S2S benchmark server speaks S2S: frames of ReadBatch in order, an ack per AppendInput, 412 as
 * a terminal.
 */
class S2sServerTest {
  private final OkHttpClient http =
      new OkHttpClient.Builder().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE)).build();
  private S2sServer server;

  @AfterEach
  void stop() {
    OkHttpClients.shutdown(http);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void framesHoldEveryRecordInOrder() throws IOException {
    S2sFeed feed = new S2sFeed(100);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long start = SseFeed.BASE_SEQ_NUM + 127; // a varint's low byte wraps inside the first batch
    feed.write(out, start, 2345, new byte[1][]);
    Buffer frames = new Buffer().write(out.toByteArray());
    assertThat((long) out.size()).isEqualTo(feed.frameBytes(2345));
    long next = start;
    int batches = 0;
    while (!frames.exhausted()) {
      int length =
          ((frames.readByte() & 0xFF) << 16)
              | ((frames.readByte() & 0xFF) << 8)
              | (frames.readByte() & 0xFF);
      assertThat(frames.readByte()).isEqualTo((byte) 0);
      ReadBatch batch = ReadBatch.parseFrom(frames.readByteArray(length - 1));
      assertThat(batch.hasTail()).isFalse();
      for (SequencedRecord r : batch.getRecordsList()) {
        assertThat(r.getSeqNum()).isEqualTo(next++);
        assertThat(r.getTimestamp()).isEqualTo(SseFeed.TIMESTAMP);
        assertThat(r.getBody().size()).isEqualTo(100);
      }
      batches++;
    }
    assertThat(next).isEqualTo(start + 2345);
    assertThat(batches).isEqualTo(3);
  }

  @Test
  void readSessionsOverH2c() throws IOException {
    server = S2sServer.start().feed("s", new S2sFeed(16));
    S2sLimits limits = new S2sLimits(http, server.endpoint());
    Blackhole bh = RecordRatios.blackhole();
    assertThat(limits.split("s", SseFeed.BASE_SEQ_NUM, 2500)).isEqualTo(3);
    assertThat(limits.splitAndParse("s", SseFeed.BASE_SEQ_NUM, 2500, bh)).isEqualTo(4 * 2500);
    assertThat(server.readSessions()).isEqualTo(2);
  }

  @Test
  void appendSessionsAckEachInputAndEndWithA412() throws IOException {
    server = S2sServer.start();
    Buffer frames = new Buffer();
    long match = SseFeed.BASE_SEQ_NUM;
    for (int records : new int[] {3, 1000, 2}) {
      frame(frames, input(records, match));
      match += records;
    }
    frame(frames, input(1, SseFeed.BASE_SEQ_NUM)); // not the tail: refused
    Request request =
        new Request.Builder()
            .url(server.endpoint() + "/streams/s/records")
            .post(RequestBody.create(frames.readByteString(), MediaType.get("s2s/proto")))
            .build();
    List<AppendAck> acks = new ArrayList<>();
    String terminal = null;
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.protocol()).isEqualTo(Protocol.H2_PRIOR_KNOWLEDGE);
      Buffer body = new Buffer().write(response.body().bytes());
      while (!body.exhausted()) {
        int length =
            ((body.readByte() & 0xFF) << 16)
                | ((body.readByte() & 0xFF) << 8)
                | (body.readByte() & 0xFF);
        int flag = body.readByte() & 0xFF;
        byte[] message = body.readByteArray(length - 1);
        if (flag == 0x80) {
          terminal =
              ((message[0] & 0xFF) << 8 | (message[1] & 0xFF))
                  + " "
                  + new String(message, 2, message.length - 2, StandardCharsets.UTF_8);
        } else {
          acks.add(AppendAck.parseFrom(message));
        }
      }
    }
    assertThat(acks)
        .extracting(a -> a.getStart().getSeqNum(), a -> a.getEnd().getSeqNum())
        .containsExactly(
            tuple(SseFeed.BASE_SEQ_NUM, SseFeed.BASE_SEQ_NUM + 3),
            tuple(SseFeed.BASE_SEQ_NUM + 3, SseFeed.BASE_SEQ_NUM + 1003),
            tuple(SseFeed.BASE_SEQ_NUM + 1003, SseFeed.BASE_SEQ_NUM + 1005));
    assertThat(terminal)
        .isEqualTo("412 {\"seq_num_mismatch\":" + (SseFeed.BASE_SEQ_NUM + 1005) + "}");
    assertThat(server.tail("s")).isEqualTo(SseFeed.BASE_SEQ_NUM + 1005);
  }

  @Test
  void aStalledServerReadsEveryInputAndAcknowledgesNone() throws IOException {
    server = S2sServer.start();
    server.stallAppends(true);
    Buffer frames = new Buffer();
    frame(frames, input(3, SseFeed.BASE_SEQ_NUM));
    frame(frames, input(2, SseFeed.BASE_SEQ_NUM + 3));
    Request request =
        new Request.Builder()
            .url(server.endpoint() + "/streams/s/records")
            .post(RequestBody.create(frames.readByteString(), MediaType.get("s2s/proto")))
            .build();
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().bytes())
          .isEmpty(); // the input ended: the session ends without a frame
    }
    assertThat(server.appendSessions()).isEqualTo(1);
    assertThat(server.tail("s")).isEqualTo(SseFeed.BASE_SEQ_NUM);
  }

  @Test
  void theJavaSdkReadsAndProducesOverS2s() {
    server = S2sServer.start().feed(RecordBodies.stream(1024), new S2sFeed(1024));
    try (S2Client client =
        ProducerBenchmark.client(server.endpoint(), SessionTransport.S2S, false)) {
      S2Stream stream = client.basin("bench-basin").stream(RecordBodies.stream(1024));
      assertThat(ReadSessionBenchmark.readAll(stream, 2345)).isEqualTo(2345L * 1024);
      assertThat(server.readSessions()).isEqualTo(1);
      ProducerBenchmark producer = new ProducerBenchmark();
      producer.bodyBytes = 1024;
      producer.prepare();
      ProducerBenchmark.Run run = producer.produce(stream, 2500, 0);
      assertThat(run.records).isEqualTo(2500);
      assertThat(run.p50Nanos).isPositive().isLessThanOrEqualTo(run.p99Nanos);
      assertThat(server.tail(RecordBodies.stream(1024))).isEqualTo(SseFeed.BASE_SEQ_NUM + 2500);
      assertThat(server.appendSessions()).isEqualTo(1);
    }
  }

  private static byte[] input(int records, long match) {
    AppendInput.Builder input = AppendInput.newBuilder().setMatchSeqNum(match);
    for (int i = 0; i < records; i++) {
      input.addRecords(s2.v1.AppendRecord.newBuilder().setBody(ByteString.copyFromUtf8("r" + i)));
    }
    return input.build().toByteArray();
  }

  private static void frame(Buffer out, byte[] message) {
    int length = message.length + 1;
    out.writeByte(length >>> 16)
        .writeByte(length >>> 8)
        .writeByte(length)
        .writeByte(0)
        .write(message);
  }
}
