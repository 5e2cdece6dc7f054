package dev.s2.testing.internal;

import dev.s2.testing.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP exchange on Jetty's core API: the request's parts, bounded body reading, and answers.
 */
public final class Exchange {
  /**
   * Request bodies larger than this are refused (a 1 MiB batch in base64 JSON stays well below).
   */
  public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  private final Request request;
  private final Response response;
  private final Callback callback;
  private final List<String> segments;
  private byte @Nullable [] body;
  private boolean done;

  Exchange(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.segments = splitPath(request.getHttpURI().getPath());
  }

  private static List<String> splitPath(@Nullable String rawPath) {
    List<String> out = new ArrayList<>();
    if (rawPath == null) {
      return out;
    }
    for (String s : rawPath.split("/", -1)) {
      out.add(s);
    }
    if (!out.isEmpty() && out.get(0).isEmpty()) {
      out.remove(0);
    }
    return out;
  }

  /** Path segments, still percent-encoded. */
  List<String> segments() {
    return segments;
  }

  /** A percent-decoded path segment ({@code +} stays a plus). */
  static String decodeSegment(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiError.badPath("malformed percent-encoding in `" + raw + "`");
    }
  }

  String method() {
    return request.getMethod();
  }

  String rawPath() {
    String path = request.getHttpURI().getPath();
    return path == null ? "/" : path;
  }

  @Nullable String rawQuery() {
    return request.getHttpURI().getQuery();
  }

  String protocol() {
    return request.getConnectionMetaData().getProtocol();
  }

  /** The host the client addressed (Host header or {@code :authority}), without the port. */
  @Nullable String host() {
    return request.getHttpURI().getHost();
  }

  @Nullable String header(String name) {
    return request.getHeaders().get(name);
  }

  /** Every value of a header, in order (empty when absent). */
  List<String> headerValues(String name) {
    return request.getHeaders().getValuesList(name);
  }

  Map<String, List<String>> headers() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (HttpField f : request.getHeaders()) {
      out.computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>()).add(f.getValue());
    }
    return out;
  }

  /** The query, decoded; a repeated key is {@code bad_query} as in S2. */
  Map<String, String> query() {
    Map<String, String> out = new LinkedHashMap<>();
    String q = rawQuery();
    if (q == null || q.isEmpty()) {
      return out;
    }
    for (String pair : q.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key;
      String value;
      try {
        key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw ApiError.badQuery("malformed percent-encoding");
      }
      if (out.put(key, value) != null) {
        throw ApiError.badQuery("duplicate field `" + key + "`");
      }
    }
    return out;
  }

  /** The body, read once and bounded. */
  byte[] body() {
    if (body == null) {
      try (InputStream in = Request.asInputStream(request)) {
        byte[] read = in.readNBytes(MAX_BODY_BYTES + 1);
        if (read.length > MAX_BODY_BYTES) {
          throw ApiError.badJson("Failed to buffer the request body: length limit exceeded");
        }
        body = read;
      } catch (IOException e) {
        throw ApiError.badJson("Failed to buffer the request body: " + e.getMessage());
      }
    }
    return body;
  }

  boolean hasJsonContentType() {
    String ct = header("content-type");
    if (ct == null) {
      return false;
    }
    String mime = ct.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return mime.equals("application/json")
        || (mime.startsWith("application/") && mime.endsWith("+json"));
  }

  /**
   * {@code Content-Type: s2s/proto} (case-insensitive, parameters allowed): an S2S session is
   * requested.
   */
  boolean hasS2sContentType() {
    return RecordedRequest.isS2sContentType(header("content-type"));
  }

  /** A required JSON body: {@code Content-Type: application/json} and a document. */
  Json.Obj jsonBody() {
    if (!hasJsonContentType()) {
      throw ApiError.badJson("Expected request with `Content-Type: application/json`");
    }
    return Json.Obj.root(Json.parse(body()));
  }

  /** An optional JSON body: none without a content type or with an empty body. */
  Json.@Nullable Obj optionalJsonBody() {
    if (header("content-type") == null) {
      return null;
    }
    if (!hasJsonContentType()) {
      throw ApiError.badJson("Expected request with `Content-Type: application/json`");
    }
    byte[] bytes = body();
    return bytes.length == 0 ? null : Json.Obj.root(Json.parse(bytes));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Answers

  void sendJson(int status, String json) {
    sendJson(status, json, null, null);
  }

  void sendJson(
      int status, String json, @Nullable String headerName, @Nullable String headerValue) {
    response.setStatus(status);
    response.getHeaders().put("content-type", "application/json");
    if (headerName != null && headerValue != null) {
      response.getHeaders().put(headerName, headerValue);
    }
    finish(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * {@code Content-Type} is {@code application/protobuf} (or {@code x-protobuf}), as S2's server
   * reads it.
   */
  boolean hasProtobufContentType() {
    return isProtobuf(header("content-type"));
  }

  /** The first type of {@code Accept} is {@code application/protobuf} (or {@code x-protobuf}). */
  boolean acceptsProtobuf() {
    return isProtobuf(header("accept"));
  }

  private static boolean isProtobuf(@Nullable String value) {
    if (value == null) {
      return false;
    }
    String mime = value.split(",", 2)[0].split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return mime.equals("application/protobuf") || mime.equals("application/x-protobuf");
  }

  /** A protobuf answer ({@code Content-Type: application/protobuf}), as S2 sends one. */
  void sendProtobuf(int status, byte[] message) {
    response.setStatus(status);
    response.getHeaders().put("content-type", "application/protobuf");
    finish(ByteBuffer.wrap(message));
  }

  void sendEmpty(int status) {
    response.setStatus(status);
    finish(BufferUtil.EMPTY_BUFFER);
  }

  void sendError(ApiError error) {
    if (response.isCommitted()) {
      abort(error);
      return;
    }
    response.reset();
    if (error.retryAfterMs() != null) {
      response.getHeaders().put("retry-after-ms", Long.toString(error.retryAfterMs()));
    }
    sendJson(error.status(), error.body());
  }

  private void finish(ByteBuffer content) {
    done = true;
    response.write(true, content, callback);
  }

  boolean done() {
    return done;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Streaming (SSE)

  /** Sends the status and headers of a streaming answer at once. */
  void startStream(int status, Map<String, String> headers) throws IOException {
    response.setStatus(status);
    headers.forEach((k, v) -> response.getHeaders().put(k, v));
    write(BufferUtil.EMPTY_BUFFER);
  }

  /**
   * Answers 200 for a streaming session with the headers S2 sends with one ({@code
   * lite/src/handlers/v1/records.rs}).
   */
  void startSession(String contentType) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", contentType);
    headers.put("cache-control", "no-cache, no-transform");
    headers.put("x-accel-buffering", "no");
    startStream(200, headers);
  }

  /** Writes part of a streaming answer and waits until it is handed to the connection. */
  void write(ByteBuffer bytes) throws IOException {
    FutureCallback cb = new FutureCallback();
    response.write(false, bytes, cb);
    cb.block();
  }

  /** Ends a streaming answer cleanly. */
  void endStream() {
    finish(BufferUtil.EMPTY_BUFFER);
  }

  /** Aborts the answer: the connection is closed (HTTP/1.1) or the stream reset (HTTP/2). */
  void abort(Throwable cause) {
    done = true;
    boolean closeConnection =
        cause instanceof SessionAbort && ((SessionAbort) cause).closeConnection();
    if (closeConnection || protocol().startsWith("HTTP/1")) {
      // Failing the callback alone may still end a committed HTTP/1.1 answer with its last chunk:
      // close the
      // connection so that the client sees the body break off. On HTTP/2 this ends every stream of
      // the connection.
      request.getConnectionMetaData().getConnection().getEndPoint().close(cause);
    }
    callback.failed(cause);
  }

  Request request() {
    return request;
  }
}
