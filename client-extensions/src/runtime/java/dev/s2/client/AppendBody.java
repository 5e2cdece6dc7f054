package dev.s2.client;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * The request body of an unary append: S2's {@code AppendInput} JSON in the {@code base64} format
 * ({@code s2-format: base64}), written straight to the request's sink. The same JSON value the
 * generated model and Moshi wrote before (records with {@code body} and, when present, {@code
 * headers} and {@code timestamp}; {@code fencing_token} and {@code match_seq_num} when set), but
 * each body, header name and header value is base64-encoded by {@link Base64.Encoder} in blocks
 * into a scratch array and written as bytes: no {@code String} per body, and none of Moshi's
 * character-by-character string writing (base64 never needs escaping).
 *
 * <p>Replayable: {@link #writeTo} writes the same bytes every time (a retry re-sends them), and its
 * length is known up front ({@link #contentLength()}). It keeps a copy of the list of records
 * (records are immutable) and writes from them at each attempt; its scratch arrays belong to one
 * {@code writeTo} call, so attempts may write at the same time. Its {@code toString()} names the
 * size only, never content.
 */
final class AppendBody extends RequestBody {
  /** What Retrofit's Moshi converter sent for JSON bodies. */
  static final MediaType JSON = MediaType.get("application/json; charset=UTF-8");

  /** Input bytes encoded per block (a multiple of 3, so that blocks join without padding). */
  static final int BLOCK = 3 * 2048;

  private static final Base64.Encoder ENCODER = Base64.getEncoder();
  private static final byte[] FENCING_TOKEN = ascii("\"fencing_token\":");
  private static final byte[] MATCH_SEQ_NUM = ascii("\"match_seq_num\":");
  private static final byte[] RECORDS = ascii("\"records\":[");
  private static final byte[] TIMESTAMP = ascii("\"timestamp\":");
  private static final byte[] HEADERS = ascii("\"headers\":[");
  private static final byte[] BODY = ascii("\"body\":\"");

  private final List<AppendRecord> records;
  private final byte @Nullable [] fencingToken;
  private final long matchSeqNum;
  private final long length;

  /**
   * A body for records already checked ({@link Batches#check}) and the append's conditions.
   *
   * @param records 1 to 1000 records; the list is copied (a retry re-sends what was appended, even
   *     if the caller's list changed since), the records are not (they are immutable)
   * @param options {@code fencing_token} and {@code match_seq_num}
   */
  AppendBody(List<AppendRecord> records, AppendOptions options) {
    this.records = List.copyOf(records);
    this.fencingToken = options.fencingToken().map(AppendBody::jsonString).orElse(null);
    this.matchSeqNum = options.matchSeqNum().isPresent() ? options.matchSeqNum().getAsLong() : -1;
    this.length = length();
  }

  @Override
  public MediaType contentType() {
    return JSON;
  }

  @Override
  public long contentLength() {
    return length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    byte[][] scratch = new byte[2][];
    sink.writeByte('{');
    if (fencingToken != null) {
      sink.write(FENCING_TOKEN).write(fencingToken).writeByte(',');
    }
    if (matchSeqNum >= 0) {
      sink.write(MATCH_SEQ_NUM).writeDecimalLong(matchSeqNum).writeByte(',');
    }
    sink.write(RECORDS);
    for (int i = 0; i < records.size(); i++) {
      AppendRecord r = records.get(i);
      if (i > 0) {
        sink.writeByte(',');
      }
      sink.writeByte('{');
      if (r.timestamp().isPresent()) {
        sink.write(TIMESTAMP).writeDecimalLong(r.timestamp().getAsLong()).writeByte(',');
      }
      List<RecordHeader> headers = r.headers();
      if (!headers.isEmpty()) {
        sink.write(HEADERS);
        for (int h = 0; h < headers.size(); h++) {
          if (h > 0) {
            sink.writeByte(',');
          }
          sink.writeByte('[').writeByte('"');
          base64(headers.get(h).nameBytes(), sink, scratch);
          sink.writeByte('"').writeByte(',').writeByte('"');
          base64(headers.get(h).valueBytes(), sink, scratch);
          sink.writeByte('"').writeByte(']');
        }
        sink.writeByte(']').writeByte(',');
      }
      sink.write(BODY);
      base64(r.bodyBytes(), sink, scratch);
      sink.writeByte('"').writeByte('}');
    }
    sink.writeByte(']').writeByte('}');
  }

  @Override
  public String toString() {
    return "AppendBody{" + records.size() + " records, " + length + " bytes}";
  }

  /** The bytes {@link #writeTo} writes, counted the way it writes them. */
  private long length() {
    long n = 2 + RECORDS.length + 1; // {"records":[ ... ]}
    if (fencingToken != null) {
      n += FENCING_TOKEN.length + fencingToken.length + 1;
    }
    if (matchSeqNum >= 0) {
      n += MATCH_SEQ_NUM.length + decimalLength(matchSeqNum) + 1;
    }
    n += Math.max(0, records.size() - 1); // commas between records
    for (AppendRecord r : records) {
      n += 2 + BODY.length + base64Length(r.bodyBytes().length) + 1; // {"body":"..."}
      if (r.timestamp().isPresent()) {
        n += TIMESTAMP.length + decimalLength(r.timestamp().getAsLong()) + 1;
      }
      List<RecordHeader> headers = r.headers();
      if (!headers.isEmpty()) {
        n += HEADERS.length + 2 + (headers.size() - 1); // "headers":[ ... ], and the commas
        for (RecordHeader h : headers) {
          n += 7; // ["",""]
          n += base64Length(h.nameBytes().length) + base64Length(h.valueBytes().length);
        }
      }
    }
    return n;
  }

  /**
   * Writes {@code bytes} in base64 (with padding): at most {@link #BLOCK} bytes at a time, each
   * block encoded into {@code scratch[1]}; a value that is one block or less is encoded from its
   * own array, without a copy.
   */
  static void base64(byte[] bytes, BufferedSink sink, byte[][] scratch) throws IOException {
    if (scratch[1] == null) {
      scratch[1] = new byte[(int) base64Length(BLOCK)];
    }
    byte[] out = scratch[1];
    if (bytes.length <= BLOCK) {
      sink.write(out, 0, ENCODER.encode(bytes, out));
      return;
    }
    if (scratch[0] == null) {
      scratch[0] = new byte[BLOCK];
    }
    int off = 0;
    while (off < bytes.length) {
      int n = Math.min(BLOCK, bytes.length - off);
      byte[] in;
      if (n == BLOCK) {
        in = scratch[0];
        System.arraycopy(bytes, off, in, 0, BLOCK);
      } else {
        in = Arrays.copyOfRange(bytes, off, off + n); // the last block: at most BLOCK bytes once
      }
      sink.write(out, 0, ENCODER.encode(in, out));
      off += n;
    }
  }

  /** The length of {@code n} bytes in padded base64. */
  static long base64Length(long n) {
    return 4 * ((n + 2) / 3);
  }

  private static int decimalLength(long v) {
    int digits = 1;
    for (long x = v; x >= 10; x /= 10) {
      digits++;
    }
    return digits;
  }

  /** A string as a JSON string value (quoted, escaped), as Moshi writes it. */
  private static byte[] jsonString(String s) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.value(s);
    } catch (IOException e) {
      throw new IllegalStateException("writing to a buffer cannot fail", e);
    }
    return buffer.readByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
