package dev.s2.testing.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The messages of S2's {@code s2.proto} that S2S sessions carry, encoded and decoded by hand with
 * protobuf-java's wire-format streams (no generated classes: the server must not share code with
 * the SDK it checks).
 *
 * <p>Decoding follows prost, which S2's server uses: unknown fields are skipped, a known field with
 * another wire type is an error. Encoding is canonical proto3: scalar fields at their default (0,
 * empty bytes) are left out, message fields that are set are always written.
 */
final class Proto {
  private Proto() {}

  /** The payload of a frame is not the expected message. */
  static final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    DecodeException(String message) {
      super(message, null, false, false);
    }
  }

  // AppendInput
  private static final int APPEND_INPUT_RECORDS = 1;
  private static final int APPEND_INPUT_MATCH_SEQ_NUM = 2;
  private static final int APPEND_INPUT_FENCING_TOKEN = 3;
  // AppendRecord
  private static final int APPEND_RECORD_TIMESTAMP = 1;
  private static final int APPEND_RECORD_HEADERS = 2;
  private static final int APPEND_RECORD_BODY = 3;
  // Header
  private static final int HEADER_NAME = 1;
  private static final int HEADER_VALUE = 2;
  // AppendAck
  private static final int ACK_START = 1;
  private static final int ACK_END = 2;
  private static final int ACK_TAIL = 3;
  // StreamPosition
  private static final int POSITION_SEQ_NUM = 1;
  private static final int POSITION_TIMESTAMP = 2;
  // SequencedRecord
  private static final int SEQUENCED_SEQ_NUM = 1;
  private static final int SEQUENCED_TIMESTAMP = 2;
  private static final int SEQUENCED_HEADERS = 3;
  private static final int SEQUENCED_BODY = 4;
  // ReadBatch
  private static final int BATCH_RECORDS = 1;
  private static final int BATCH_TAIL = 2;

  /** The records and conditions of an {@code AppendInput}, not yet validated. */
  static final class DecodedInput {
    final List<AppendInput.Entry> records;
    final @Nullable Long matchSeqNum;
    final @Nullable String fencingToken;

    DecodedInput(
        List<AppendInput.Entry> records,
        @Nullable Long matchSeqNum,
        @Nullable String fencingToken) {
      this.records = records;
      this.matchSeqNum = matchSeqNum;
      this.fencingToken = fencingToken;
    }
  }

  static DecodedInput decodeAppendInput(byte[] bytes) throws DecodeException {
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      List<AppendInput.Entry> records = new ArrayList<>();
      Long matchSeqNum = null;
      String fencingToken = null;
      int tag;
      while ((tag = in.readTag()) != 0) {
        switch (WireFormat.getTagFieldNumber(tag)) {
          case APPEND_INPUT_RECORDS:
            expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "AppendInput.records");
            records.add(decodeRecord(in.readByteArray()));
            break;
          case APPEND_INPUT_MATCH_SEQ_NUM:
            expect(tag, WireFormat.WIRETYPE_VARINT, "AppendInput.match_seq_num");
            matchSeqNum = in.readUInt64();
            break;
          case APPEND_INPUT_FENCING_TOKEN:
            expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "AppendInput.fencing_token");
            fencingToken = in.readStringRequireUtf8();
            break;
          default:
            in.skipField(tag);
        }
      }
      return new DecodedInput(records, matchSeqNum, fencingToken);
    } catch (InvalidProtocolBufferException e) {
      throw new DecodeException(
          "failed to decode Protobuf message: AppendInput: " + e.getMessage());
    } catch (IOException e) {
      throw new DecodeException("failed to decode Protobuf message: " + e.getMessage());
    }
  }

  private static AppendInput.Entry decodeRecord(byte[] bytes) throws IOException, DecodeException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    Long timestamp = null;
    List<byte[]> names = new ArrayList<>();
    List<byte[]> values = new ArrayList<>();
    byte[] body = new byte[0];
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case APPEND_RECORD_TIMESTAMP:
          expect(tag, WireFormat.WIRETYPE_VARINT, "AppendRecord.timestamp");
          timestamp = in.readUInt64();
          break;
        case APPEND_RECORD_HEADERS:
          {
            expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "AppendRecord.headers");
            byte[][] header = decodeHeader(in.readByteArray());
            names.add(header[0]);
            values.add(header[1]);
            break;
          }
        case APPEND_RECORD_BODY:
          expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "AppendRecord.body");
          body = in.readByteArray();
          break;
        default:
          in.skipField(tag);
      }
    }
    return new AppendInput.Entry(
        timestamp, names.toArray(new byte[0][]), values.toArray(new byte[0][]), body);
  }

  private static byte[][] decodeHeader(byte[] bytes) throws IOException, DecodeException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    byte[] name = new byte[0];
    byte[] value = new byte[0];
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case HEADER_NAME:
          expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "Header.name");
          name = in.readByteArray();
          break;
        case HEADER_VALUE:
          expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "Header.value");
          value = in.readByteArray();
          break;
        default:
          in.skipField(tag);
      }
    }
    return new byte[][] {name, value};
  }

  private static void expect(int tag, int wireType, String field) throws DecodeException {
    if (WireFormat.getTagWireType(tag) != wireType) {
      throw new DecodeException(
          "failed to decode Protobuf message: "
              + field
              + ": invalid wire type "
              + WireFormat.getTagWireType(tag)
              + " (expected "
              + wireType
              + ")");
    }
  }

  /**
   * {@code AppendAck} from {@code [start seq, start ts, end seq, end ts]}; the tail is the end
   * (serialized appends).
   */
  static byte[] appendAck(long[] p) {
    return write(
        out -> {
          position(out, ACK_START, p[0], p[1]);
          position(out, ACK_END, p[2], p[3]);
          position(out, ACK_TAIL, p[2], p[3]);
        });
  }

  /**
   * {@code ReadBatch}: the records, and the tail when known (an empty batch with a tail is a
   * heartbeat).
   */
  static byte[] readBatch(List<StoredRecord> records, long @Nullable [] tail) {
    return write(
        out -> {
          for (StoredRecord r : records) {
            byte[] record =
                write(
                    rec -> {
                      uint64(rec, SEQUENCED_SEQ_NUM, r.seqNum);
                      uint64(rec, SEQUENCED_TIMESTAMP, r.timestamp);
                      for (int i = 0; i < r.headerNames.length; i++) {
                        byte[] name = r.headerNames[i];
                        byte[] value = r.headerValues[i];
                        rec.writeByteArray(
                            SEQUENCED_HEADERS,
                            write(
                                h -> {
                                  bytes(h, HEADER_NAME, name);
                                  bytes(h, HEADER_VALUE, value);
                                }));
                      }
                      bytes(rec, SEQUENCED_BODY, r.body);
                    });
            out.writeByteArray(BATCH_RECORDS, record);
          }
          if (tail != null) {
            position(out, BATCH_TAIL, tail[0], tail[1]);
          }
        });
  }

  private static void position(CodedOutputStream out, int field, long seqNum, long timestamp)
      throws IOException {
    out.writeByteArray(
        field,
        write(
            pos -> {
              uint64(pos, POSITION_SEQ_NUM, seqNum);
              uint64(pos, POSITION_TIMESTAMP, timestamp);
            }));
  }

  private static void uint64(CodedOutputStream out, int field, long value) throws IOException {
    if (value != 0) {
      out.writeUInt64(field, value);
    }
  }

  private static void bytes(CodedOutputStream out, int field, byte[] value) throws IOException {
    if (value.length > 0) {
      out.writeByteArray(field, value);
    }
  }

  /** Writes one message. */
  @FunctionalInterface
  private interface Body {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      body.write(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
