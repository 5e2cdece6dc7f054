package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The client's own sockets have Nagle's algorithm off; a caller's OkHttp client keeps its socket
 * factory.
 */
class NoDelaySocketFactoryTest {
  @Test
  void everySocketTheFactoryMakesHasTcpNoDelay() throws Exception {
    NoDelaySocketFactory factory = new NoDelaySocketFactory();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    List<Socket> sockets = new ArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 10, loopback)) {
      int port = server.getLocalPort();
      sockets.add(factory.createSocket());
      sockets.add(factory.createSocket(loopback.getHostAddress(), port));
      sockets.add(factory.createSocket(loopback.getHostAddress(), port, loopback, 0));
      sockets.add(factory.createSocket(loopback, port));
      sockets.add(factory.createSocket(loopback, port, loopback, 0));
      assertThat(sockets).hasSize(5).allSatisfy(s -> assertThat(s.getTcpNoDelay()).isTrue());
      assertThat(sockets.subList(1, 5)).allSatisfy(s -> assertThat(s.getPort()).isEqualTo(port));
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  @Test
  void theClientsOwnHttpClientUsesItAndACallersIsLeftAlone() throws Exception {
    try (S2Client own =
        S2Client.builder().accessToken("t").baseUrl("http://127.0.0.1:9/v1").build()) {
      assertThat(http(own).socketFactory()).isInstanceOf(NoDelaySocketFactory.class);
    }
    OkHttpClient callers = new OkHttpClient();
    try (S2Client given =
        S2Client.builder()
            .accessToken("t")
            .baseUrl("http://127.0.0.1:9/v1")
            .okHttpClient(callers)
            .build()) {
      assertThat(http(given).socketFactory())
          .isSameAs(callers.socketFactory())
          .isSameAs(SocketFactory.getDefault());
    }
  }

  private static OkHttpClient http(S2Client client) throws ReflectiveOperationException {
    Field field = S2Client.class.getDeclaredField("http");
    field.setAccessible(true);
    return (OkHttpClient) field.get(client);
  }
}
