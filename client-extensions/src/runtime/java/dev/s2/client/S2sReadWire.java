package dev.s2.client;

import dev.s2.api.ServerVariables;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The S2S wire of a read session: {@code GET …/records} with {@code Content-Type: s2s/proto} over HTTP/2, as S2's
 * official SDKs read (see {@link S2sFrames}). Each regular frame is a {@code ReadBatch}: with records, a batch;
 * without, a heartbeat carrying the tail (S2 sends one on reaching the tail, then every 5 to 15 s while there is
 * nothing new). The end of the response is the end of the session (S2 sends no frame for it); a terminal frame
 * is the typed exception of its status and error JSON, as a unary answer's; the flag byte's "reconnect advised" is
 * passed on. A frame is refused (a typed decoding failure) when it exceeds the session's buffer or S2's 2 MiB.
 *
 * <p>Memory: over HTTP/2 the HTTP client itself receives up to its flow-control window ahead of the session
 * (OkHttp's is 16 MiB per connection) before the server must wait, on top of the session's own buffer.
 */
final class S2sReadWire implements ReadWire {
  static final MediaType S2S = MediaType.get("s2s/proto");

  private final OkHttpClient http;
  private final ServerVariables server;
  private final ReadSessionOptions options;
  private final Compression compression;
  private final SessionErrors errors;
  private final java.util.concurrent.atomic.AtomicLong compressedFrames = new java.util.concurrent.atomic.AtomicLong();

  S2sReadWire(ClientRuntime.Streaming st, ServerVariables server, ReadSessionOptions options) {
    this.http = st.http2(options.idleTimeout());
    this.server = server;
    this.options = options;
    this.compression = st.compression;
    this.errors = new SessionErrors(st.errors);
  }

  @Override
  public OkHttpClient http() {
    return http;
  }

  @Override
  public boolean s2s() {
    return true;
  }

  @Override
  public Request request(HttpUrl url) {
    return new Request.Builder()
        .url(url)
        .get()
        .header("Content-Type", S2S.toString())
        .header("Accept-Encoding", compression.acceptEncoding())
        .tag(ServerVariables.class, server)
        // a session's body is a stream without end: it is bounded per frame (bufferBytes, 2 MiB), not in all
        .tag(CallExecutor.AttemptTag.class, new CallExecutor.AttemptTag(Long.MAX_VALUE))
        .build();
  }

  @Override
  public Events open(Response response, String description, int attempt) {
    if (!isS2s(response.body().contentType())) {
      MediaType type = response.body().contentType();
      throw SessionErrors.malformed(description, "expected an s2s/proto response, got "
          + (type == null ? "no content type" : type.toString()), new IOException("wrong content type"), attempt);
    }
    S2sFrames.Reader reader = new S2sFrames.Reader(response.body().source(), options.bufferBytes());
    Request request = response.request();
    return new Events() {
      @Override
      public Event next(int attempt) throws IOException {
        S2sFrames.Frame frame;
        RecordsJson.Batch batch;
        try {
          frame = reader.next();
          if (frame == null) {
            return Event.done();
          }
          if (frame.terminal) {
            return Event.error(errors.terminalFrame(request, frame.status, frame.message, attempt));
          }
          if (frame.compression != Compression.NONE) {
            compressedFrames.incrementAndGet();
          }
          batch = S2sMessages.readBatch(frame.message);
        } catch (S2sFrames.Malformed m) {
          throw SessionErrors.malformed(description, m.getMessage(), m, attempt);
        }
        return batch.records.isEmpty()
            ? Event.heartbeat(batch.tail, frame.reconnectAdvised)
            : Event.batch(batch, frame.reconnectAdvised);
      }

      @Override
      public long bufferedBytes() {
        return reader.bufferedBytes();
      }
    };
  }

  /** How many compressed frames this wire decoded, over all its connections; for tests. */
  long compressedFrames() {
    return compressedFrames.get();
  }

  /** Whether a content type is S2S's ({@code s2s/proto}, parameters allowed). */
  static boolean isS2s(@org.jspecify.annotations.Nullable MediaType type) {
    return type != null && type.type().equalsIgnoreCase("s2s") && type.subtype().equalsIgnoreCase("proto");
  }
}
