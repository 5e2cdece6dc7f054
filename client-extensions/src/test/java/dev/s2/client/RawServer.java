package dev.s2.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP server on loopback that writes whatever bytes a test scripts, malformed or endless: a bad
 * status line, a bad chunk-size line, a body cut midway, a body that never ends. Each connection
 * answers one request with the next script (the last one for ever), then closes. It counts the
 * bytes it managed to write.
 */
final class RawServer implements AutoCloseable {
  /** Writes one response. */
  interface Script {
    void respond(OutputStream out) throws IOException;
  }

  private final ServerSocket socket;
  private final List<Script> scripts;
  private final AtomicLong written = new AtomicLong();
  private final AtomicInteger connections = new AtomicInteger();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  RawServer(Script... scripts) {
    this.scripts = List.of(scripts);
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "raw-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A status line, headers and a body, as one response. */
  static Script text(String response) {
    return out -> out.write(response.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes {@code head}, then {@code first}, then {@code chunk} again and again up to {@code cap}
   * bytes; with {@code chunked}, each piece is framed as an HTTP/1.1 chunk.
   */
  static Script endless(String head, String first, String chunk, boolean chunked, long cap) {
    byte[] opening = frame(first, chunked);
    byte[] framed = frame(chunk, chunked);
    return out -> {
      out.write(head.getBytes(StandardCharsets.UTF_8));
      out.write(opening);
      for (long sent = 0; sent < cap; sent += framed.length) {
        out.write(framed);
      }
    };
  }

  private static byte[] frame(String data, boolean chunked) {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    if (!chunked || bytes.length == 0) {
      return bytes;
    }
    return (Integer.toHexString(bytes.length) + "\r\n" + data + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
  }

  /** Bytes written to clients so far, over all connections. */
  long bytesWritten() {
    return written.get();
  }

  /** The request lines received, in order. */
  List<String> requests() {
    return requests;
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        int index = connections.getAndIncrement();
        Thread handler = new Thread(() -> serve(client, index), "raw-server-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client, int index) {
    try (client) {
      requests.add(readHead(client.getInputStream()));
      Script script = scripts.get(Math.min(index, scripts.size() - 1));
      OutputStream counting =
          new OutputStream() {
            final OutputStream out = client.getOutputStream();

            @Override
            public void write(int b) throws IOException {
              out.write(b);
              written.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              out.write(b, off, len);
              written.addAndGet(len);
            }
          };
      script.respond(counting);
      counting.flush();
    } catch (IOException e) {
      // the client went away: that is what most scripts are about
    }
  }

  /** The request line; reads the head up to its blank line. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    int b;
    while (last4 != 0x0d0a0d0a && (b = in.read()) >= 0) {
      head.write(b);
      last4 = (last4 << 8) | b;
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n");
    return end < 0 ? text : text.substring(0, end);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
