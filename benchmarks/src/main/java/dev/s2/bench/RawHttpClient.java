package dev.s2.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The cheapest possible client of {@link LoopbackServer}: one keep-alive socket, a fixed request,
 * the response read into a reused buffer and not parsed beyond {@code Content-Length}. Its
 * throughput is what the server and loopback can deliver, which shows that the server is not what
 * the other benchmarks measure.
 */
final class RawHttpClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] request;
  private final byte[] buffer = new byte[1 << 20];

  RawHttpClient(int port, String target) throws IOException {
    this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.request =
        ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer bench\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
  }

  /** Sends the request and reads the whole response; returns the body's length. */
  int get() throws IOException {
    out.write(request);
    out.flush();
    int read = 0;
    int headEnd = -1;
    while (headEnd < 0) {
      int n = in.read(buffer, read, buffer.length - read);
      if (n < 0) {
        throw new IOException("connection closed in the response head");
      }
      read += n;
      headEnd = indexOfBlankLine(read);
    }
    int length = contentLength(headEnd);
    int total = headEnd + length;
    while (read < total) {
      int n = in.read(buffer, read, Math.min(buffer.length, total) - read);
      if (n < 0) {
        throw new IOException("connection closed in the response body");
      }
      read += n;
    }
    return length;
  }

  /** The index just after the head's blank line, or -1. */
  private int indexOfBlankLine(int limit) {
    for (int i = 3; i < limit; i++) {
      if (buffer[i] == '\n'
          && buffer[i - 1] == '\r'
          && buffer[i - 2] == '\n'
          && buffer[i - 3] == '\r') {
        return i + 1;
      }
    }
    return -1;
  }

  private int contentLength(int headEnd) throws IOException {
    String head =
        new String(buffer, 0, headEnd, StandardCharsets.US_ASCII)
            .toLowerCase(java.util.Locale.ROOT);
    int i = head.indexOf("content-length:");
    if (i < 0) {
      throw new IOException("no Content-Length");
    }
    int end = head.indexOf('\r', i);
    return Integer.parseInt(head.substring(i + "content-length:".length(), end).trim());
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
