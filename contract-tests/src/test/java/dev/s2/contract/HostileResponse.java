package dev.s2.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPOutputStream;

/**
 * One hostile answer for the fuzz suite, as bytes on the wire: a status line, headers, a body and
 * how it is framed, and maybe a fault of the transport; the client's access token may be hidden in
 * any of them, in any spelling. Built deterministically from the choices jqwik makes, so a failing
 * case shrinks and replays.
 *
 * @param description what the case is, for a failing sample's report
 * @param chunkLineSecret the spelled token to write on chunk-size lines, or null
 * @param expectedIds for a well-formed page that must decode: its ids; null when any typed outcome
 *     will do
 * @param expectedStatus for a well-formed error that must map to its status: the status; 0
 *     otherwise
 */
record HostileResponse(
    String description,
    byte[] head,
    Body body,
    Framing framing,
    Fault fault,
    String chunkLineSecret,
    List<String> expectedIds,
    int expectedStatus) {

  /** What the body holds. */
  enum Kind {
    VALID_PAGE,
    MUTATED_SUCCESS,
    MUTATED_ERROR,
    ERROR_INFO,
    HTML,
    SECRET_IN_FIELD,
    ENDLESS_ITEMS,
    HUGE_STRING,
    DEEP_NESTING,
    EMPTY,
    RANDOM_BYTES,
    ODD_JSON
  }

  /** How the body is delimited, rightly or not. */
  enum Framing {
    CONTENT_LENGTH,
    CHUNKED,
    CLOSE_DELIMITED,
    GZIP,
    LENGTH_TOO_SHORT,
    LENGTH_TOO_LONG,
    BAD_LENGTH,
    BAD_CHUNK_SIZE,
    NOT_GZIP
  }

  /** Where the client's token is hidden. */
  enum SecretPlace {
    NONE,
    BODY,
    STATUS_LINE,
    REASON_PHRASE,
    HEADER,
    LOCATION,
    CONTENT_TYPE,
    RETRY_AFTER,
    CHUNK_SIZE_LINE
  }

  /** How the token is written. */
  enum SecretForm {
    LITERAL,
    JSON_ESCAPED,
    SPLIT,
    PERCENT,
    LONG_PART,
    HEX
  }

  /** What the transport does. */
  enum Fault {
    NONE,
    CLOSE_BEFORE_STATUS,
    CLOSE_IN_HEADERS,
    CLOSE_IN_BODY,
    RESET_IN_BODY,
    TRICKLE
  }

  /**
   * The body: fixed bytes, or a prefix then a piece repeated until the client stops reading (or a
   * cap).
   */
  record Body(byte[] prefix, byte[] repeated, long cap) {
    static Body of(String text) {
      return new Body(text.getBytes(StandardCharsets.UTF_8), new byte[0], 0);
    }

    boolean endless() {
      return repeated.length > 0;
    }

    long length() {
      return endless() ? prefix.length + cap : prefix.length;
    }
  }

  /** Bytes an endless body sends at most: far beyond any limit of the client. */
  static final long ENDLESS_CAP = 16L * 1024 * 1024;

  private static final String TOKEN = Clients.TOKEN;

  static final List<Integer> STATUSES =
      List.of(
          200, 200, 200, 200, 201, 204, 301, 302, 307, 308, 400, 401, 403, 404, 407, 408, 409, 418,
          422, 429, 499, 500, 501, 502, 503, 503, 504, 599);

  /** Builds the case from jqwik's choices; {@code seed} drives every smaller choice. */
  static HostileResponse of(
      Kind kind,
      int status,
      Framing framing,
      SecretPlace place,
      SecretForm form,
      Fault fault,
      long seed) {
    Random random = new Random(seed);
    String secret = spell(form, random);
    List<String> ids = new ArrayList<>();
    Body body = body(kind, place == SecretPlace.BODY ? secret : null, random, ids);
    if (body.endless() && framing != Framing.CHUNKED && framing != Framing.CLOSE_DELIMITED) {
      framing = random.nextBoolean() ? Framing.CHUNKED : Framing.CLOSE_DELIMITED;
    }

    StringBuilder head = new StringBuilder();
    String reason = place == SecretPlace.REASON_PHRASE ? secret : "Status";
    head.append(
            place == SecretPlace.STATUS_LINE
                ? List.of(
                            "HTTP/1.1 2x0 ",
                            "",
                            "HTTP/1.1 " + status + "0 ",
                            "SPDY/9 " + status + " ")
                        .get(random.nextInt(4))
                    + secret
                : "HTTP/1.1 " + status + " " + reason)
        .append("\r\n");
    head.append("Content-Type: ")
        .append(
            place == SecretPlace.CONTENT_TYPE
                ? "application/" + secret
                : List.of(
                        "application/json",
                        "application/json; charset=utf-8",
                        "text/html",
                        "text/plain",
                        "x/y")
                    .get(random.nextInt(5)))
        .append("\r\n");
    if (place == SecretPlace.HEADER) {
      head.append("X-Echo: ").append(secret).append("\r\n");
    }
    if (status >= 300 && status <= 399 || place == SecretPlace.LOCATION) {
      head.append("Location: ")
          .append(
              place == SecretPlace.LOCATION
                  ? "https://evil.example/" + secret
                  : List.of(
                          "/v1/access-tokens",
                          "https://127.0.0.1:1/v1/access-tokens",
                          "http://elsewhere/",
                          "")
                      .get(random.nextInt(4)))
          .append("\r\n");
    }
    if (status == 503 || status == 429 || place == SecretPlace.RETRY_AFTER) {
      head.append("Retry-After: ")
          .append(
              place == SecretPlace.RETRY_AFTER
                  ? secret
                  : List.of(
                          "0",
                          "1",
                          "2147483648",
                          "-1",
                          "Fri, 27 Nov 2026 10:00:04 GMT",
                          "soon",
                          "99999999999999999999")
                      .get(random.nextInt(7)))
          .append("\r\n");
    }
    if (place == SecretPlace.CHUNK_SIZE_LINE) {
      framing = Framing.BAD_CHUNK_SIZE;
    }
    byte[] bodyBytes = body.endless() ? null : body.prefix();
    switch (framing) {
      case CONTENT_LENGTH -> head.append("Content-Length: ").append(body.length()).append("\r\n");
      case CHUNKED, BAD_CHUNK_SIZE -> head.append("Transfer-Encoding: chunked\r\n");
      case GZIP -> {
        body = new Body(gzip(bodyBytes), new byte[0], 0);
        head.append("Content-Encoding: gzip\r\nContent-Length: ")
            .append(body.length())
            .append("\r\n");
      }
      case NOT_GZIP ->
          head.append("Content-Encoding: gzip\r\nContent-Length: ")
              .append(body.length())
              .append("\r\n");
      case LENGTH_TOO_SHORT ->
          head.append("Content-Length: ").append(body.length() / 2).append("\r\n");
      case LENGTH_TOO_LONG ->
          head.append("Content-Length: ")
              .append(body.length() + 1 + random.nextInt(1000))
              .append("\r\n");
      case BAD_LENGTH ->
          head.append("Content-Length: ")
              .append(
                  List.of("-5", "abc", "1e9", "99999999999999999999", secret)
                      .get(random.nextInt(5)))
              .append("\r\n");
      case CLOSE_DELIMITED -> head.append("Connection: close\r\n");
      default -> throw new IllegalStateException(framing.name());
    }
    head.append("\r\n");

    boolean clean =
        fault == Fault.NONE
            && (framing == Framing.CONTENT_LENGTH
                || framing == Framing.CHUNKED
                || framing == Framing.CLOSE_DELIMITED
                || framing == Framing.GZIP)
            && (place == SecretPlace.NONE
                || (place == SecretPlace.REASON_PHRASE || place == SecretPlace.HEADER)
                    && secret.indexOf('\n') < 0
                    && secret.indexOf('\r') < 0);
    List<String> expectedIds =
        clean && kind == Kind.VALID_PAGE && status == 200 ? List.copyOf(ids) : null;
    int expectedStatus =
        clean && (kind == Kind.ERROR_INFO || kind == Kind.HTML) && status >= 300 ? status : 0;
    String description =
        kind
            + " "
            + status
            + " "
            + framing
            + " secret "
            + place
            + "/"
            + form
            + " fault "
            + fault
            + " seed "
            + seed
            + ": "
            + preview(head.toString(), body);
    return new HostileResponse(
        description,
        head.toString().getBytes(StandardCharsets.UTF_8),
        body,
        framing,
        fault,
        place == SecretPlace.CHUNK_SIZE_LINE ? secret : null,
        expectedIds,
        expectedStatus);
  }

  /** The token in one of the spellings a server or proxy could echo it in. */
  static String spell(SecretForm form, Random random) {
    return switch (form) {
      case LITERAL -> TOKEN;
      case JSON_ESCAPED -> escapeSome(random, "\\u%04x");
      case SPLIT -> {
        int at = 1 + random.nextInt(TOKEN.length() - 1);
        yield TOKEN.substring(0, at)
            + List.of(" ", "\n", "\r\n  ", "\t").get(random.nextInt(4))
            + TOKEN.substring(at);
      }
      case PERCENT -> escapeSome(random, "%%%02X");
      case LONG_PART -> {
        int length = 12 + random.nextInt(TOKEN.length() - 11);
        int from = random.nextInt(TOKEN.length() - length + 1);
        yield TOKEN.substring(from, from + length);
      }
      case HEX -> HexFormat.of().formatHex(TOKEN.getBytes(StandardCharsets.UTF_8));
    };
  }

  /**
   * The token with about one character in three written with {@code format} (an escape of its
   * code).
   */
  private static String escapeSome(Random random, String format) {
    StringBuilder sb = new StringBuilder();
    for (char c : TOKEN.toCharArray()) {
      sb.append(random.nextInt(3) == 0 ? String.format(format, (int) c) : String.valueOf(c));
    }
    return sb.toString();
  }

  private static Body body(Kind kind, String secret, Random random, List<String> ids) {
    String s = secret == null ? "" : secret;
    switch (kind) {
      case VALID_PAGE -> {
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          ids.add("t" + (char) ('a' + i) + random.nextInt(10));
        }
        String page = PageBodies.page(random.nextInt(4) == 0, ids.toArray(String[]::new));
        return Body.of(
            secret == null
                ? page
                : page.replace("\"has_more\"", "\"x_note\":\"" + jsonSafe(s) + "\",\"has_more\""));
      }
      case MUTATED_SUCCESS, MUTATED_ERROR -> {
        List<DerivedStub> stubs =
            kind == Kind.MUTATED_SUCCESS
                ? ResponseFuzzTest.SUCCESS_STUBS
                : ResponseFuzzTest.ERROR_STUBS;
        JsonNode json = stubs.get(random.nextInt(stubs.size())).json().deepCopy();
        int mutations = random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
          new JsonMutation(
                  JsonMutation.Kind.values()[random.nextInt(JsonMutation.Kind.values().length)],
                  random.nextInt(10_000),
                  random.nextInt(10_000))
              .applyTo(json);
        }
        if (secret != null && json.isObject()) {
          ((ObjectNode) json).put(kind == Kind.MUTATED_ERROR ? "message" : "unknown_echo", s);
        }
        String text = json.toString();
        return Body.of(
            random.nextInt(5) == 0 ? text.substring(0, random.nextInt(text.length() + 1)) : text);
      }
      case ERROR_INFO -> {
        return Body.of(
            "{\"code\":\""
                + (random.nextBoolean() ? jsonSafe(s) : "unavailable")
                + "\",\"message\":\""
                + "the request failed "
                + jsonSafe(s)
                + "\"}");
      }
      case HTML -> {
        return Body.of(
            "<html>\n<body>" + "<p>busy</p>".repeat(random.nextInt(100)) + s + "</body>\n</html>");
      }
      case SECRET_IN_FIELD -> {
        String field =
            List.of("expires_at", "id", "auto_prefix_streams", "scope").get(random.nextInt(4));
        String value = "\"" + jsonSafe(secret == null ? TOKEN : s) + "\"";
        return Body.of(
            "{\"access_tokens\":[{\"id\":\"a\",\"scope\":{},"
                + "\""
                + field
                + "\":"
                + value
                + "}],\"has_more\":false}");
      }
      case ENDLESS_ITEMS -> {
        String item = "{\"id\":\"" + jsonSafe(s) + "a\",\"scope\":{\"ops\":[\"read\"]}},";
        return new Body(
            "{\"access_tokens\":[".getBytes(StandardCharsets.UTF_8),
            item.repeat(64).getBytes(StandardCharsets.UTF_8),
            ENDLESS_CAP);
      }
      case HUGE_STRING -> {
        return new Body(
            ("{\"access_tokens\":[{\"id\":\"" + jsonSafe(s)).getBytes(StandardCharsets.UTF_8),
            "x".repeat(4096).getBytes(StandardCharsets.UTF_8),
            ENDLESS_CAP);
      }
      case DEEP_NESTING -> {
        int depth = 100 + random.nextInt(20_000);
        return Body.of("[".repeat(depth) + s + "]".repeat(depth));
      }
      case EMPTY -> {
        return Body.of(s);
      }
      case RANDOM_BYTES -> {
        byte[] bytes = new byte[random.nextInt(2048)];
        random.nextBytes(bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes);
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        return new Body(out.toByteArray(), new byte[0], 0);
      }
      case ODD_JSON -> {
        return Body.of(
            List.of(
                    "{\"access_tokens\":[],\"has_more\":1e999999}",
                    "null",
                    "[]",
                    "\"" + jsonSafe(s) + "\"",
                    "{\"access_tokens\":{},\"has_more\":false}",
                    "{\"access_tokens\":[null],\"has_more\":false}",
                    "{\"access_tokens\":[],\"has_more\":false} trailing " + s,
                    "\uFEFF{\"access_tokens\":[],\"has_more\":false}",
                    "{\"access_tokens\":[{\"id\":\"\\ud800\",\"scope\":{}}],\"has_more\":false}")
                .get(random.nextInt(9)));
      }
      default -> throw new IllegalStateException(kind.name());
    }
  }

  /**
   * The text as the content of a JSON string: quotes and backslashes that are not escapes are
   * escaped.
   */
  private static String jsonSafe(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == 'u') {
        sb.append(c); // a \\u escape of the spelling
      } else if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String preview(String head, Body body) {
    String text =
        new String(body.prefix(), 0, Math.min(body.prefix().length, 300), StandardCharsets.UTF_8);
    return head.replace("\r\n", " | ") + text + (body.endless() ? "... (endless)" : "");
  }

  /** Writes the answer to a connection, with its fault. */
  void writeTo(Socket socket, OutputStream out) throws IOException {
    if (fault == Fault.CLOSE_BEFORE_STATUS) {
      return;
    }
    if (fault == Fault.CLOSE_IN_HEADERS) {
      out.write(head, 0, head.length / 2);
      return;
    }
    out.write(head);
    if (fault == Fault.TRICKLE) {
      for (byte b : body.prefix()) {
        out.write(b);
        out.flush();
        LockSupport.parkNanos(
            TimeUnit.MILLISECONDS.toNanos(5)); // the server is slow: the client's timeout ends it
      }
      return;
    }
    byte[] prefix = body.prefix();
    boolean cutMidway = fault == Fault.CLOSE_IN_BODY || fault == Fault.RESET_IN_BODY;
    if (cutMidway) {
      prefix = java.util.Arrays.copyOf(prefix, prefix.length / 2);
    }
    writePiece(out, prefix);
    if (body.endless()) {
      for (long sent = 0; sent < body.cap(); sent += body.repeated().length) {
        writePiece(out, body.repeated());
      }
    }
    if (cutMidway) {
      if (fault == Fault.RESET_IN_BODY) {
        socket.setSoLinger(true, 0); // close with a reset
      }
      return;
    }
    if (framing == Framing.CHUNKED) {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
  }

  private void writePiece(OutputStream out, byte[] piece) throws IOException {
    if (piece.length == 0) {
      return;
    }
    switch (framing) {
      case CHUNKED -> {
        out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(piece);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      case BAD_CHUNK_SIZE -> {
        String size =
            chunkLineSecret != null
                ? Integer.toHexString(piece.length) + " " + chunkLineSecret
                : List.of("zz", "-1", "ffffffffffffffffff", "10;" + "x".repeat(10_000), "")
                    .get(piece.length % 5);
        out.write((size + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(piece);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      default -> out.write(piece);
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
