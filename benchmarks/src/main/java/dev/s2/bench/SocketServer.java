package dev.s2.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the loopback servers share: a server socket on 127.0.0.1 and a free port, and one daemon
 * thread per accepted connection ({@code TCP_NODELAY} set) running {@link #serve}. Closing it
 * closes every connection.
 */
abstract class SocketServer implements AutoCloseable {
  private final ServerSocket server;
  private final String name;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();

  SocketServer(String name) {
    this.name = name;
    try {
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts accepting connections (once the subclass is fully built); returns this server. */
  final <T extends SocketServer> T startAccepting(Class<T> type) {
    Thread acceptor = new Thread(this::accept, name + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return type.cast(this);
  }

  /** Serves one connection until it ends; exceptions end the connection. */
  abstract void serve(Socket socket) throws IOException, InterruptedException;

  /**
   * The endpoint (account and basin, direct form) to give a client: {@code
   * http://127.0.0.1:<port>/v1}.
   */
  final String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
  }

  final int port() {
    return server.getLocalPort();
  }

  /**
   * How many connections the server has accepted: a client that reuses its connection opens one.
   */
  final int acceptedConnections() {
    return accepted.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        connections.add(socket);
        accepted.incrementAndGet();
        Thread t = new Thread(() -> run(socket), name + "-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void run(Socket socket) {
    try (socket) {
      serve(socket);
    } catch (IOException | RuntimeException e) {
      // the client went away (a read session cancelled at its bound, a closed client)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      connections.remove(socket);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : connections) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
