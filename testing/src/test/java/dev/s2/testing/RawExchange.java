package dev.s2.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 exchange over a plain socket, to see exactly what crossed the wire: the status, the
 * de-chunked body bytes received, and whether the final chunk arrived (a cut connection never sends
 * it).
 */
final class RawExchange {
  private final int status;
  private final String body;
  private final boolean complete;

  private RawExchange(int status, String body, boolean complete) {
    this.status = status;
    this.body = body;
    this.complete = complete;
  }

  static RawExchange get(EmbeddedS2 s2, String basin, String path, String... headers)
      throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), s2.port())) {
      socket.setSoTimeout(10_000);
      StringBuilder request =
          new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n")
              .append("Authorization: Bearer ")
              .append(s2.accessToken())
              .append("\r\n")
              .append("s2-basin: ")
              .append(basin)
              .append("\r\n");
      for (String h : headers) {
        request.append(h).append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) != -1) {
          all.write(buf, 0, n);
          if (all.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
            break; // the last chunk: the answer is complete (the connection stays open)
          }
        }
      } catch (IOException reset) {
        // a cut may end in a reset: keep what arrived
      }
      return parse(all.toByteArray());
    }
  }

  private static RawExchange parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int headerEnd = text.indexOf("\r\n\r\n");
    int status = Integer.parseInt(text.substring(9, 12));
    String head = text.substring(0, headerEnd).toLowerCase(java.util.Locale.ROOT);
    int pos = headerEnd + 4;
    if (!head.contains("transfer-encoding: chunked")) {
      return new RawExchange(status, utf8(text.substring(pos)), true);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean complete = false;
    while (pos < text.length()) {
      int lineEnd = text.indexOf("\r\n", pos);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(text.substring(pos, lineEnd).trim(), 16);
      pos = lineEnd + 2;
      if (size == 0) {
        complete = true;
        break;
      }
      int end = Math.min(pos + size, text.length());
      body.write(raw, pos, end - pos);
      pos = end + 2;
    }
    return new RawExchange(status, body.toString(StandardCharsets.UTF_8), complete);
  }

  private static String utf8(String latin1) {
    return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  int status() {
    return status;
  }

  String body() {
    return body;
  }

  /** Whether the last (zero) chunk arrived: the answer ended normally. */
  boolean complete() {
    return complete;
  }
}
