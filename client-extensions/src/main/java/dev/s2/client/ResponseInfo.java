package dev.s2.client;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP response the client received: which request and attempt it answered, its status, its
 * headers and how long the attempt took. Given to a {@link ResponseListener} for every attempt,
 * failed ones included. Header values are masked like every other text the client shows (no access
 * token, issued token or encryption key appears in them). Immutable.
 */
public final class ResponseInfo {
  /**
   * The headers a service or a proxy uses to identify a request, in the order they are looked for.
   */
  static final List<String> REQUEST_ID_HEADERS =
      List.of("x-request-id", "request-id", "x-amzn-requestid", "cf-ray");

  private final String request;
  private final int attempt;
  private final int status;
  private final Map<String, List<String>> headers;
  private final Duration elapsed;

  ResponseInfo(
      String request,
      int attempt,
      int status,
      Map<String, List<String>> headers,
      Duration elapsed) {
    this.request = request;
    this.attempt = attempt;
    this.status = status;
    TreeMap<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> sorted.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    this.headers = Collections.unmodifiableMap(sorted);
    this.elapsed = elapsed;
  }

  /**
   * The request's method and path, such as {@code GET /v1/basins}.
   *
   * @return the request
   */
  public String request() {
    return request;
  }

  /**
   * Which attempt of the call this response answered, from 1.
   *
   * @return the attempt's number
   */
  public int attempt() {
    return attempt;
  }

  /**
   * The HTTP status.
   *
   * @return the status code
   */
  public int status() {
    return status;
  }

  /**
   * The response's headers, by lower-case name, values masked.
   *
   * @return an unmodifiable map whose lookups ignore case
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * The first value of a header.
   *
   * @param name the header's name, in any case
   * @return its value, or empty when the response has none
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The identifier of the request, when the service or a proxy on the way sent one ({@code
   * x-request-id}, {@code request-id}, {@code x-amzn-requestid}, {@code cf-ray}): what to quote to
   * support.
   *
   * @return the identifier, or empty
   */
  public Optional<String> requestId() {
    for (String name : REQUEST_ID_HEADERS) {
      Optional<String> id = header(name);
      if (id.isPresent()) {
        return id;
      }
    }
    return Optional.empty();
  }

  /**
   * How long the attempt took, from its start to the response's headers.
   *
   * @return the elapsed time
   */
  public Duration elapsed() {
    return elapsed;
  }

  @Override
  public String toString() {
    return "ResponseInfo{"
        + request
        + ", attempt "
        + attempt
        + ", status "
        + status
        + ", "
        + elapsed.toMillis()
        + " ms"
        + requestId().map(id -> ", request id " + id).orElse("")
        + '}';
  }
}
