package dev.s2.bench;

import com.squareup.moshi.JsonWriter;
import dev.s2.client.AppendRecord;
import dev.s2.client.BenchAccess;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import okio.Buffer;
import okio.BufferedSink;

/**
 * Two encoders of an append's request body the SDK could use instead of its model and Moshi's
 * string writer (BENCHMARKS.md, "What would fix it"), measured beside the SDK's own in {@link
 * RecordCodecBenchmark}. They handle what the benchmarks append (bodies, {@code match_seq_num});
 * records with headers or timestamps are refused, not silently dropped.
 */
final class AppendEncoders {
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private AppendEncoders() {}

  /**
   * JSON as today ({@code s2-format: base64}), but each body base64-encoded into a reused array and
   * written as the raw value of the JSON writer ({@link JsonWriter#valueSink()}): base64 never
   * needs escaping, so Moshi's per-character string writer and the intermediate {@code String}s are
   * skipped.
   */
  static void json(List<AppendRecord> records, long matchSeqNum, Buffer out, byte[][] scratch)
      throws IOException {
    JsonWriter w = JsonWriter.of(out);
    w.beginObject();
    w.name("match_seq_num").value(matchSeqNum);
    w.name("records").beginArray();
    for (AppendRecord r : records) {
      check(r);
      byte[] body = BenchAccess.bodyBytes(r);
      int length = 4 * ((body.length + 2) / 3);
      if (scratch[0].length < length) {
        scratch[0] = new byte[length];
      }
      int n = BASE64.encode(body, scratch[0]);
      w.beginObject().name("body");
      try (BufferedSink value = w.valueSink()) {
        value.writeByte('"').write(scratch[0], 0, n).writeByte('"');
      }
      w.endObject();
    }
    w.endArray();
    w.endObject();
    w.flush();
  }

  /**
   * S2's protobuf {@code AppendInput} ({@code Content-Type: application/protobuf}, as the
   * TypeScript SDK's fetch transport sends): each record is field 1, its body field 3, the bytes
   * copied once, no base64.
   */
  static void protobuf(List<AppendRecord> records, long matchSeqNum, Buffer out) {
    for (AppendRecord r : records) {
      check(r);
      byte[] body = BenchAccess.bodyBytes(r);
      int recordLength = body.length == 0 ? 0 : 1 + varintSize(body.length) + body.length;
      out.writeByte(0x0A); // field 1 (records), length-delimited
      varint(out, recordLength);
      if (body.length > 0) {
        out.writeByte(0x1A); // field 3 (body), length-delimited
        varint(out, body.length);
        out.write(body);
      }
    }
    out.writeByte(0x10); // field 2 (match_seq_num), varint
    varint(out, matchSeqNum);
  }

  private static void check(AppendRecord r) {
    if (!r.headers().isEmpty() || r.timestamp().isPresent()) {
      throw new IllegalArgumentException("these prototype encoders write bodies only");
    }
  }

  /** A protobuf varint. */
  static void varint(Buffer out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  private static int varintSize(long value) {
    int size = 1;
    long v = value;
    while ((v & ~0x7FL) != 0) {
      size++;
      v >>>= 7;
    }
    return size;
  }
}
