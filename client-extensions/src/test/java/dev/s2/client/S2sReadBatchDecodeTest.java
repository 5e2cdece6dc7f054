package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.s2.model.StreamPosition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The S2S read session's own {@code ReadBatch} decoder ({@link S2sMessages#readBatch}) against
 * protobuf's generated parser ({@code s2.v1.ReadBatch.parseFrom}, what the SDK used before): the
 * same records field by field on random batches written with every freedom of the wire format
 * (fields in any order, repeated singular fields, unknown fields of every wire type, known field
 * numbers with another wire type), and the same refusal, with the same message, of every malformed
 * message.
 */
class S2sReadBatchDecodeTest {
  private static final String NOT_A_BATCH = "a frame is not a ReadBatch: ";
  private static final String TRUNCATED =
      "While parsing a protocol message, the input ended unexpectedly in the middle of a field."
          + "  This could mean either that the input has been truncated or that an embedded"
          + " message misreported its own length.";

  /** What decoding a message gave: a batch, or the message of the decoding failure. */
  private static final class Outcome {
    final RecordsJson.Batch batch;
    final String failure;

    Outcome(RecordsJson.Batch batch, String failure) {
      this.batch = batch;
      this.failure = failure;
    }
  }

  /** The SDK's decoder. */
  private static Outcome decode(byte[] message) {
    try {
      return new Outcome(S2sMessages.readBatch(message), null);
    } catch (S2sFrames.Malformed e) {
      return new Outcome(null, e.getMessage());
    }
  }

  /**
   * The reference: protobuf's generated parser, its messages then converted and checked as the SDK
   * did before it decoded batches itself.
   */
  private static Outcome reference(byte[] message) {
    s2.v1.ReadBatch batch;
    try {
      batch = s2.v1.ReadBatch.parseFrom(message);
    } catch (InvalidProtocolBufferException e) {
      return new Outcome(null, NOT_A_BATCH + e.getMessage());
    }
    List<SequencedRecord> records = new ArrayList<>();
    long previous = -1;
    for (s2.v1.SequencedRecord r : batch.getRecordsList()) {
      if (r.getSeqNum() < 0 || r.getSeqNum() <= previous) {
        return new Outcome(
            null,
            "a ReadBatch whose seq nums do not increase ("
                + Long.toUnsignedString(r.getSeqNum())
                + " after "
                + previous
                + ")");
      }
      previous = r.getSeqNum();
      List<RecordHeader> headers = new ArrayList<>();
      for (s2.v1.Header h : r.getHeadersList()) {
        headers.add(RecordHeader.of(h.getName().toByteArray(), h.getValue().toByteArray()));
      }
      records.add(
          new SequencedRecord(r.getSeqNum(), r.getTimestamp(), headers, r.getBody().toByteArray()));
    }
    StreamPosition tail = null;
    if (batch.hasTail()) {
      try {
        tail = StreamPosition.of(batch.getTail().getSeqNum(), batch.getTail().getTimestamp());
      } catch (IllegalArgumentException e) {
        // the one change from before: this escaped as an IllegalArgumentException
        return new Outcome(null, "a ReadBatch with an invalid tail: " + e.getMessage());
      }
    }
    return new Outcome(new RecordsJson.Batch(records, tail), null);
  }

  /** Both decoders agree: the same records field by field and tail, or the same failure. */
  private static Outcome assertAgree(byte[] message) {
    Outcome expected = reference(message);
    Outcome actual = decode(message);
    if (expected.failure != null) {
      assertThat(actual.failure)
          .as(() -> String.format("failure of %s", hex(message)))
          .isEqualTo(expected.failure);
      assertThat(actual.batch).isNull();
      return actual;
    }
    assertThat(actual.failure).as(() -> String.format("failure of %s", hex(message))).isNull();
    assertThat(actual.batch.records)
        .as(() -> String.format("records of %s", hex(message)))
        .hasSize(expected.batch.records.size());
    for (int i = 0; i < expected.batch.records.size(); i++) {
      int index = i;
      SequencedRecord e = expected.batch.records.get(i);
      SequencedRecord a = actual.batch.records.get(i);
      assertThat(a.seqNum())
          .as(() -> String.format("seq num %s of %s", index, hex(message)))
          .isEqualTo(e.seqNum());
      assertThat(a.timestamp())
          .as(() -> String.format("timestamp %s of %s", index, hex(message)))
          .isEqualTo(e.timestamp());
      assertThat(a.body())
          .as(() -> String.format("body %s of %s", index, hex(message)))
          .isEqualTo(e.body());
      assertThat(a.headers())
          .as(() -> String.format("headers %s of %s", index, hex(message)))
          .hasSize(e.headers().size());
      for (int j = 0; j < e.headers().size(); j++) {
        assertThat(a.headers().get(j).name()).isEqualTo(e.headers().get(j).name());
        assertThat(a.headers().get(j).value()).isEqualTo(e.headers().get(j).value());
      }
      assertThat(a).isEqualTo(e);
    }
    if (expected.batch.tail == null) {
      assertThat(actual.batch.tail).as(() -> String.format("tail of %s", hex(message))).isNull();
    } else {
      assertThat(actual.batch.tail).as(() -> String.format("tail of %s", hex(message))).isNotNull();
      assertThat(actual.batch.tail.seqNum()).isEqualTo(expected.batch.tail.seqNum());
      assertThat(actual.batch.tail.timestamp()).isEqualTo(expected.batch.tail.timestamp());
    }
    return actual;
  }

  private static String hex(byte[] message) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(message.length, 64); i++) {
      s.append(String.format("%02x", message[i] & 0xff));
    }
    return s + (message.length > 64 ? "… (" + message.length + " bytes)" : "");
  }

  // ---- a writer of the wire format with its freedoms ----

  /** Writes random messages; {@code chaos} adds what S2 does not send but protobuf accepts. */
  private static final class Writer {
    final Random rnd;
    final boolean chaos;

    Writer(Random rnd, boolean chaos) {
      this.rnd = rnd;
      this.chaos = chaos;
    }

    byte[] batch(List<long[]> seqAndTimestamps, int maxHeaders, int maxBody, boolean tail)
        throws IOException {
      List<byte[]> fields = new ArrayList<>();
      for (long[] st : seqAndTimestamps) {
        fields.add(lengthDelimited(1, record(st[0], st[1], maxHeaders, maxBody)));
      }
      if (tail) {
        byte[] position = position(rnd.nextLong() >>> 1, rnd.nextLong() >>> 1);
        // a tail may come anywhere among the records
        fields.add(rnd.nextInt(fields.size() + 1), lengthDelimited(2, position));
      }
      return join(fields);
    }

    byte[] record(long seqNum, long timestamp, int maxHeaders, int maxBody) throws IOException {
      List<byte[]> fields = new ArrayList<>();
      if (seqNum != 0 || rnd.nextBoolean()) {
        fields.add(varint(1, seqNum));
      }
      if (timestamp != 0 || rnd.nextBoolean()) {
        fields.add(varint(2, timestamp));
      }
      int headers = maxHeaders == 0 ? 0 : rnd.nextInt(maxHeaders + 1);
      for (int i = 0; i < headers; i++) {
        fields.add(lengthDelimited(3, header()));
      }
      byte[] body = bytes(rnd.nextInt(maxBody + 1));
      if (body.length > 0 || rnd.nextBoolean()) {
        fields.add(lengthDelimited(4, body));
      }
      if (chaos) {
        // headers keep their order among themselves; the other fields may move
        shuffleKeepingOrderOf(fields, 3);
        if (rnd.nextInt(4) == 0) {
          fields.add(0, varint(1, rnd.nextLong())); // overwritten: the last value wins
        }
        if (rnd.nextInt(4) == 0) {
          fields.add(0, lengthDelimited(4, bytes(rnd.nextInt(8))));
        }
      }
      return join(fields);
    }

    byte[] header() throws IOException {
      List<byte[]> fields = new ArrayList<>();
      byte[] name = bytes(rnd.nextInt(12));
      byte[] value = bytes(rnd.nextInt(24));
      if (name.length > 0 || rnd.nextBoolean()) {
        fields.add(lengthDelimited(1, name));
      }
      if (value.length > 0 || rnd.nextBoolean()) {
        fields.add(lengthDelimited(2, value));
      }
      if (chaos && rnd.nextBoolean()) {
        java.util.Collections.reverse(fields);
      }
      return join(fields);
    }

    byte[] position(long seqNum, long timestamp) throws IOException {
      List<byte[]> fields = new ArrayList<>();
      fields.add(varint(1, seqNum));
      fields.add(varint(2, timestamp));
      if (chaos) {
        java.util.Collections.shuffle(fields, rnd);
      }
      return join(fields);
    }

    byte[] bytes(int n) {
      byte[] b = new byte[n];
      rnd.nextBytes(b);
      return b;
    }

    /** Joins fields, with unknown fields between them when chaotic. */
    byte[] join(List<byte[]> fields) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] f : fields) {
        if (chaos && rnd.nextInt(3) == 0) {
          out.write(unknown(2));
        }
        out.write(f);
      }
      if (chaos && rnd.nextInt(3) == 0) {
        out.write(unknown(2));
      }
      return out.toByteArray();
    }

    /**
     * An unknown field: any wire type, any field number from 1 to 6 (known numbers included, with
     * whatever wire type comes) or a large one; groups nest up to {@code depth}.
     */
    byte[] unknown(int depth) throws IOException {
      int number = rnd.nextInt(8) == 0 ? 1 + rnd.nextInt((1 << 29) - 1) : 1 + rnd.nextInt(6);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      switch (rnd.nextInt(depth > 0 ? 5 : 4)) {
        case 0:
          out.writeUInt64(number, rnd.nextLong() >>> rnd.nextInt(64));
          break;
        case 1:
          out.writeFixed64(number, rnd.nextLong());
          break;
        case 2:
          out.writeFixed32(number, rnd.nextInt());
          break;
        case 3:
          out.writeByteArray(number, bytes(rnd.nextInt(10)));
          break;
        default:
          out.writeTag(number, WireFormat.WIRETYPE_START_GROUP);
          out.flush();
          int inside = rnd.nextInt(3);
          for (int i = 0; i < inside; i++) {
            bytes.write(unknown(depth - 1));
          }
          out.writeTag(number, WireFormat.WIRETYPE_END_GROUP);
      }
      out.flush();
      return bytes.toByteArray();
    }

    void shuffleKeepingOrderOf(List<byte[]> fields, int number) {
      List<byte[]> kept = new ArrayList<>();
      List<Integer> at = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i)[0] == (byte) tag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
          kept.add(fields.get(i));
          at.add(i);
        }
      }
      java.util.Collections.shuffle(fields, rnd);
      int k = 0;
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i)[0] == (byte) tag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
          fields.set(i, kept.get(k++));
        }
      }
    }
  }

  private static int tag(int number, int wireType) {
    return number << 3 | wireType;
  }

  static byte[] varint(int number, long value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeUInt64(number, value);
    out.flush();
    return bytes.toByteArray();
  }

  static byte[] lengthDelimited(int number, byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeByteArray(number, content);
    out.flush();
    return bytes.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static List<long[]> increasing(Random rnd, int count, long start) {
    List<long[]> out = new ArrayList<>();
    long seq = start;
    for (int i = 0; i < count; i++) {
      out.add(new long[] {seq, rnd.nextInt(4) == 0 ? Long.MAX_VALUE - rnd.nextInt(3) : seq * 3});
      seq += 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(1000) : 0);
    }
    return out;
  }

  // ---- the tests ----

  @Test
  void aBatchAsS2WritesItIsDecodedFieldByField() throws Exception {
    byte[] message =
        concat(
            lengthDelimited(
                1,
                concat(
                    varint(1, 7),
                    varint(2, 1_700_000_000_000L),
                    lengthDelimited(
                        3,
                        concat(
                            lengthDelimited(1, new byte[] {'k'}),
                            lengthDelimited(2, new byte[] {'v', 0, (byte) 0xff}))),
                    lengthDelimited(3, new byte[0]),
                    lengthDelimited(4, new byte[] {1, 2, 3}))),
            lengthDelimited(1, concat(varint(1, Long.MAX_VALUE))),
            lengthDelimited(2, concat(varint(1, Long.MAX_VALUE), varint(2, 5))));

    RecordsJson.Batch batch = S2sMessages.readBatch(message);

    assertThat(batch.records).hasSize(2);
    SequencedRecord first = batch.records.get(0);
    assertThat(first.seqNum()).isEqualTo(7);
    assertThat(first.timestamp()).isEqualTo(1_700_000_000_000L);
    assertThat(first.body()).containsExactly(1, 2, 3);
    assertThat(first.headers()).hasSize(2);
    assertThat(first.headers().get(0).name()).containsExactly('k');
    assertThat(first.headers().get(0).value()).containsExactly('v', 0, 0xff);
    assertThat(first.headers().get(1).name()).isEmpty();
    assertThat(first.headers().get(1).value()).isEmpty();
    assertThat(first.isCommand()).isFalse();
    SequencedRecord second = batch.records.get(1);
    assertThat(second.seqNum()).isEqualTo(Long.MAX_VALUE);
    assertThat(second.timestamp()).isZero();
    assertThat(second.body()).isEmpty();
    assertThat(second.headers()).isEmpty();
    assertThat(batch.tail).isEqualTo(StreamPosition.of(Long.MAX_VALUE, 5));
    assertAgree(message);
  }

  @Test
  void aHeartbeatHasNoRecordsAndItsTailEvenEmptyAndAnEmptyMessageNeither() throws Exception {
    RecordsJson.Batch heartbeat = S2sMessages.readBatch(lengthDelimited(2, new byte[0]));
    assertThat(heartbeat.records).isEmpty();
    assertThat(heartbeat.tail).isEqualTo(StreamPosition.of(0, 0));

    RecordsJson.Batch empty = S2sMessages.readBatch(new byte[0]);
    assertThat(empty.records).isEmpty();
    assertThat(empty.tail).isNull();
  }

  @Test
  void aRepeatedTailIsMergedAndARepeatedScalarsLastValueWinsAsProtobufDoes() throws Exception {
    byte[] message =
        concat(
            lengthDelimited(2, concat(varint(1, 10), varint(2, 20))),
            lengthDelimited(
                1, concat(varint(1, 3), lengthDelimited(4, new byte[] {9}), varint(1, 4))),
            lengthDelimited(2, varint(1, 11)));

    RecordsJson.Batch batch = assertAgree(message).batch;

    assertThat(batch.tail).isEqualTo(StreamPosition.of(11, 20));
    assertThat(batch.records).hasSize(1);
    assertThat(batch.records.get(0).seqNum()).isEqualTo(4);
    assertThat(batch.records.get(0).body()).containsExactly(9);
  }

  @Test
  void bodiesWithEveryByteValueAndManyHeadersRoundTrip() throws Exception {
    byte[] body = new byte[256];
    for (int i = 0; i < 256; i++) {
      body[i] = (byte) i;
    }
    List<byte[]> headers = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      headers.add(
          lengthDelimited(
              3,
              concat(
                  lengthDelimited(1, Arrays.copyOf(body, i % 256)),
                  lengthDelimited(2, Arrays.copyOfRange(body, i % 256, 256)))));
    }
    byte[] record =
        concat(varint(1, 1), concat(headers.toArray(new byte[0][])), lengthDelimited(4, body));

    SequencedRecord r = assertAgree(lengthDelimited(1, record)).batch.records.get(0);

    assertThat(r.body()).isEqualTo(body);
    assertThat(r.headers()).hasSize(300);
    assertThat(r.headers().get(299).name()).isEqualTo(Arrays.copyOf(body, 299 % 256));
    assertThat(r.headers().get(299).value()).isEqualTo(Arrays.copyOfRange(body, 299 % 256, 256));
  }

  @Test
  void randomBatchesAsS2SendsThemAgreeWithProtobufsParserAndWithWhatWasWritten() throws Exception {
    Random rnd = new Random(20261128);
    Writer writer = new Writer(rnd, false);
    for (int round = 0; round < 1500; round++) {
      int count = round % 10 == 0 ? 0 : 1 + rnd.nextInt(round % 7 == 0 ? 500 : 20);
      long start = rnd.nextBoolean() ? rnd.nextInt(100) : Long.MAX_VALUE - 1_000_000 * 600L;
      List<long[]> seqs = increasing(rnd, count, start);
      boolean tail = rnd.nextBoolean();
      byte[] message = writer.batch(seqs, rnd.nextInt(4) == 0 ? 6 : 0, 1 + rnd.nextInt(300), tail);

      RecordsJson.Batch batch = assertAgree(message).batch;

      assertThat(batch.records).hasSize(count);
      for (int i = 0; i < count; i++) {
        assertThat(batch.records.get(i).seqNum()).isEqualTo(seqs.get(i)[0]);
        assertThat(batch.records.get(i).timestamp()).isEqualTo(seqs.get(i)[1]);
      }
      assertThat(batch.tail != null).isEqualTo(tail);
    }
  }

  @Test
  void randomBatchesWithFieldsInAnyOrderAndUnknownFieldsInterleavedAgreeWithProtobufsParser()
      throws Exception {
    Random rnd = new Random(42);
    Writer writer = new Writer(rnd, true);
    int decoded = 0;
    for (int round = 0; round < 3000; round++) {
      List<long[]> seqs = increasing(rnd, rnd.nextInt(12), rnd.nextInt(3));
      byte[] message = writer.batch(seqs, 4, 40, rnd.nextBoolean());
      if (assertAgree(message).batch != null) {
        decoded++;
      }
    }
    // most are batches (an unknown field that is a seq num of a record overwrites it, which
    // sometimes makes them not increase)
    assertThat(decoded).isGreaterThan(1500);
  }

  @Test
  void everyTruncationAndCorruptionOfABatchFailsOrDecodesAsProtobufsParserDoes() throws Exception {
    Random rnd = new Random(7);
    Writer writer = new Writer(rnd, true);
    int failures = 0;
    for (int round = 0; round < 400; round++) {
      byte[] message = writer.batch(increasing(rnd, 1 + rnd.nextInt(5), 1), 3, 20, true);
      for (int cut = 0; cut < message.length; cut++) {
        if (assertAgree(Arrays.copyOf(message, cut)).failure != null) {
          failures++;
        }
      }
      for (int i = 0; i < 40; i++) {
        byte[] corrupt = message.clone();
        int flips = 1 + rnd.nextInt(3);
        for (int f = 0; f < flips; f++) {
          int at = rnd.nextInt(corrupt.length);
          corrupt[at] =
              rnd.nextInt(3) == 0
                  ? (byte) rnd.nextInt()
                  : (byte) (corrupt[at] ^ (1 << rnd.nextInt(8)));
        }
        if (assertAgree(corrupt).failure != null) {
          failures++;
        }
      }
    }
    assertThat(failures).isGreaterThan(1000);
  }

  @Test
  void aTruncatedVarintOrLengthIsRefusedWithProtobufsMessage() throws Exception {
    byte[] truncatedVarint = lengthDelimited(1, new byte[] {8, (byte) 0x80});
    byte[] lengthBeyondTheEnd =
        concat(lengthDelimited(1, new byte[] {8, 1}), new byte[] {10, 5, 8});
    byte[] bodyLongerThanItsRecord = lengthDelimited(1, new byte[] {0x22, 9, 1});

    for (byte[] m : List.of(truncatedVarint, lengthBeyondTheEnd, bodyLongerThanItsRecord)) {
      assertThatThrownBy(() -> S2sMessages.readBatch(m))
          .isInstanceOf(S2sFrames.Malformed.class)
          .hasMessage(NOT_A_BATCH + TRUNCATED);
      assertAgree(m);
    }
  }

  @Test
  void everyOtherMalformationIsRefusedWithProtobufsMessage() throws Exception {
    byte[] negativeLength =
        concat(
            new byte[] {10}, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
    byte[] elevenByteVarint = new byte[] {8, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1};
    byte[] tagZero = new byte[] {0, 0};
    byte[] wireType7 = new byte[] {0x0f};
    byte[] endGroupWithoutStart = lengthDelimited(1, new byte[] {0x0c});
    byte[] endGroupOfAnotherField = new byte[] {0x2b, 0x34};

    assertThatThrownBy(() -> S2sMessages.readBatch(negativeLength))
        .isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage(
            NOT_A_BATCH
                + "CodedInputStream encountered an embedded string or message which claimed to"
                + " have negative size.");
    // protobuf reads a varint's first 10 bytes; the eleventh is a tag of field 0
    assertThatThrownBy(() -> S2sMessages.readBatch(elevenByteVarint))
        .isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage(NOT_A_BATCH + "Protocol message contained an invalid tag (zero).");
    assertThatThrownBy(() -> S2sMessages.readBatch(tagZero))
        .isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage(NOT_A_BATCH + "Protocol message contained an invalid tag (zero).");
    assertThatThrownBy(() -> S2sMessages.readBatch(wireType7))
        .isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage(NOT_A_BATCH + "Protocol message tag had invalid wire type.");
    assertThatThrownBy(() -> S2sMessages.readBatch(endGroupWithoutStart))
        .isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage(NOT_A_BATCH + "Protocol message end-group tag did not match expected tag.");
    assertThatThrownBy(() -> S2sMessages.readBatch(endGroupOfAnotherField))
        .isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage(NOT_A_BATCH + "Protocol message end-group tag did not match expected tag.");
    for (byte[] m :
        List.of(
            negativeLength,
            elevenByteVarint,
            tagZero,
            wireType7,
            endGroupWithoutStart,
            endGroupOfAnotherField)) {
      assertAgree(m);
    }
  }

  @Test
  void aKnownFieldOfAnotherWireTypeIsSkippedAsAnUnknownFieldAsProtobufDoes() throws Exception {
    // seq_num as bytes, body as a varint, tail as a fixed32: all unknown to protobuf's parser
    byte[] message =
        concat(
            lengthDelimited(
                1, concat(varint(1, 5), lengthDelimited(1, new byte[] {1}), varint(4, 3))),
            new byte[] {0x15, 1, 2, 3, 4});

    RecordsJson.Batch batch = assertAgree(message).batch;

    assertThat(batch.records).hasSize(1);
    assertThat(batch.records.get(0).seqNum()).isEqualTo(5);
    assertThat(batch.records.get(0).body()).isEmpty();
    assertThat(batch.tail).isNull();
  }

  @Test
  void groupsNestedToProtobufsRecursionLimitAndBeyondAgreeAtEveryLevel() throws Exception {
    for (int depth = 95; depth <= 101; depth++) {
      byte[] groups = nestedGroups(depth);
      byte[] atTop = groups;
      byte[] inRecord = lengthDelimited(1, concat(varint(1, 1), groups));
      byte[] inHeader = lengthDelimited(1, lengthDelimited(3, groups));
      byte[] inTail = lengthDelimited(2, groups);
      for (byte[] m : List.of(atTop, inRecord, inHeader, inTail)) {
        assertAgree(m);
      }
    }
    assertThatThrownBy(() -> S2sMessages.readBatch(nestedGroups(200_000)))
        .isInstanceOf(S2sFrames.Malformed.class)
        .hasMessageStartingWith(NOT_A_BATCH + "Protocol message had too many levels of nesting.");
  }

  private static byte[] nestedGroups(int depth) {
    byte[] out = new byte[depth * 2];
    for (int i = 0; i < depth; i++) {
      out[i] = (byte) tag(9, WireFormat.WIRETYPE_START_GROUP);
      out[out.length - 1 - i] = (byte) tag(9, WireFormat.WIRETYPE_END_GROUP);
    }
    return out;
  }

  @Test
  void seqNumsThatDoNotIncreaseOrExceedALongAreRefusedAsBefore() throws Exception {
    byte[] repeated = concat(lengthDelimited(1, varint(1, 5)), lengthDelimited(1, varint(1, 5)));
    byte[] beyondALong = lengthDelimited(1, varint(1, -2L)); // 2^64 - 2 on the wire
    // a malformation after the seq nums is what protobuf's parser reported first
    byte[] bothWrong = concat(repeated, new byte[] {0x0f});

    assertThatThrownBy(() -> S2sMessages.readBatch(repeated))
        .isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage("a ReadBatch whose seq nums do not increase (5 after 5)");
    assertThatThrownBy(() -> S2sMessages.readBatch(beyondALong))
        .isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage("a ReadBatch whose seq nums do not increase (18446744073709551614 after -1)");
    assertThatThrownBy(() -> S2sMessages.readBatch(bothWrong))
        .isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage(NOT_A_BATCH + "Protocol message tag had invalid wire type.");
    for (byte[] m : List.of(repeated, beyondALong, bothWrong)) {
      assertAgree(m);
    }
  }

  @Test
  void aTailBeyondALongIsATypedFailureNoLongerAnIllegalArgumentException() throws Exception {
    byte[] seqNum = lengthDelimited(2, varint(1, -1L));
    byte[] timestamp = lengthDelimited(2, concat(varint(1, 3), varint(2, Long.MIN_VALUE)));

    assertThatThrownBy(() -> S2sMessages.readBatch(seqNum))
        .isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage(
            "a ReadBatch with an invalid tail: StreamPosition.seq_num must be at least 0, was -1");
    assertThatThrownBy(() -> S2sMessages.readBatch(timestamp))
        .isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage(
            "a ReadBatch with an invalid tail: StreamPosition.timestamp must be at least 0, was "
                + Long.MIN_VALUE);
    assertAgree(seqNum);
    assertAgree(timestamp);
  }

  @Test
  void anAckWithAPositionBeyondALongIsATypedFailure() {
    s2.v1.StreamPosition ok =
        s2.v1.StreamPosition.newBuilder().setSeqNum(5).setTimestamp(7).build();
    byte[] message =
        s2.v1.AppendAck.newBuilder()
            .setStart(s2.v1.StreamPosition.newBuilder().setSeqNum(-1L).setTimestamp(7))
            .setEnd(ok)
            .setTail(ok)
            .build()
            .toByteArray();

    assertThatThrownBy(() -> S2sMessages.ack(message))
        .isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage(
            "an AppendAck with an invalid position: StreamPosition.seq_num must be at least 0, was"
                + " -1");
  }

  @Test
  void theWriterWritesWhatProtobufsOwnEncoderWrites() throws Exception {
    // the tests' writer, without chaos, against the generated classes' encoding of the same batch
    s2.v1.ReadBatch batch =
        s2.v1.ReadBatch.newBuilder()
            .addRecords(
                s2.v1.SequencedRecord.newBuilder()
                    .setSeqNum(3)
                    .setTimestamp(4)
                    .addHeaders(
                        s2.v1.Header.newBuilder()
                            .setName(ByteString.copyFromUtf8("n"))
                            .setValue(ByteString.copyFromUtf8("v")))
                    .setBody(ByteString.copyFromUtf8("body")))
            .setTail(s2.v1.StreamPosition.newBuilder().setSeqNum(4).setTimestamp(5))
            .build();
    byte[] ours =
        concat(
            lengthDelimited(
                1,
                concat(
                    varint(1, 3),
                    varint(2, 4),
                    lengthDelimited(
                        3,
                        concat(
                            lengthDelimited(1, new byte[] {'n'}),
                            lengthDelimited(2, new byte[] {'v'}))),
                    lengthDelimited(4, "body".getBytes(java.nio.charset.StandardCharsets.UTF_8)))),
            lengthDelimited(2, concat(varint(1, 4), varint(2, 5))));

    assertThat(ours).isEqualTo(batch.toByteArray());
    assertThat(S2sMessages.readBatch(batch.toByteArray()).records.get(0).bodyAsString())
        .isEqualTo("body");
  }
}
