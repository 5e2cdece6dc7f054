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

/**
 * The main job's program, end to end: against the embedded S2, an unreachable endpoint, a refusing
 * server.
 */
class S2CliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return S2Cli.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theTourListsBasinsStreamsAndTokensOfTheEmbeddedS2WhenNoTokenIsSet() {
    int status = run(Map.of());

    assertThat(status).isZero();
    assertThat(err()).isEmpty();
    String[] lines = out().split("\n");
    assertThat(lines[0])
        .startsWith("S2_ACCESS_TOKEN is not set: using an embedded S2 at http://127.0.0.1:");
    assertThat(lines[1]).startsWith("BASIN").contains("CREATED");
    assertThat(lines[2]).startsWith("demo-basin ");
    assertThat(lines[3]).isEqualTo("1 basin");
    assertThat(lines[5]).startsWith("STREAM (demo-basin)");
    assertThat(lines[6]).startsWith("audit ");
    assertThat(lines[7]).startsWith("events ");
    assertThat(lines[8]).isEqualTo("2 streams");
    assertThat(lines[10]).startsWith("ID").contains("EXPIRES").contains("SCOPE");
    assertThat(lines[12])
        .startsWith("demo-reader ")
        .contains("basins=demo-* streams=* groups=stream:r");
    assertThat(lines[13]).startsWith("demo-writer ").contains("groups=stream:rw");
    assertThat(lines[lines.length - 1]).isEqualTo("2 access tokens");
  }

  @Test
  void listsTheStreamsOfABasinAndTheTokensByPrefix() {
    assertThat(run(Map.of(), "streams", "demo-basin", "ev")).isZero();
    assertThat(out()).contains("events ").contains("1 stream\n").doesNotContain("audit");
    assertThat(run(Map.of(), "tokens", "demo-w")).isZero();
    assertThat(out()).contains("demo-writer").contains("1 access token\n");
  }

  @Test
  void appendsReadsAndTails() {
    assertThat(run(Map.of(), "append", "demo-basin", "events", "one", "two")).isZero();
    assertThat(out()).contains("appended 2 records: seq nums 3..4, tail 5");
    out.reset();
    assertThat(run(Map.of(), "read", "demo-basin", "events", "--from", "1")).isZero();
    assertThat(out().split("\n")).containsSubsequence("1  signed up: grace", "2  order: 42");
    out.reset();
    assertThat(run(Map.of(), "tail", "demo-basin", "events")).isZero();
    assertThat(out()).contains("tail of demo-basin/events: next seq num 3, last timestamp ");
  }

  @Test
  void issuesAndRevokesAgainstTheEmbeddedS2() {
    assertThat(run(Map.of(), "issue", "example-token")).isZero();
    assertThat(out())
        .contains("issued example-token (read-only, expires in 7 days); its secret, shown once:");
    assertThat(run(Map.of(), "revoke", "demo-reader")).isZero();
    assertThat(out()).contains("revoked demo-reader");
  }

  @Test
  void anS2ErrorExitsWithOneAndOneLine() {
    assertThat(run(Map.of(), "tail", "demo-basin", "no-such-stream")).isEqualTo(S2Cli.FAILED);
    assertThat(err())
        .startsWith(
            "error: GET /v1/streams/no-such-stream/records/tail failed: 404 stream_not_found");
    assertThat(err().strip()).doesNotContain("\n");
  }

  @Test
  void anUnreachableEndpointExitsWithTwoAndOneLine() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    int status =
        run(Map.of("S2_ACCESS_TOKEN", "tok", "S2_ACCOUNT_ENDPOINT", "http://127.0.0.1:" + port));

    assertThat(status).isEqualTo(S2Cli.UNREACHABLE);
    assertThat(err())
        .startsWith("error: cannot reach http://127.0.0.1:" + port + "/v1/: ")
        .doesNotContain("tok\n")
        .endsWith("\n");
    assertThat(err().strip()).doesNotContain("\n");
  }

  @Test
  void aRefusedTokenExitsWithThreeAndOneLine() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              "{\"code\":\"authn\",\"message\":\"invalid token\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(401, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      int status =
          run(
              Map.of(
                  "S2_ACCESS_TOKEN",
                  "secret-tok-123",
                  "S2_ACCOUNT_ENDPOINT",
                  "http://127.0.0.1:" + server.getAddress().getPort()));

      assertThat(status).isEqualTo(S2Cli.REFUSED);
      assertThat(err())
          .isEqualTo(
              "error: the access token was refused: "
                  + "GET /v1/basins failed: 401 authn: invalid token\n");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aBadCommandLineExitsWith64() {
    assertThat(run(Map.of(), "frobnicate")).isEqualTo(S2Cli.USAGE);
    assertThat(run(Map.of(), "read", "demo-basin")).isEqualTo(S2Cli.USAGE);
    assertThat(run(Map.of(), "read", "demo-basin", "events", "--from", "-1"))
        .isEqualTo(S2Cli.USAGE);
    assertThat(err()).isEqualTo((S2Cli.USAGE_LINE + "\n").repeat(3));
  }
}
