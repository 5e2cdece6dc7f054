package dev.s2.client;

import dev.s2.model.StreamPosition;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * How one connection of a {@link ResumingReadSession} is made and read: {@link SseWire} (server-sent events over
 * HTTP/1.1) or {@link S2sReadWire} (S2S frames over HTTP/2). A wire turns what arrives into the same events, so
 * that resuming, bounds, heartbeats and the caught-up state are the session's alone.
 */
interface ReadWire {
  /** The HTTP client of the session's connections: the read timeout is the session's idle timeout. */
  OkHttpClient http();

  /**
   * The request of one connection.
   *
   * @param url the records URL with the query of where the connection starts and what is left of the bounds
   */
  Request request(HttpUrl url);

  /**
   * The events of a successful response.
   *
   * @throws S2Exception when the response is not what the wire reads (a wrong content type)
   */
  Events open(Response response, String description, int attempt);

  /** Whether this is the S2S wire. */
  boolean s2s();

  /** The events of one response body. */
  interface Events {
    /**
     * The next event, blocking until it is complete.
     *
     * @param attempt the session's current attempt, for the exceptions' counts
     * @return the event; never null (an end of the body is a {@link Kind#DONE} or an {@link Kind#ERROR})
     * @throws IOException when the connection fails or the idle timeout runs out
     * @throws S2Exception when the bytes are not what S2 sends ({@link S2DecodingException})
     */
    Event next(int attempt) throws IOException;

    /** Bytes received from the connection and not yet consumed as events. */
    long bufferedBytes();
  }

  /** What an event is. */
  enum Kind {
    /** Records (an SSE batch event may hold none). */
    BATCH,
    /** A sign of a healthy connection, with the tail when S2 sent it: an SSE ping, an empty S2S batch. */
    HEARTBEAT,
    /** The session's end: an SSE {@code [DONE]}, the end of an S2S response. */
    DONE,
    /** A failure: an SSE {@code error} event, an S2S terminal frame, an SSE body cut before {@code [DONE]}. */
    ERROR
  }

  /** One event. */
  final class Event {
    final Kind kind;
    final RecordsJson.@Nullable Batch batch;
    final @Nullable StreamPosition tail;
    final @Nullable S2Exception error;
    /** The server asked the client to reconnect (S2S's flag byte): the session does after this event. */
    final boolean reconnectAdvised;

    private Event(Kind kind, RecordsJson.@Nullable Batch batch, @Nullable StreamPosition tail,
        @Nullable S2Exception error, boolean reconnectAdvised) {
      this.kind = kind;
      this.batch = batch;
      this.tail = tail;
      this.error = error;
      this.reconnectAdvised = reconnectAdvised;
    }

    static Event batch(RecordsJson.Batch batch, boolean reconnectAdvised) {
      return new Event(Kind.BATCH, batch, batch.tail, null, reconnectAdvised);
    }

    static Event heartbeat(@Nullable StreamPosition tail, boolean reconnectAdvised) {
      return new Event(Kind.HEARTBEAT, null, tail, null, reconnectAdvised);
    }

    static Event done() {
      return new Event(Kind.DONE, null, null, null, false);
    }

    static Event error(S2Exception error) {
      return new Event(Kind.ERROR, null, null, error, false);
    }
  }
}
