package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s2.model.AppendAck;
import dev.s2.model.StreamPosition;
import dev.s2.testing.AppendedRecord;
import dev.s2.testing.EmbeddedS2;
import dev.s2.testing.EmbeddedS2Extension;
import dev.s2.testing.Operation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Unary appends, reads and tails against the embedded S2: bytes round-trip exactly, limits fail
 * before sending.
 */
class S2StreamTest {
  @RegisterExtension
  static final EmbeddedS2Extension S2 =
      EmbeddedS2Extension.configure(b -> b.basins("stream-tests"));

  private static final byte[] NOT_UTF8 = {
    (byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3, 0x28, (byte) 0x80
  };

  private S2Client client;
  private S2Stream stream;

  @BeforeEach
  void setUp(EmbeddedS2 s2) {
    client =
        S2Client.builder()
            .accessToken(s2.accessToken())
            .baseUrl(s2.accountEndpoint().toString())
            .basinEndpoint(s2.basinEndpoint().toString())
            .build();
    String name = "s-" + System.nanoTime();
    s2.createStream("stream-tests", name);
    stream = client.basin("stream-tests").stream(name);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Test
  void bodiesAndHeadersRoundTripByteForByteWhateverTheyHold(EmbeddedS2 s2) {
    byte[] everyByte = new byte[256];
    for (int i = 0; i < 256; i++) {
      everyByte[i] = (byte) i;
    }
    List<AppendRecord> records =
        List.of(
            AppendRecord.builder().body("hello ✓").timestamp(123).build(),
            AppendRecord.builder()
                .body(NOT_UTF8)
                .header(NOT_UTF8, everyByte)
                .header("k", "v")
                .build(),
            AppendRecord.of(new byte[0]),
            AppendRecord.of(everyByte));

    AppendAck ack = stream.append(records);

    assertThat(ack.start().seqNum()).isEqualTo(0);
    assertThat(ack.end().seqNum()).isEqualTo(4);
    List<AppendedRecord> stored = s2.records("stream-tests", stream.name());
    assertThat(stored).hasSize(4);
    assertThat(stored.get(1).body()).isEqualTo(NOT_UTF8);
    assertThat(stored.get(1).headers().get(0).name()).isEqualTo(NOT_UTF8);
    assertThat(stored.get(1).headers().get(0).value()).isEqualTo(everyByte);
    assertThat(stored.get(3).body()).isEqualTo(everyByte);

    ReadBatch batch = stream.read(ReadOptions.fromSeqNum(0).withCount(10));

    assertThat(batch.records()).hasSize(4);
    assertThat(batch.records().get(0).bodyAsString()).isEqualTo("hello ✓");
    assertThat(batch.records().get(1).body()).isEqualTo(NOT_UTF8);
    assertThat(batch.records().get(1).headers())
        .containsExactly(RecordHeader.of(NOT_UTF8, everyByte), RecordHeader.of("k", "v"));
    assertThat(batch.records().get(2).body()).isEmpty();
    assertThat(batch.records().get(3).body()).isEqualTo(everyByte);
    assertThat(batch.records().get(0).timestamp())
        .isEqualTo(123); // client-prefer: the record's own timestamp
    for (int i = 0; i < 4; i++) {
      assertThat(batch.records().get(i).seqNum()).isEqualTo(i);
      assertThat(batch.records().get(i).meteredBytes())
          .isEqualTo(records.get(i).meteredBytes())
          .isEqualTo(stored.get(i).meteredSize());
    }
    assertThat(
            s2.requests().stream()
                .filter(r -> r.operation() == Operation.APPEND)
                .findFirst()
                .orElseThrow()
                .header("s2-format"))
        .contains("base64");
  }

  @Test
  void theTailMovesWithAppends() {
    assertThat(stream.checkTail().seqNum()).isZero();
    stream.append(List.of(AppendRecord.of("a"), AppendRecord.of("b")));
    StreamPosition tail = stream.checkTail();
    assertThat(tail.seqNum()).isEqualTo(2);
    assertThat(stream.checkTailAsync().join()).isEqualTo(tail);
  }

  @Test
  void readsStartAtASeqNumATimestampOrATailOffset() {
    List<AppendRecord> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.add(AppendRecord.builder().body("r" + i).timestamp(1000 + i * 10).build());
    }
    stream.append(records);

    assertThat(bodies(stream.read(ReadOptions.fromSeqNum(7)))).containsExactly("r7", "r8", "r9");
    assertThat(bodies(stream.read(ReadOptions.fromTimestamp(1055).withCount(2))))
        .containsExactly("r6", "r7");
    assertThat(bodies(stream.read(ReadOptions.fromTailOffset(2)))).containsExactly("r8", "r9");
    assertThat(bodies(stream.read(ReadOptions.fromSeqNum(0).withUntil(1020))))
        .containsExactly("r0", "r1");
    assertThat(bodies(stream.readAsync(ReadOptions.fromSeqNum(9)).join())).containsExactly("r9");
  }

  @Test
  void conditionsTravelWithTheAppend(EmbeddedS2 s2) {
    stream.append(List.of(AppendRecord.fence("writer-1")), AppendOptions.none().matchSeqNum(0));
    AppendAck ack =
        stream.append(
            List.of(AppendRecord.of("x")),
            AppendOptions.none().matchSeqNum(1).fencingToken("writer-1"));
    assertThat(ack.start().seqNum()).isEqualTo(1);
    assertThat(s2.records("stream-tests", stream.name()).get(0).isCommand()).isTrue();
  }

  @Test
  void batchesBeyondTheServicesLimitsFailBeforeAnyRequest(EmbeddedS2 s2) {
    long before = s2.requestCount(Operation.APPEND);
    assertThatThrownBy(() -> stream.append(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an append needs at least 1 record, was 0");
    assertThatThrownBy(() -> stream.append(Collections.nCopies(1001, AppendRecord.of("x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an append holds at most 1000 records, was 1001");
    byte[] half = new byte[512 * 1024];
    assertThatThrownBy(() -> stream.append(List.of(AppendRecord.of(half), AppendRecord.of(half))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an append holds at most 1048576 metered bytes (1 MiB), was 1048592");
    assertThatThrownBy(
            () -> stream.read(ReadOptions.fromSeqNum(0).withWait(java.time.Duration.ofSeconds(61))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "wait of a unary read must be at most 60 s, was PT1M1S: use a read session to wait longer");
    assertThat(s2.requestCount(Operation.APPEND)).isEqualTo(before);
    // exactly at the limit: accepted
    byte[] fits = new byte[1024 * 1024 - 8];
    assertThat(stream.append(List.of(AppendRecord.of(fits))).end().seqNum()).isEqualTo(1);
  }

  @Test
  void streamNamesAreCheckedAsTheSpecSays() {
    S2Basin basin = client.basin("stream-tests");
    assertThatThrownBy(() -> basin.stream(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stream must be 1 to 512 bytes of UTF-8, was 0 bytes");
    assertThatThrownBy(() -> basin.stream(".."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("stream '..' cannot be sent");
    assertThatThrownBy(() -> client.basin("Not-A-Basin"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("basin must match");
  }

  private static List<String> bodies(ReadBatch batch) {
    List<String> out = new ArrayList<>();
    batch.records().forEach(r -> out.add(new String(r.body(), StandardCharsets.UTF_8)));
    return out;
  }
}
