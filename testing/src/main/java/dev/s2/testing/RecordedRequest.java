package dev.s2.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One request the embedded S2 received, as routed: for assertions on what a client sent, and for
 * {@link RequestMatcher}s. Immutable. {@link #toString()} masks the access token and the encryption
 * key.
 */
public final class RecordedRequest {
  private final Operation operation;
  private final String method;
  private final String path;
  private final @Nullable String query;
  private final Map<String, List<String>> headers;
  private final @Nullable String basin;
  private final @Nullable String stream;
  private final String protocol;
  private final Instant receivedAt;
  private final byte[] body;
  private final long sequence;

  /**
   * Creates a record (the server does this; public for tests of matchers).
   *
   * @param operation the operation the request was routed to
   * @param method the HTTP method
   * @param path the path, without query
   * @param query the raw query, or null
   * @param headers lower-case names to values, in arrival order
   * @param basin the basin the request addressed, or null
   * @param stream the stream the request addressed, or null
   * @param protocol the HTTP protocol, such as {@code HTTP/1.1}
   * @param receivedAt when the server received it
   * @param body the body (kept up to the request log's limit)
   * @param sequence the request's position in the log
   */
  public RecordedRequest(
      Operation operation,
      String method,
      String path,
      @Nullable String query,
      Map<String, List<String>> headers,
      @Nullable String basin,
      @Nullable String stream,
      String protocol,
      Instant receivedAt,
      byte[] body,
      long sequence) {
    this.operation = operation;
    this.method = method;
    this.path = path;
    this.query = query;
    this.headers = Map.copyOf(headers);
    this.basin = basin;
    this.stream = stream;
    this.protocol = protocol;
    this.receivedAt = receivedAt;
    this.body = body.clone();
    this.sequence = sequence;
  }

  /**
   * The operation the request was routed to.
   *
   * @return the operation the request was routed to
   */
  public Operation operation() {
    return operation;
  }

  /**
   * The HTTP method.
   *
   * @return the HTTP method
   */
  public String method() {
    return method;
  }

  /**
   * The path as sent (percent-encoded), such as {@code /v1/streams/my%2Fstream/records}.
   *
   * @return the path as sent (percent-encoded), such as {@code /v1/streams/my%2Fstream/records}
   */
  public String path() {
    return path;
  }

  /**
   * The raw query string, if any.
   *
   * @return the raw query string, if any
   */
  public Optional<String> query() {
    return Optional.ofNullable(query);
  }

  /**
   * All headers, names in lower case.
   *
   * @return all headers, names in lower case
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * The first value of a header.
   *
   * @param name the header's name, in any case
   * @return its first value, or empty when the request had none
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The basin of a basin-scoped call ({@code s2-basin} header or the Host's first label), when
   * resolved.
   *
   * @return the basin of a basin-scoped call ({@code s2-basin} header or the Host's first label),
   *     when resolved
   */
  public Optional<String> basin() {
    return Optional.ofNullable(basin);
  }

  /**
   * The stream named in the path, when the operation has one.
   *
   * @return the stream named in the path, when the operation has one
   */
  public Optional<String> stream() {
    return Optional.ofNullable(stream);
  }

  /**
   * {@code HTTP/1.1} or {@code HTTP/2.0}.
   *
   * @return {@code HTTP/1.1} or {@code HTTP/2.0}
   */
  public String protocol() {
    return protocol;
  }

  /**
   * When the server received it, by the server's clock.
   *
   * @return when the server received it, by the server's clock
   */
  public Instant receivedAt() {
    return receivedAt;
  }

  /**
   * The request body (empty for none); bodies over 64 KiB are kept as their first 64 KiB.
   *
   * @return the request body (empty for none); bodies over 64 KiB are kept as their first 64 KiB
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body as UTF-8 text.
   *
   * @return the body as UTF-8 text
   */
  public String bodyUtf8() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * A read asking for an SSE session ({@code Accept: text/event-stream}).
   *
   * @return a read asking for an SSE session ({@code Accept: text/event-stream})
   */
  public boolean readSession() {
    return operation == Operation.READ
        && header("accept").map(a -> a.contains("text/event-stream")).orElse(false);
  }

  /**
   * An S2S session: an append ({@code POST …/records}) or a read ({@code GET …/records}) with
   * {@code Content-Type: s2s/proto}. Its {@link #body()} is empty: the frames are the session's.
   *
   * @return true for an S2S session
   */
  public boolean s2sSession() {
    return (operation == Operation.APPEND || operation == Operation.READ)
        && isS2sContentType(header("content-type").orElse(null));
  }

  /**
   * Whether a {@code Content-Type} value names S2S ({@code s2s/proto}, case-insensitive, parameters
   * allowed), as S2's server reads it.
   *
   * @param contentType the header value, or null
   * @return true for S2S
   */
  public static boolean isS2sContentType(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    String mime = contentType.split(",", 2)[0].split(";", 2)[0].trim();
    return mime.equalsIgnoreCase("s2s/proto");
  }

  /**
   * The 0-based order of arrival at this server.
   *
   * @return the 0-based order of arrival at this server
   */
  public long sequence() {
    return sequence;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(method).append(' ').append(path);
    if (query != null) {
      sb.append('?').append(query);
    }
    sb.append(" (").append(operation.operationId());
    if (basin != null) {
      sb.append(", basin ").append(basin);
    }
    sb.append(", headers {");
    boolean first = true;
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      String name = e.getKey();
      boolean secret = name.equals("authorization") || name.equals("s2-encryption-key");
      sb.append(name).append('=').append(secret ? "****" : String.join(",", e.getValue()));
    }
    return sb.append("})").toString();
  }
}
