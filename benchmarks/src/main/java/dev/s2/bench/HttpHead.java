package dev.s2.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The head of one HTTP/1.1 request as the loopback servers read it: method, target (path and query)
 * and headers (names in lower case). Bodies are read by the caller, by {@code Content-Length} or
 * chunked.
 */
final class HttpHead {
  final String method;
  final String path;
  final String query;
  final Map<String, String> headers;

  private HttpHead(String method, String target, Map<String, String> headers) {
    this.method = method;
    int q = target.indexOf('?');
    this.path = q < 0 ? target : target.substring(0, q);
    this.query = q < 0 ? "" : target.substring(q + 1);
    this.headers = headers;
  }

  /** Reads one request head; null at the end of the connection. */
  static @Nullable HttpHead read(InputStream in) throws IOException {
    String requestLine = readLine(in);
    if (requestLine == null) {
      return null;
    }
    Map<String, String> headers = new HashMap<>();
    String line;
    while (true) {
      line = readLine(in);
      if (line == null) {
        return null;
      }
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    int a = requestLine.indexOf(' ');
    int b = requestLine.indexOf(' ', a + 1);
    return new HttpHead(requestLine.substring(0, a), requestLine.substring(a + 1, b), headers);
  }

  /** The target of the request, {@code path?query}. */
  String target() {
    return query.isEmpty() ? path : path + "?" + query;
  }

  /** A query parameter, decoded; null when absent. */
  @Nullable String param(String name) {
    return param(query, name);
  }

  /** A parameter of a query string ({@code a=1&b=2}), decoded; null when absent. */
  static @Nullable String param(@Nullable String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  @Nullable String header(String name) {
    return headers.get(name);
  }

  /**
   * Reads the body (by {@code Content-Length}, or chunked) into {@code buffer}, grown as needed;
   * its length.
   */
  int readBody(InputStream in, byte[][] buffer) throws IOException {
    String length = header("content-length");
    if (length != null) {
      int n = Integer.parseInt(length);
      readFully(in, ensure(buffer, n), 0, n);
      return n;
    }
    if (!"chunked".equalsIgnoreCase(header("transfer-encoding"))) {
      return 0;
    }
    int total = 0;
    while (true) {
      String sizeLine = readLine(in);
      if (sizeLine == null) {
        throw new IOException("connection closed in a chunked body");
      }
      int semicolon = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        while (true) { // trailers, then the blank line
          String trailer = readLine(in);
          if (trailer == null || trailer.isEmpty()) {
            return total;
          }
        }
      }
      readFully(in, ensure(buffer, total + size), total, size);
      total += size;
      readLine(in); // the CRLF after the chunk
    }
  }

  private static byte[] ensure(byte[][] buffer, int size) {
    if (buffer[0].length < size) {
      buffer[0] = java.util.Arrays.copyOf(buffer[0], Math.max(size, buffer[0].length * 2));
    }
    return buffer[0];
  }

  private static void readFully(InputStream in, byte[] into, int offset, int length)
      throws IOException {
    int read = 0;
    while (read < length) {
      int n = in.read(into, offset + read, length - read);
      if (n < 0) {
        throw new IOException("connection closed in a request body");
      }
      read += n;
    }
  }

  static @Nullable String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder(128);
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        return null;
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}
