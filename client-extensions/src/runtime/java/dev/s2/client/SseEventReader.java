package dev.s2.client;

import java.io.IOException;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Reads the events of one SSE response body (the W3C {@code text/event-stream} format) as S2 writes them: named
 * events ({@code batch}, {@code ping}, {@code error}) and the final {@code data: [DONE]}.
 *
 * <ul>
 *   <li>Lines end with LF or CRLF; a blank line ends an event; lines starting with {@code :} are comments;
 *       several {@code data} lines are joined with LF; {@code retry} and unknown fields are ignored.
 *   <li>Bounded: one event (all its lines) may take at most {@code limit} bytes; a longer one is refused with
 *       {@link Malformed} instead of being buffered. Nothing beyond the event being read is read from the socket
 *       except what the socket already delivered in the same read (at most one 8 KiB segment).
 *   <li>{@code data} is moved into a {@link Buffer} segment by segment (no copy, no string), so a 1 MiB batch is
 *       decoded straight from the bytes received.
 *   <li>An unknown event name, an unnamed event other than {@code [DONE]}, or a named event without data is
 *       {@link Malformed}; the end of the body is {@code null} (the caller decides what an end without
 *       {@code [DONE]} means).
 * </ul>
 */
final class SseEventReader {
  private static final ByteString DONE = ByteString.encodeUtf8("[DONE]");
  private static final int EXCERPT = 200;

  /** The kinds of events S2 sends. */
  enum Kind {
    BATCH,
    PING,
    ERROR,
    DONE
  }

  /** One event: its kind, its {@code id} (batches only) and its data. */
  static final class Event {
    final Kind kind;
    final @Nullable String id;
    final Buffer data;

    Event(Kind kind, @Nullable String id, Buffer data) {
      this.kind = kind;
      this.id = id;
      this.data = data;
    }
  }

  /** The body is not an event stream S2 would send. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  private final BufferedSource source;
  private final long limit;

  SseEventReader(BufferedSource source, long limit) {
    this.source = source;
    this.limit = limit;
  }

  /** Bytes received from the socket and not yet consumed as events. */
  long bufferedBytes() {
    return source.getBuffer().size();
  }

  /**
   * Reads the next event, blocking until it is complete.
   *
   * @return the event, or null at the end of the body (an event cut short is dropped)
   * @throws IOException when the connection fails or its read timeout runs out
   * @throws Malformed when the bytes are not an event stream of S2's events
   */
  @Nullable Event next() throws IOException, Malformed {
    String name = null;
    String id = null;
    Buffer data = null;
    long used = 0;
    while (true) {
      long newline = source.indexOf((byte) '\n', 0, limit - used); // the event, LFs included, fits in limit
      if (newline < 0) {
        if (source.getBuffer().size() >= limit - used) {
          throw new Malformed("an SSE event is larger than the session's buffer of " + limit
              + " bytes (ReadSessionOptions.bufferBytes)");
        }
        return null; // the body ended (a partial line or event is dropped, as the SSE format says)
      }
      used += newline + 1;
      long length = newline > 0 && source.getBuffer().getByte(newline - 1) == '\r' ? newline - 1 : newline;
      if (length == 0) {
        source.skip(newline + 1);
        if (name != null || data != null) {
          return event(name, id, data);
        }
        continue;
      }
      if (source.getBuffer().getByte(0) == ':') { // a comment
        source.skip(newline + 1);
        continue;
      }
      long colon = source.getBuffer().indexOf((byte) ':', 0, length);
      String field = source.readUtf8(colon < 0 ? length : colon);
      long valueLength = 0;
      if (colon >= 0) {
        source.skip(1);
        valueLength = length - colon - 1;
        if (valueLength > 0 && source.getBuffer().getByte(0) == ' ') {
          source.skip(1);
          valueLength--;
        }
      }
      switch (field) {
        case "data":
          if (data == null) {
            data = new Buffer();
          } else {
            data.writeByte('\n');
          }
          source.readFully(data, valueLength);
          break;
        case "event":
          name = source.readUtf8(valueLength);
          break;
        case "id":
          id = source.readUtf8(valueLength);
          break;
        default: // retry, and fields the format lets a client ignore
          source.skip(valueLength);
      }
      source.skip(newline + 1 - length);
    }
  }

  private static Event event(@Nullable String name, @Nullable String id, @Nullable Buffer data) throws Malformed {
    if (name == null || name.equals("message")) {
      if (data != null && data.size() == DONE.size() && data.rangeEquals(0, DONE)) {
        return new Event(Kind.DONE, id, data);
      }
      throw new Malformed("an SSE event without a name must be data: [DONE], was data: "
          + (data == null ? "(none)" : excerpt(data)));
    }
    Kind kind;
    switch (name) {
      case "batch":
        kind = Kind.BATCH;
        break;
      case "ping":
        kind = Kind.PING;
        break;
      case "error":
        kind = Kind.ERROR;
        break;
      default:
        throw new Malformed("unknown SSE event '" + excerpt(name) + "' (S2 sends batch, ping, error and [DONE])");
    }
    if (data == null) {
      throw new Malformed("an SSE " + name + " event without data");
    }
    return new Event(kind, id, data);
  }

  /** The start of some event data, for messages: at most 200 characters, on one line. */
  static String excerpt(Buffer data) {
    return excerpt(data.snapshot((int) Math.min(data.size(), EXCERPT + 1L)).utf8());
  }

  private static String excerpt(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "...";
  }
}
