package dev.s2.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 server on loopback that answers every request with the bytes of one {@link
 * HostileResponse}: malformed status lines, lying lengths, broken chunks, endless bodies,
 * connections cut or reset midway. Far lighter than WireMock, which cannot send most of these, so
 * that the fuzz suite can afford thousands of cases. Each connection answers one request, then
 * closes.
 */
final class HostileServer implements AutoCloseable {
  private final ServerSocket socket;
  private final ExecutorService connections =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "hostile-server");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicLong requests = new AtomicLong();
  private volatile HostileResponse response;

  HostileServer() {
    try {
      socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "hostile-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The base URL a client uses: loopback, port and the spec's base path. */
  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
  }

  /** Answers every request from now on with {@code next}. */
  void serve(HostileResponse next) {
    response = next;
  }

  /** Requests received so far. */
  long requests() {
    return requests.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        return; // closed
      }
      connections.execute(() -> answer(client));
    }
  }

  private void answer(Socket client) {
    try (client) {
      readHead(new java.io.BufferedInputStream(client.getInputStream()));
      requests.incrementAndGet();
      HostileResponse current = response;
      if (current != null) {
        OutputStream out = client.getOutputStream();
        current.writeTo(client, out);
        out.flush();
      }
    } catch (IOException e) {
      // the client hung up, as it should on most hostile answers
    }
  }

  private static void readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    int b;
    while (last4 != 0x0d0a0d0a && (b = in.read()) >= 0) {
      head.write(b);
      last4 = (last4 << 8) | b;
    }
    if (head.size() == 0) {
      throw new IOException("no request: " + head.toString(StandardCharsets.ISO_8859_1));
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    connections.shutdownNow();
  }
}
