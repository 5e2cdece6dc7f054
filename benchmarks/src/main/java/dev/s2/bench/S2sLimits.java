package dev.s2.bench;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The limits an S2S read session is measured against, as {@link SseLimits} for SSE: OkHttp on
 * HTTP/2 (h2c, prior knowledge), the same request, then (a') only splitting the body into frames,
 * or (b') the same plus protobuf's {@link CodedInputStream} reading every field of each {@code
 * ReadBatch} (seq nums and timestamps as longs, bodies and headers as byte arrays, as a decoder
 * must). Nothing is validated and nothing is built.
 */
final class S2sLimits {
  private final OkHttpClient http;
  private final String endpoint;

  /** Reads from {@code endpoint} ({@code http://host:port/v1}) over h2c. */
  S2sLimits(OkHttpClient http, String endpoint) {
    this.http = http.newBuilder().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE)).build();
    this.endpoint = endpoint;
  }

  /** (a') Splits the frames of a read of {@code count} records; returns the number of frames. */
  long split(String stream, long start, long count) throws IOException {
    return read(stream, start, count, null);
  }

  /** (b') Splits and reads every field of every batch; returns the number of fields. */
  long splitAndParse(String stream, long start, long count, Blackhole bh) throws IOException {
    return read(stream, start, count, bh);
  }

  private long read(String stream, long start, long count, @Nullable Blackhole bh)
      throws IOException {
    Request request =
        new Request.Builder()
            .url(endpoint + "/streams/" + stream + "/records?seq_num=" + start + "&count=" + count)
            .header("Content-Type", "s2s/proto")
            .header("Authorization", "Bearer bench-token")
            .header("s2-basin", "bench-basin")
            .build();
    try (Response response = http.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new IOException("status " + response.code());
      }
      return frames(response.body().source(), bh);
    }
  }

  /**
   * Splits S2S frames until the body ends; with a blackhole, reads every field of each {@code
   * ReadBatch}.
   */
  static long frames(BufferedSource source, @Nullable Blackhole bh) throws IOException {
    long result = 0;
    while (!source.exhausted()) {
      int length =
          ((source.readByte() & 0xFF) << 16)
              | ((source.readByte() & 0xFF) << 8)
              | (source.readByte() & 0xFF);
      source.skip(1); // the flag byte
      if (bh == null) {
        source.skip(length - 1);
        result++;
      } else {
        result += readBatch(CodedInputStream.newInstance(source.readByteArray(length - 1)), bh);
      }
    }
    return result;
  }

  /**
   * Every field of a {@code ReadBatch}: records (field 1) read field by field, the tail (2)
   * skipped.
   */
  private static long readBatch(CodedInputStream in, Blackhole bh) throws IOException {
    long fields = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      fields++;
      if (WireFormat.getTagFieldNumber(tag) != 1) {
        in.skipField(tag);
        continue;
      }
      int limit = in.pushLimit(in.readRawVarint32());
      int field;
      while ((field = in.readTag()) != 0) {
        fields++;
        switch (WireFormat.getTagFieldNumber(field)) {
          case 1: // seq_num
          case 2: // timestamp
            bh.consume(in.readUInt64());
            break;
          case 3: // headers
          case 4: // body
            bh.consume(in.readByteArray());
            break;
          default:
            in.skipField(field);
        }
      }
      in.popLimit(limit);
    }
    return fields;
  }
}
