package dev.s2.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The cheapest appender to {@link RecordServer}: one keep-alive socket, full batches (1000 records
 * or 1 MiB) of JSON built once, sent one after the other without {@code match_seq_num}, each answer
 * read and its status checked. What it reaches is what the server and loopback can take, which
 * shows that the server is not what the append benchmarks measure.
 */
final class RawAppendClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] request;
  private final int recordsPerBatch;
  private final byte[][] body = {new byte[4096]};

  RawAppendClient(int port, String stream, int bodyBytes) throws IOException {
    this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.out = socket.getOutputStream();
    this.recordsPerBatch = SseFeed.recordsPerBatch(bodyBytes);
    byte[][] bodies = RecordBodies.bodies(bodyBytes, recordsPerBatch);
    StringBuilder json = new StringBuilder("{\"records\":[");
    for (int i = 0; i < recordsPerBatch; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"body\":\"")
          .append(Base64.getEncoder().encodeToString(bodies[i]))
          .append("\"}");
    }
    byte[] batch = json.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    byte[] head =
        ("POST /v1/streams/"
                + stream
                + "/records HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\ns2-format: base64\r\nContent-Length: "
                + batch.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    this.request = new byte[head.length + batch.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(batch, 0, request, head.length, batch.length);
  }

  /**
   * Appends at least {@code count} records in full batches, one batch at a time; returns the
   * records appended.
   */
  long append(long count) throws IOException {
    long appended = 0;
    while (appended < count) {
      out.write(request);
      out.flush();
      String status = HttpHead.readLine(in);
      if (status == null || !status.startsWith("HTTP/1.1 200")) {
        throw new IOException("append answered " + status);
      }
      int length = -1;
      String line;
      while ((line = HttpHead.readLine(in)) != null && !line.isEmpty()) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring("content-length:".length()).trim());
        }
      }
      if (length < 0 || in.readNBytes(ensure(length), 0, length) != length) {
        throw new IOException("an append's answer without a whole body");
      }
      appended += recordsPerBatch;
    }
    return appended;
  }

  private byte[] ensure(int length) {
    if (body[0].length < length) {
      body[0] = new byte[length];
    }
    return body[0];
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
