package dev.s2.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * The plain sockets of the client's own OkHttp client, with {@code TCP_NODELAY} set (Nagle's
 * algorithm off). OkHttp leaves Nagle's algorithm on; a request whose last segment is partial (an
 * append's body) then waits for the server's delayed ACK of the previous segment, about 40 ms on
 * Linux, before that segment leaves. BENCHMARKS.md measured it: a producer's throughput and latency
 * over unary appends were bounded by those waits. TLS sockets are layered on these, so https
 * connections get the setting too. A caller's own {@code OkHttpClient} is left alone.
 */
final class NoDelaySocketFactory extends SocketFactory {
  private final SocketFactory sockets = SocketFactory.getDefault();

  private static Socket noDelay(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }

  @Override
  public Socket createSocket() throws IOException {
    return noDelay(sockets.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(sockets.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return noDelay(sockets.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(sockets.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return noDelay(sockets.createSocket(address, port, localAddress, localPort));
  }
}
