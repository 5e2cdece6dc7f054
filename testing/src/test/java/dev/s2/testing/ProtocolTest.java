package dev.s2.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** HTTP/2 cleartext, start and stop, and the main method. */
class ProtocolTest {
  private static OkHttpClient h2c() {
    return new OkHttpClient.Builder()
        .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
        .readTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static void shutdown(OkHttpClient client) {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  @Test
  void h2cWithPriorKnowledgeServesTheApi() throws Exception {
    OkHttpClient client = h2c();
    try (EmbeddedS2 s2 = EmbeddedS2.builder().basins("h2c-basin-1").start()) {
      Request append =
          new Request.Builder()
              .url(s2.basinEndpoint() + "/streams/s/records")
              .header("authorization", "Bearer t")
              .header("s2-basin", "h2c-basin-1")
              .post(
                  RequestBody.create(
                      "{\"records\":[{\"body\":\"over h2\"}]}", MediaType.get("application/json")))
              .build();
      s2.createStream("h2c-basin-1", "s");
      try (Response r = client.newCall(append).execute()) {
        assertThat(r.protocol()).isEqualTo(Protocol.H2_PRIOR_KNOWLEDGE);
        assertThat(r.code()).isEqualTo(200);
      }
      assertThat(s2.requests()).last().extracting(RecordedRequest::protocol).isEqualTo("HTTP/2.0");

      Request session =
          new Request.Builder()
              .url(s2.basinEndpoint() + "/streams/s/records?seq_num=0&count=1")
              .header("authorization", "Bearer t")
              .header("s2-basin", "h2c-basin-1")
              .header("accept", "text/event-stream")
              .build();
      try (Response r = client.newCall(session).execute()) {
        assertThat(r.protocol()).isEqualTo(Protocol.H2_PRIOR_KNOWLEDGE);
        assertThat(r.header("content-type")).isEqualTo("text/event-stream");
        String body = r.body().string();
        assertThat(body)
            .startsWith("event: batch\nid: 0,1,15\ndata: {\"records\":[{\"seq_num\":0,")
            .endsWith("\"body\":\"over h2\"}]}\n\ndata: [DONE]\n\n");
      }

      // A cut on HTTP/2 resets the stream: the client fails to read the body.
      s2.faults().cutReadSessions(RequestMatcher.readSessions(), SseCut.afterBytes(20));
      try (Response r = client.newCall(session).execute()) {
        assertThatThrownBy(() -> r.body().string()).isInstanceOf(java.io.IOException.class);
      }
    } finally {
      shutdown(client);
    }
  }

  @Test
  void startsQuicklyOnAFreePortAndStopsForGood() {
    EmbeddedS2 s2 = EmbeddedS2.start();
    int port = s2.port();
    assertThat(port).isPositive();
    assertThat(s2.accountEndpoint().toString()).isEqualTo("http://127.0.0.1:" + port + "/v1");
    assertThat(s2.basinEndpoint()).isEqualTo(s2.accountEndpoint());
    assertThat(new TestHttp(s2).get("/basins").status()).isEqualTo(200);

    try (EmbeddedS2 second = EmbeddedS2.start()) {
      assertThat(second.port()).isNotEqualTo(port);
    }
    s2.close();
    assertThatThrownBy(
            () ->
                TestHttp.CLIENT.send(
                    java.net.http.HttpRequest.newBuilder(s2.accountEndpoint().resolve("/v1/basins"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
    s2.close(); // idempotent
  }

  @Test
  void closingCutsOpenSessions() {
    EmbeddedS2 s2 = EmbeddedS2.builder().basins("closing-basin").start();
    s2.createStream("closing-basin", "s");
    TestHttp http = new TestHttp(s2).basin("closing-basin");
    try (SseReader sse = SseReader.open(http, "/streams/s/records?seq_num=0")) {
      assertThat(sse.next().name()).isEqualTo("ping");
      s2.close();
      assertThat(sse.nextItem(Duration.ofSeconds(10))).isNotInstanceOf(SseReader.Event.class);
    }
  }

  @Test
  void builderSettingsAreChecked() {
    assertThatThrownBy(() -> EmbeddedS2.builder().port(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be in 0..65535, got 70000");
    assertThatThrownBy(() -> EmbeddedS2.builder().pingInterval(Duration.ZERO))
        .hasMessage("pingInterval must be positive, got PT0S");
    assertThatThrownBy(() -> EmbeddedS2.builder().basins("Bad").start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid basin name `Bad`: basin name should be at least 8 bytes in length");
    assertThatThrownBy(() -> EmbeddedS2.builder().accessTokens(" "))
        .hasMessage("access tokens must not be blank");
    try (EmbeddedS2 s2 = EmbeddedS2.start()) {
      assertThatThrownBy(() -> EmbeddedS2.builder().port(s2.port()).start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("the embedded S2 could not start on port " + s2.port());
      assertThatThrownBy(() -> s2.records("no-such-basin", "s"))
          .hasMessage("no stream `s` in basin `no-such-basin`");
    }
  }

  @Test
  void mainPrintsTheEndpointsAndServesUntilStopped() throws Exception {
    Path javaBin = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                javaBin.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedS2.class.getName(),
                "--basin",
                "main-basin-1",
                "--token",
                "secret-1")
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String account = out.readLine();
      String basin = out.readLine();
      String token = out.readLine();
      assertThat(out.readLine()).isEqualTo("READY");
      assertThat(account).matches("S2_ACCOUNT_ENDPOINT=http://127\\.0\\.0\\.1:[0-9]+/v1");
      assertThat(basin).isEqualTo(account.replace("ACCOUNT", "BASIN"));
      assertThat(token).isEqualTo("S2_ACCESS_TOKEN=secret-1");
      String endpoint = account.substring(account.indexOf('=') + 1);
      java.net.http.HttpResponse<String> r =
          TestHttp.CLIENT.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(endpoint + "/basins"))
                  .header("authorization", "Bearer secret-1")
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"name\":\"main-basin-1\"");
    } finally {
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }
}
