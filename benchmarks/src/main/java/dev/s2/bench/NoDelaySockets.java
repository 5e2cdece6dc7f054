package dev.s2.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import okhttp3.OkHttpClient;

/**
 * Plain sockets with {@code TCP_NODELAY} set, for an {@link OkHttpClient} given to the SDK
 * ({@code S2Client.Builder.okHttpClient}): the client change BENCHMARKS.md recommends, measured through the
 * SDK's public API. OkHttp leaves Nagle's algorithm on; an append's last partial segment then waits for the
 * server's delayed ACK (about 40 ms on Linux). Node's fetch (undici) sets {@code TCP_NODELAY} on every socket.
 */
final class NoDelaySockets extends SocketFactory {
  private final SocketFactory sockets = SocketFactory.getDefault();

  /** An OkHttp client on these sockets. */
  static OkHttpClient client() {
    return new OkHttpClient.Builder().socketFactory(new NoDelaySockets()).build();
  }

  private static Socket noDelay(Socket s) throws IOException {
    s.setTcpNoDelay(true);
    return s;
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
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
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
