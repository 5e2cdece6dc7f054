package dev.s2.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An endpoint that speaks only HTTP/1.1, in front of another server: a TCP relay on loopback that answers a
 * connection opening with the HTTP/2 preface ({@code PRI * HTTP/2.0}) as an HTTP/1.1-only server does
 * ({@code 505 HTTP Version Not Supported}, then close), and relays every other connection byte for byte, both ways,
 * as it flows (so SSE sessions stream through it).
 */
final class Http1OnlyProxy implements AutoCloseable {
  private static final byte[] PREFACE_START = "PRI * HTTP/2.0".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket socket;
  private final int upstreamPort;
  private final AtomicInteger refusedPrefaces = new AtomicInteger();
  private final AtomicInteger relayed = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  Http1OnlyProxy(int upstreamPort) {
    this.upstreamPort = upstreamPort;
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "http1-only-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The proxy's base URL for the S2 API: {@code http://127.0.0.1:<port>/v1}. */
  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
  }

  /** Connections that opened with the HTTP/2 preface and were refused. */
  int refusedPrefaces() {
    return refusedPrefaces.get();
  }

  /** Connections relayed to the upstream server. */
  int relayed() {
    return relayed.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        return;
      }
      open.add(client);
      Thread t = new Thread(() -> serve(client), "http1-only-proxy connection");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket client) {
    try {
      InputStream in = client.getInputStream();
      byte[] start = in.readNBytes(PREFACE_START.length);
      if (Arrays.equals(start, PREFACE_START)) {
        refusedPrefaces.incrementAndGet();
        OutputStream out = client.getOutputStream();
        out.write(("HTTP/1.1 505 HTTP Version Not Supported\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        client.close();
        return;
      }
      Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
      open.add(upstream);
      relayed.incrementAndGet();
      upstream.getOutputStream().write(start);
      Thread back = new Thread(() -> pipe(upstream, client), "http1-only-proxy back");
      back.setDaemon(true);
      back.start();
      pipe(client, upstream);
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  private static void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side went away: close both
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
    for (Socket s : open) {
      closeQuietly(s);
    }
  }
}
