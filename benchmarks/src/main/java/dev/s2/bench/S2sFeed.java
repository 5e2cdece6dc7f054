package dev.s2.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;
import okio.Buffer;

/**
 * The precomputed S2S frames of a read session over records of one body size ({@code s2s.md}): one
 * frame per batch (a 3-byte big-endian length, a flag byte of 0: not terminal, not compressed, then
 * a protobuf {@code ReadBatch}), batches as {@link SseFeed}'s (1000 records or 1 MiB), the same
 * bodies. The end of the session is the end of the response, as S2 ends a bounded S2S read.
 *
 * <p>Seq nums are varints of exactly 6 bytes from {@link SseFeed#BASE_SEQ_NUM} (2^35 to 2^42), so
 * the server serves any number of records from one batch by rewriting them in place.
 */
final class S2sFeed {
  private static final int SEQ_VARINT = 6;
  private static final long MIN_SEQ_NUM = 1L << 35;
  private static final long MAX_SEQ_NUM = (1L << 42) - 1;

  final int recordsPerBatch;
  private final byte[] frame;

  /**
   * Where record i's field starts in {@link #frame}; {@code recordStarts[n]} is the end of the
   * frame.
   */
  private final int[] recordStarts;

  private final int[] seqOffsets;

  S2sFeed(int bodyBytes) {
    SseFeed.checkSize(bodyBytes);
    this.recordsPerBatch = SseFeed.recordsPerBatch(bodyBytes);
    SplittableRandom random = new SplittableRandom(bodyBytes); // the bodies of SseFeed
    Buffer out = new Buffer().writeByte(0).writeByte(0).writeByte(0).writeByte(0); // length, flag
    recordStarts = new int[recordsPerBatch + 1];
    seqOffsets = new int[recordsPerBatch];
    for (int i = 0; i < recordsPerBatch; i++) {
      byte[] body = RecordBodies.body(bodyBytes, random);
      Buffer record = new Buffer();
      record.writeByte(0x08); // seq_num = 1, varint
      int seqAt = (int) record.size();
      varint6(record, SseFeed.BASE_SEQ_NUM + i);
      record.writeByte(0x10); // timestamp = 2, varint
      AppendEncoders.varint(record, SseFeed.TIMESTAMP);
      if (bodyBytes > 0) {
        record.writeByte(0x22); // body = 4, length-delimited
        AppendEncoders.varint(record, bodyBytes);
        record.write(body);
      }
      recordStarts[i] = (int) out.size();
      out.writeByte(0x0A); // records = 1, length-delimited
      AppendEncoders.varint(out, record.size());
      seqOffsets[i] = (int) out.size() + seqAt;
      out.write(record, record.size());
    }
    recordStarts[recordsPerBatch] = (int) out.size();
    this.frame = out.readByteArray();
  }

  /** How many frames a read of {@code count} records takes. */
  int batches(long count) {
    return (int) ((count + recordsPerBatch - 1) / recordsPerBatch);
  }

  /** The bytes of the frames of a read of {@code count} records. */
  long frameBytes(long count) {
    long full = count / recordsPerBatch;
    int rest = (int) (count % recordsPerBatch);
    return full * recordStarts[recordsPerBatch] + (rest == 0 ? 0 : recordStarts[rest]);
  }

  /**
   * Writes the frames of a read of {@code count} records from {@code start} into {@code scratch}'s
   * copy of the batch, then to {@code out}.
   *
   * @throws IllegalArgumentException if a seq num would not be a 6-byte varint
   */
  void write(OutputStream out, long start, long count, byte[][] scratch) throws IOException {
    if (start < MIN_SEQ_NUM || start + count - 1 > MAX_SEQ_NUM || count <= 0) {
      throw new IllegalArgumentException(
          "seq nums must be 6-byte varints: start " + start + ", count " + count);
    }
    if (scratch[0] == null || scratch[0].length != frame.length) {
      scratch[0] = frame.clone();
    }
    byte[] bytes = scratch[0];
    long sent = 0;
    while (sent < count) {
      int n = (int) Math.min(recordsPerBatch, count - sent);
      for (int i = 0; i < n; i++) {
        long v = start + sent + i;
        int at = seqOffsets[i];
        for (int k = 0; k < SEQ_VARINT - 1; k++) {
          bytes[at + k] = (byte) ((v & 0x7F) | 0x80);
          v >>>= 7;
        }
        bytes[at + SEQ_VARINT - 1] = (byte) v;
      }
      int length = recordStarts[n] - 3; // the flag byte and the message
      bytes[0] = (byte) (length >>> 16);
      bytes[1] = (byte) (length >>> 8);
      bytes[2] = (byte) length;
      out.write(bytes, 0, recordStarts[n]);
      sent += n;
    }
    out.flush();
  }

  private static void varint6(Buffer out, long value) {
    long v = value;
    for (int k = 0; k < SEQ_VARINT - 1; k++) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }
}
