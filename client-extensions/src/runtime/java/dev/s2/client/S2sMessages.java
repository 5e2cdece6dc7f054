package dev.s2.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.WireFormat;
import dev.s2.model.AppendAck;
import dev.s2.model.StreamPosition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The protobuf messages of S2S sessions ({@code s2.proto}, compiled into {@code s2.v1} by the
 * build) and the SDK's own types: append inputs out, acknowledgements and read batches in. Bytes
 * are carried as they are (no text format is involved), so bodies and headers round-trip exactly.
 */
final class S2sMessages {
  private S2sMessages() {}

  /** An {@code AppendInput}: the records and the append's conditions, encoded. */
  static byte[] appendInput(List<AppendRecord> records, AppendOptions options) {
    s2.v1.AppendInput.Builder input = s2.v1.AppendInput.newBuilder();
    for (AppendRecord r : records) {
      s2.v1.AppendRecord.Builder record =
          s2.v1.AppendRecord.newBuilder().setBody(ByteString.copyFrom(r.bodyBytes()));
      for (RecordHeader h : r.headers()) {
        record.addHeaders(
            s2.v1.Header.newBuilder()
                .setName(ByteString.copyFrom(h.nameBytes()))
                .setValue(ByteString.copyFrom(h.valueBytes())));
      }
      if (r.timestamp().isPresent()) {
        record.setTimestamp(r.timestamp().getAsLong());
      }
      input.addRecords(record);
    }
    if (options.matchSeqNum().isPresent()) {
      input.setMatchSeqNum(options.matchSeqNum().getAsLong());
    }
    options.fencingToken().ifPresent(input::setFencingToken);
    return input.build().toByteArray();
  }

  /**
   * An {@code AppendAck}, decoded and checked to have its {@code start} and {@code end}.
   *
   * @throws S2sFrames.Malformed when it is not an {@code AppendAck}
   */
  static AppendAck ack(byte[] message) throws S2sFrames.Malformed {
    s2.v1.AppendAck ack;
    try {
      ack = s2.v1.AppendAck.parseFrom(message);
    } catch (InvalidProtocolBufferException e) {
      throw new S2sFrames.Malformed("a frame is not an AppendAck: " + e.getMessage());
    }
    if (!ack.hasStart() || !ack.hasEnd()) {
      throw new S2sFrames.Malformed(
          "an AppendAck without its " + (ack.hasStart() ? "end" : "start"));
    }
    try {
      return AppendAck.of(
          position(ack.getEnd()),
          position(ack.getStart()),
          ack.hasTail() ? position(ack.getTail()) : position(ack.getEnd()));
    } catch (IllegalArgumentException e) { // a seq num or timestamp of 2^63 or more
      throw new S2sFrames.Malformed("an AppendAck with an invalid position: " + e.getMessage());
    }
  }

  /**
   * A {@code ReadBatch}, decoded: its records (seq nums strictly increasing) and its tail when S2
   * sent it.
   *
   * <p>Decoded straight from the message's bytes into the SDK's records (each body, header name and
   * value copied once, into the array the record keeps), without protobuf's message objects; it
   * accepts and refuses exactly what {@code s2.v1.ReadBatch.parseFrom} does, with its messages:
   * fields are read by tag (field number and wire type) as protobuf's generated parser reads them,
   * so a known field of another wire type is an unknown field; unknown fields go through protobuf's
   * own {@link UnknownFieldSet.Builder#mergeFieldFrom}; a repeated singular field's last value wins
   * and a repeated {@code tail} is merged; nesting counts against protobuf's recursion limit as it
   * would.
   *
   * @throws S2sFrames.Malformed when it is not a {@code ReadBatch}, its seq nums do not increase,
   *     or its tail is beyond a {@code long}
   */
  static RecordsJson.Batch readBatch(byte[] message) throws S2sFrames.Malformed {
    ReadBatchDecoder decoder = new ReadBatchDecoder(message);
    try {
      decoder.batch();
    } catch (IOException e) {
      // a byte array's decoder only throws InvalidProtocolBufferException, whose message
      // s2.v1.ReadBatch.parseFrom would carry as it is
      throw new S2sFrames.Malformed("a frame is not a ReadBatch: " + e.getMessage());
    }
    long previous = -1;
    for (SequencedRecord r : decoder.records) {
      if (r.seqNum() < 0 || r.seqNum() <= previous) {
        throw new S2sFrames.Malformed(
            "a ReadBatch whose seq nums do not increase ("
                + Long.toUnsignedString(r.seqNum())
                + " after "
                + previous
                + ")");
      }
      previous = r.seqNum();
    }
    StreamPosition tail = null;
    if (decoder.hasTail) {
      try {
        tail = StreamPosition.of(decoder.tailSeqNum, decoder.tailTimestamp);
      } catch (IllegalArgumentException e) { // a seq num or timestamp of 2^63 or more
        throw new S2sFrames.Malformed("a ReadBatch with an invalid tail: " + e.getMessage());
      }
    }
    return new RecordsJson.Batch(decoder.records, tail);
  }

  /**
   * Decodes one {@code ReadBatch} (fields by number as in {@code s2.proto}: ReadBatch records = 1,
   * tail = 2; SequencedRecord seq_num = 1, timestamp = 2, headers = 3, body = 4; Header name = 1,
   * value = 2; StreamPosition seq_num = 1, timestamp = 2).
   */
  private static final class ReadBatchDecoder {
    /** Protobuf's default recursion limit of a {@link CodedInputStream}. */
    private static final int RECURSION_LIMIT = 100;

    private static final int VARINT_1 = 1 << 3 | WireFormat.WIRETYPE_VARINT;
    private static final int VARINT_2 = 2 << 3 | WireFormat.WIRETYPE_VARINT;
    private static final int BYTES_1 = 1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    private static final int BYTES_2 = 2 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    private static final int BYTES_3 = 3 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    private static final int BYTES_4 = 4 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    private static final byte[] EMPTY = new byte[0];

    private final CodedInputStream in;
    private final List<SequencedRecord> records = new ArrayList<>();
    private boolean hasTail;
    private long tailSeqNum;
    private long tailTimestamp;
    private UnknownFieldSet.@Nullable Builder unknown;

    ReadBatchDecoder(byte[] message) {
      in = CodedInputStream.newInstance(message);
      in.setRecursionLimit(RECURSION_LIMIT);
    }

    void batch() throws IOException {
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == BYTES_1) {
          int outer = enter(1);
          records.add(record());
          leave(outer, 1);
        } else if (tag == BYTES_2) {
          int outer = enter(1);
          hasTail = true; // present even when empty; a second tail merges into the first
          tail();
          leave(outer, 1);
        } else if (!skip(tag)) {
          break;
        }
      }
      in.checkLastTagWas(0); // as parseFrom: an end-group tag with no group is refused
    }

    private SequencedRecord record() throws IOException {
      long seqNum = 0;
      long timestamp = 0;
      @Nullable List<RecordHeader> headers = null;
      byte[] body = EMPTY;
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == VARINT_1) {
          seqNum = in.readUInt64();
        } else if (tag == VARINT_2) {
          timestamp = in.readUInt64();
        } else if (tag == BYTES_3) {
          if (headers == null) {
            headers = new ArrayList<>(2);
          }
          int outer = enter(2);
          headers.add(header());
          leave(outer, 2);
        } else if (tag == BYTES_4) {
          body = in.readByteArray();
        } else if (!skip(tag)) {
          break;
        }
      }
      return new SequencedRecord(seqNum, timestamp, headers == null ? List.of() : headers, body);
    }

    private RecordHeader header() throws IOException {
      byte[] name = EMPTY;
      byte[] value = EMPTY;
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == BYTES_1) {
          name = in.readByteArray();
        } else if (tag == BYTES_2) {
          value = in.readByteArray();
        } else if (!skip(tag)) {
          break;
        }
      }
      return RecordHeader.wrap(name, value);
    }

    private void tail() throws IOException {
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == VARINT_1) {
          tailSeqNum = in.readUInt64();
        } else if (tag == VARINT_2) {
          tailTimestamp = in.readUInt64();
        } else if (!skip(tag)) {
          break;
        }
      }
    }

    /**
     * Enters an embedded message at a nesting depth, as {@link CodedInputStream#readMessage}: its
     * length, then a limit; the recursion limit lowered by the depth, since the depth is not
     * counted by the stream here.
     *
     * @return the limit to restore
     */
    private int enter(int depth) throws IOException {
      int length = in.readRawVarint32();
      int outer = in.pushLimit(length);
      in.setRecursionLimit(RECURSION_LIMIT - depth);
      return outer;
    }

    /**
     * Leaves an embedded message, as {@link CodedInputStream#readMessage}: it must have ended at
     * its limit (not at an end-group tag).
     */
    private void leave(int outer, int depth) throws IOException {
      in.checkLastTagWas(0);
      in.popLimit(outer);
      in.setRecursionLimit(RECURSION_LIMIT - depth + 1);
    }

    /**
     * Skips an unknown field as the generated parser does (protobuf's unknown field set, whose
     * content is then dropped).
     *
     * @return false on an end-group tag, which ends the message being read
     */
    private boolean skip(int tag) throws IOException {
      if (unknown == null) {
        unknown = UnknownFieldSet.newBuilder();
      }
      boolean more = unknown.mergeFieldFrom(tag, in);
      unknown.clear();
      return more;
    }
  }

  private static StreamPosition position(s2.v1.StreamPosition p) {
    return StreamPosition.of(p.getSeqNum(), p.getTimestamp());
  }
}
