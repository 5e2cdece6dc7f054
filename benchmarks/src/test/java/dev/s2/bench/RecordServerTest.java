package dev.s2.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.s2.client.AppendConditionFailedException;
import dev.s2.client.AppendOptions;
import dev.s2.client.AppendRecord;
import dev.s2.client.Producer;
import dev.s2.client.ReadOptions;
import dev.s2.client.ReadSession;
import dev.s2.client.RecordAck;
import dev.s2.client.S2Client;
import dev.s2.client.S2Stream;
import dev.s2.client.SequencedRecord;
import dev.s2.model.AppendAck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import s2.v1.AppendInput;

/**
 * The benchmark server answers as S2 would: positions that chain, 412 on a wrong match, reads in
 * order.
 */
class RecordServerTest {
  private RecordServer server;
  private S2Client client;

  @BeforeEach
  void start() {
    server = RecordServer.start().feed(RecordBodies.stream(16), new SseFeed(16));
    client =
        S2Client.builder()
            .accessToken("t")
            .baseUrl(server.endpoint())
            .basinEndpoint(server.endpoint())
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void countsJsonRecordsWithoutDecodingThem() {
    byte[] json =
        ("{\"fencing_token\":\"a\\\"b]}{\", \"match_seq_num\" : 42,\"records\":[{\"headers\":[[\"aA==\","
                + "\"Yg==\"]],\"body\":\"eA==\"},{\"timestamp\":5,\"body\":\"\"},{}]}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(RecordServer.jsonInput(json, json.length)).containsExactly(3, 42);
    byte[] noMatch =
        "{\"records\":[{\"body\":\"QUJDREVGR0hJSktMTU5PUA==\"}]}".getBytes(StandardCharsets.UTF_8);
    assertThat(RecordServer.jsonInput(noMatch, noMatch.length)).containsExactly(1, -1);
  }

  @Test
  void countsProtobufRecordsWithoutDecodingThem() throws IOException {
    AppendInput.Builder input = AppendInput.newBuilder().setMatchSeqNum(7).setFencingToken("f");
    for (int i = 0; i < 3; i++) {
      input.addRecords(
          s2.v1.AppendRecord.newBuilder().setBody(ByteString.copyFromUtf8("body " + i)));
    }
    byte[] bytes = input.build().toByteArray();
    assertThat(RecordServer.protobufInput(bytes, bytes.length)).containsExactly(3, 7);
    byte[] noMatch =
        AppendInput.newBuilder()
            .addRecords(s2.v1.AppendRecord.getDefaultInstance())
            .build()
            .toByteArray();
    assertThat(RecordServer.protobufInput(noMatch, noMatch.length)).containsExactly(1, -1);
  }

  @Test
  void aProducerGetsConsecutiveSeqNumsFromTheTail() {
    S2Stream stream = client.basin("bench-basin").stream("appends");
    List<CompletableFuture<RecordAck>> acks = new ArrayList<>();
    try (Producer producer = stream.producer()) {
      for (int i = 0; i < 2500; i++) {
        acks.add(producer.submit(AppendRecord.of(new byte[1024])));
      }
    }
    for (int i = 0; i < acks.size(); i++) {
      assertThat(acks.get(i).join().seqNum()).isEqualTo(SseFeed.BASE_SEQ_NUM + i);
    }
    assertThat(server.tail("appends")).isEqualTo(SseFeed.BASE_SEQ_NUM + 2500);
    assertThat(server.appends()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aWrongMatchIsRefusedWithTheTail() {
    S2Stream stream = client.basin("bench-basin").stream("matches");
    AppendAck ack =
        stream.append(
            List.of(AppendRecord.of("a"), AppendRecord.of("b")),
            AppendOptions.none().matchSeqNum(SseFeed.BASE_SEQ_NUM));
    assertThat(ack.start().seqNum()).isEqualTo(SseFeed.BASE_SEQ_NUM);
    assertThat(ack.end().seqNum()).isEqualTo(SseFeed.BASE_SEQ_NUM + 2);
    AppendConditionFailedException e =
        Assertions.catchThrowableOfType(
            AppendConditionFailedException.class,
            () ->
                stream.append(
                    List.of(AppendRecord.of("c")),
                    AppendOptions.none().matchSeqNum(SseFeed.BASE_SEQ_NUM)));
    assertThat(e.expectedSeqNum()).hasValue(SseFeed.BASE_SEQ_NUM + 2);
    assertThat(server.mismatches()).isEqualTo(1);
    assertThat(server.tail("matches")).isEqualTo(SseFeed.BASE_SEQ_NUM + 2);
  }

  @Test
  void aReadSessionGetsEveryRecordOnce() {
    S2Stream stream = client.basin("bench-basin").stream(RecordBodies.stream(16));
    long next = SseFeed.BASE_SEQ_NUM + 10;
    try (ReadSession session = stream.readSession(ReadOptions.fromSeqNum(next).withCount(2500))) {
      for (SequencedRecord r : session) {
        assertThat(r.seqNum()).isEqualTo(next++);
        assertThat(r.bodyBuffer().remaining()).isEqualTo(16);
      }
    }
    assertThat(next).isEqualTo(SseFeed.BASE_SEQ_NUM + 2510);
  }
}
