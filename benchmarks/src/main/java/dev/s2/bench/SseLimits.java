package dev.s2.bench;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The limits a read session over SSE is measured against: the same request with raw OkHttp, then
 * (a) only splitting the body into events, each event's data moved into a {@link Buffer} (what any
 * decoder is handed), or (b) the same plus Moshi's {@link JsonReader} walking every token of each
 * batch. Nothing is validated and nothing is built: each is strictly less work than a read session
 * does.
 */
final class SseLimits {
  private static final ByteString EVENT_BATCH = ByteString.encodeUtf8("event: batch");
  private static final ByteString DATA = ByteString.encodeUtf8("data: ");
  private static final ByteString DONE = ByteString.encodeUtf8("[DONE]");

  /**
   * The names of a {@code ReadBatch}, matched without making strings (as the SDK's reader does).
   */
  static final JsonReader.Options NAMES =
      JsonReader.Options.of("records", "seq_num", "timestamp", "body", "headers", "tail");

  private final OkHttpClient http;
  private final String endpoint;

  /** Reads from {@code endpoint} ({@code http://host:port/v1}) with {@code http}. */
  SseLimits(OkHttpClient http, String endpoint) {
    this.http = http;
    this.endpoint = endpoint;
  }

  /**
   * (a) Splits the events of a read of {@code count} records; returns the number of batch events.
   */
  long split(String stream, long start, long count) throws IOException {
    return read(stream, start, count, null);
  }

  /** (b) Splits and walks every token of every batch; returns the number of tokens. */
  long splitAndTokenize(String stream, long start, long count, Blackhole bh) throws IOException {
    return read(stream, start, count, bh);
  }

  /** The request a read session sends (the same headers, the same query). */
  Request request(String stream, long start, long count) {
    return new Request.Builder()
        .url(endpoint + "/streams/" + stream + "/records?seq_num=" + start + "&count=" + count)
        .header("Accept", "text/event-stream")
        .header("s2-format", "base64")
        .header("Accept-Encoding", "identity")
        .header("Authorization", "Bearer bench-token")
        .header("s2-basin", "bench-basin")
        .build();
  }

  private long read(String stream, long start, long count, @Nullable Blackhole bh)
      throws IOException {
    try (Response response = http.newCall(request(stream, start, count)).execute()) {
      if (response.code() != 200) {
        throw new IOException("status " + response.code());
      }
      return events(response.body().source(), bh);
    }
  }

  /**
   * Splits an SSE body into events up to {@code [DONE]}, each event's data moved into a {@link
   * Buffer}; with a blackhole, walks every token of each batch.
   *
   * @return the number of batch events, or of tokens with a blackhole
   * @throws IOException if the body ends without {@code [DONE]}
   */
  static long events(BufferedSource source, @Nullable Blackhole bh) throws IOException {
    long result = 0;
    Buffer data = new Buffer();
    boolean batch = false;
    boolean any = false;
    while (true) {
      long newline = source.indexOf((byte) '\n');
      if (newline < 0) {
        throw new IOException("the event stream ended without [DONE]");
      }
      if (newline == 0) { // a blank line ends the event
        source.skip(1);
        if (batch) {
          result += bh == null ? 1 : Decoders.moshiWalk(JsonReader.of(data), NAMES, bh);
        } else if (any && data.rangeEquals(0, DONE)) {
          return result;
        }
        data.clear();
        batch = false;
        any = false;
        continue;
      }
      any = true;
      Buffer buffered = source.getBuffer();
      if (buffered.rangeEquals(0, DATA)) {
        source.skip(DATA.size());
        source.readFully(data, newline - DATA.size());
        source.skip(1);
      } else {
        batch |= buffered.rangeEquals(0, EVENT_BATCH);
        source.skip(newline + 1);
      }
    }
  }
}
