package dev.s2.client;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import dev.s2.api.ServerVariables;
import dev.s2.model.StreamPosition;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * The SSE wire of a read session: {@code GET …/records} with {@code Accept: text/event-stream} and
 * {@code s2-format: base64}, always over HTTP/1.1 (TCP flow control is then the only buffer beyond the session's
 * own: see {@link ReadSession}). {@code batch} events become batches, {@code ping} events heartbeats,
 * {@code [DONE]} the end, an {@code error} event the typed exception of the status S2 gives its code, and a body
 * that ends without {@code [DONE]} a cut connection.
 */
final class SseWire implements ReadWire {
  private final OkHttpClient http;
  private final ServerVariables server;
  private final ReadSessionOptions options;
  private final SessionErrors errors;

  SseWire(ClientRuntime.Streaming st, ServerVariables server, ReadSessionOptions options, SessionErrors errors) {
    this.http = st.http.newBuilder()
        .protocols(List.of(Protocol.HTTP_1_1)) // TCP flow control is the backpressure; see ReadSession
        .callTimeout(Duration.ZERO)
        .readTimeout(options.idleTimeout())
        .writeTimeout(st.requestTimeout)
        .build();
    this.server = server;
    this.options = options;
    this.errors = errors;
  }

  @Override
  public OkHttpClient http() {
    return http;
  }

  @Override
  public boolean s2s() {
    return false;
  }

  @Override
  public Request request(HttpUrl url) {
    return new Request.Builder()
        .url(url)
        .get()
        .header("Accept", "text/event-stream")
        .header("s2-format", RecordsJson.FORMAT)
        .header("Accept-Encoding", "identity") // events must arrive as sent, not held by a compressor
        .tag(ServerVariables.class, server)
        // a session's body is a stream without end: it is bounded per event (bufferBytes), not in all
        .tag(CallExecutor.AttemptTag.class, new CallExecutor.AttemptTag(Long.MAX_VALUE))
        .build();
  }

  @Override
  public Events open(Response response, String description, int attempt) {
    MediaType type = response.body().contentType();
    if (type == null || !type.type().equals("text") || !type.subtype().equals("event-stream")) {
      throw SessionErrors.malformed(description, "expected a text/event-stream response, got "
          + (type == null ? "no content type" : type.toString()), new IOException("wrong content type"), attempt);
    }
    SseEventReader reader = new SseEventReader(response.body().source(), options.bufferBytes());
    Request request = response.request();
    return new Events() {
      @Override
      public Event next(int attempt) throws IOException {
        SseEventReader.Event e;
        try {
          e = reader.next();
        } catch (SseEventReader.Malformed m) {
          throw SessionErrors.malformed(description, m.getMessage(), m, attempt);
        }
        if (e == null) {
          return Event.error(SessionErrors.cut(description, attempt));
        }
        switch (e.kind) {
          case BATCH:
            return Event.batch(batch(e.data, description, attempt), false);
          case PING:
            return Event.heartbeat(ping(e.data, description, attempt), false);
          case DONE:
            return Event.done();
          default:
            return Event.error(error(request, e.data, description, attempt));
        }
      }

      @Override
      public long bufferedBytes() {
        return reader.bufferedBytes();
      }
    };
  }

  private static RecordsJson.Batch batch(Buffer data, String description, int attempt) {
    try (JsonReader reader = JsonReader.of(data)) {
      RecordsJson.Batch batch = RecordsJson.readBatch(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new JsonDataException("Unexpected data after the batch at " + reader.getPath());
      }
      return batch;
    } catch (IOException | JsonDataException e) {
      throw SessionErrors.malformed(description, "a batch event is not a ReadBatch: " + e.getMessage(), e,
          attempt);
    }
  }

  private static @Nullable StreamPosition ping(Buffer data, String description, int attempt) {
    StreamPosition at = null;
    try (JsonReader reader = JsonReader.of(data)) {
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.nextName().equals("tail")) {
          at = RecordsJson.readPosition(reader);
        } else {
          reader.skipValue();
        }
      }
      reader.endObject();
    } catch (IOException | JsonDataException e) {
      throw SessionErrors.malformed(description, "a ping event is not {timestamp, tail}: " + e.getMessage(), e,
          attempt);
    }
    return at;
  }

  /** The exception of an {@code error} event, retryable or not by its code. */
  private S2Exception error(Request request, Buffer data, String description, int attempt) {
    byte[] bytes = data.readByteArray();
    String code = null;
    try (JsonReader reader = JsonReader.of(new Buffer().write(bytes))) {
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.nextName().equals("code") && reader.peek() == JsonReader.Token.STRING) {
          code = reader.nextString();
        } else {
          reader.skipValue();
        }
      }
      reader.endObject();
    } catch (IOException | JsonDataException e) {
      code = null;
    }
    if (code == null) {
      return SessionErrors.malformed(description, "an error event is not an ErrorInfo: "
          + SseEventReader.excerpt(new Buffer().write(bytes)), new IOException("malformed error event"), attempt);
    }
    return errors.errorEvent(request, code, bytes, attempt);
  }
}
