package dev.s2.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The cheapest client of {@link RecordServer}'s read sessions: one keep-alive socket, the request
 * written as fixed bytes, the chunked body read into a reused buffer and not parsed beyond its
 * chunk sizes. What it reaches is what the server and loopback can deliver, which shows that the
 * server is not what the read benchmarks measure.
 */
final class RawSseClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] buffer = new byte[1 << 20];

  RawSseClient(int port) throws IOException {
    this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.out = socket.getOutputStream();
  }

  /**
   * Reads a session of {@code count} records from {@code start}; returns the body's length in
   * bytes.
   */
  long read(String stream, long start, long count) throws IOException {
    out.write(
        ("GET /v1/streams/"
                + stream
                + "/records?seq_num="
                + start
                + "&count="
                + count
                + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAccept: text/event-stream\r\ns2-format: base64\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String status = HttpHead.readLine(in);
    if (status == null || !status.startsWith("HTTP/1.1 200")) {
      throw new IOException("unexpected answer: " + status);
    }
    String line;
    do {
      line = HttpHead.readLine(in);
      if (line == null) {
        throw new IOException("connection closed in the response head");
      }
    } while (!line.isEmpty());
    long total = 0;
    while (true) {
      String sizeLine = HttpHead.readLine(in);
      if (sizeLine == null) {
        throw new IOException("connection closed in the body");
      }
      int size = Integer.parseInt(sizeLine, 16);
      if (size == 0) {
        HttpHead.readLine(in); // the blank line after the last chunk
        return total;
      }
      int left = size + 2; // the chunk and its CRLF
      while (left > 0) {
        int n = in.read(buffer, 0, Math.min(left, buffer.length));
        if (n < 0) {
          throw new IOException("connection closed in a chunk");
        }
        left -= n;
      }
      total += size;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
