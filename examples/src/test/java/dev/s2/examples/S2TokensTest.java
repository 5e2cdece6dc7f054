package dev.s2.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The main job's program, end to end: against the embedded mock, an unreachable endpoint, a refusing server. */
class S2TokensTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return S2Tokens.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void listsTheEmbeddedMockWhenNoTokenIsSet() {
    int status = run(Map.of());

    assertThat(status).isZero();
    String[] lines = out().split("\n");
    assertThat(lines[0]).startsWith("S2_ACCESS_TOKEN is not set: using the embedded S2 mock at http://127.0.0.1:");
    assertThat(lines[1]).startsWith("ID").contains("EXPIRES").contains("SCOPE");
    int rows = lines.length - 4; // note, header, rule, total
    assertThat(rows).isGreaterThan(1);
    assertThat(lines[lines.length - 1]).isEqualTo(rows + " access tokens");
    assertThat(err()).isEmpty();
  }

  @Test
  void issuesAndRevokesAgainstTheEmbeddedMock() {
    assertThat(run(Map.of(), "issue", "example-token")).isZero();
    assertThat(out()).contains("issued example-token (read-only, expires in 7 days); its secret, shown once:");
    assertThat(run(Map.of(), "revoke", "example-token")).isZero();
    assertThat(out()).contains("revoked example-token");
  }

  @Test
  void anUnreachableEndpointExitsWithTwoAndOneLine() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    int status = run(Map.of("S2_ACCESS_TOKEN", "tok", "S2_ACCOUNT_ENDPOINT", "http://127.0.0.1:" + port));

    assertThat(status).isEqualTo(S2Tokens.UNREACHABLE);
    assertThat(err()).startsWith("error: cannot reach http://127.0.0.1:" + port + "/v1/: ")
        .doesNotContain("tok\n").endsWith("\n");
    assertThat(err().strip()).doesNotContain("\n");
  }

  @Test
  void aRefusedTokenExitsWithThreeAndOneLine() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "{\"code\":\"authn\",\"message\":\"invalid token\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      int status = run(Map.of("S2_ACCESS_TOKEN", "secret-tok-123",
          "S2_ACCOUNT_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort()));

      assertThat(status).isEqualTo(S2Tokens.REFUSED);
      assertThat(err()).isEqualTo("error: the access token was refused: "
          + "GET /v1/access-tokens failed: 401 authn: invalid token\n");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aBadCommandLineExitsWith64() {
    assertThat(run(Map.of(), "frobnicate")).isEqualTo(S2Tokens.USAGE);
    assertThat(err()).isEqualTo(S2Tokens.USAGE_LINE + "\n");
  }
}
