package dev.s2.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The server-sent events of S2's streaming read ({@code text/event-stream}), written and read as
 * S2's server frames them (s2-streamstore/s2: {@code api/src/v1/stream/sse.rs}, {@code
 * lite/src/handlers/v1/records.rs}).
 *
 * <p>The spec describes each event as a JSON object ({@code ReadEvent}: {@code event}, {@code
 * data}, and for a batch {@code id}); on the wire it is a frame of lines: {@code event: batch},
 * {@code id: 12,3,120}, {@code data: <ReadBatch JSON>}, a blank line. What the spec does not say,
 * and S2's server does:
 *
 * <ul>
 *   <li>a {@code data} whose schema is a string (the {@code error} event) is written as its text,
 *       any other as JSON;
 *   <li>a batch's {@code id} is {@code <seq_num of its last record>,<records sent so far>,<metered
 *       bytes sent so far>}, counted over the session, which a client resumes from with {@code
 *       Last-Event-ID}; so a batch always holds records (the spec: a batch is empty only in a unary
 *       read);
 *   <li>the session ends with a frame holding only {@code data: [DONE]}, except after an {@code
 *       error} event, which ends it by itself.
 * </ul>
 */
final class SseFraming {
  /** The media type of an event stream. */
  static final String MEDIA_TYPE = "text/event-stream";

  /** The data of the frame that ends a session. */
  static final String DONE = "[DONE]";

  /** The event that ends a session without {@link #DONE}. */
  static final String ERROR_EVENT = "error";

  private SseFraming() {}

  /**
   * One event as framed.
   *
   * @param name the {@code event:} field, or null (the {@link #DONE} frame has none)
   * @param id the {@code id:} field, or null
   * @param data the {@code data:} lines joined by line feeds
   */
  record Event(String name, String id, String data) {
    /** Whether this is the frame that ends a session. */
    boolean isDone() {
      return name == null && DONE.equals(data);
    }
  }

  /** Whether a content type is an event stream. */
  static boolean isEventStream(String contentType) {
    return contentType != null
        && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(MEDIA_TYPE);
  }

  /**
   * A session of S2's: the events (ReadEvent-shaped JSON objects, in order) framed as its server
   * sends them, batch ids counted over the session, ended by {@link #DONE} unless an error event
   * ends it first.
   *
   * @return the events, or null when S2 would not send them (a batch without records)
   */
  static List<Event> session(List<JsonNode> events) {
    List<Event> out = new ArrayList<>();
    long count = 0;
    long bytes = 0;
    for (JsonNode event : events) {
      String name = event.path("event").asText();
      JsonNode data = event.path("data");
      String id = null;
      if (event.has("id")) {
        JsonNode records = data.path("records");
        if (!records.isArray() || records.isEmpty()) {
          return null;
        }
        count += records.size();
        bytes += meteredBytes(records);
        id = records.get(records.size() - 1).path("seq_num").asText() + "," + count + "," + bytes;
      }
      out.add(new Event(name, id, data.isTextual() ? data.asText() : data.toString()));
      if (ERROR_EVENT.equals(name)) {
        return out;
      }
    }
    out.add(new Event(null, null, DONE));
    return out;
  }

  /**
   * S2's metered size of records: 8 bytes each, plus 2 per header, plus the UTF-8 bytes of names,
   * values, body.
   */
  static long meteredBytes(JsonNode records) {
    return meteredBytes(records, false);
  }

  /**
   * S2's metered size of records written in a format: {@code raw} strings are their UTF-8 bytes,
   * {@code base64} strings the bytes they encode (S2 meters the stored bytes, whatever the format
   * on the wire).
   */
  static long meteredBytes(JsonNode records, boolean base64) {
    long size = 0;
    for (JsonNode record : records) {
      size += 8 + bytes(record.path("body"), base64);
      for (JsonNode header : record.path("headers")) {
        size += 2;
        for (JsonNode part : header) {
          size += bytes(part, base64);
        }
      }
    }
    return size;
  }

  private static long bytes(JsonNode text, boolean base64) {
    if (!text.isTextual()) {
      return 0;
    }
    return base64
        ? java.util.Base64.getDecoder().decode(text.asText()).length
        : text.asText().getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The text of an event stream: per event its {@code event:}, {@code id:}, one {@code data:} per
   * line, a blank line.
   */
  static String frame(List<Event> events) {
    StringBuilder sb = new StringBuilder();
    for (Event e : events) {
      if (e.name() != null) {
        sb.append("event: ").append(e.name()).append('\n');
      }
      if (e.id() != null) {
        sb.append("id: ").append(e.id()).append('\n');
      }
      for (String line : e.data().split("\r\n|\r|\n", -1)) {
        sb.append("data: ").append(line).append('\n');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * The events of an event stream's text, as the SSE standard reads them: fields up to the first
   * colon, one optional space after it, {@code data:} lines joined by line feeds, comments ({@code
   * :...}) and other fields ignored, an event dispatched at each blank line (a last event without
   * its blank line is dropped).
   */
  static List<Event> parse(String text) {
    List<Event> out = new ArrayList<>();
    String name = null;
    String id = null;
    StringBuilder data = null;
    for (String line : text.split("\r\n|\r|\n", -1)) {
      if (line.isEmpty()) {
        if (data != null) {
          out.add(new Event(name, id, data.toString()));
        }
        name = null;
        id = null;
        data = null;
        continue;
      }
      int colon = line.indexOf(':');
      if (colon == 0) {
        continue;
      }
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> name = value;
        case "id" -> id = value;
        case "data" ->
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        default -> {}
      }
    }
    return out;
  }
}
