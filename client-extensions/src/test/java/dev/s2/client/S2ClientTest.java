package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s2.model.AccessTokenInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;
import okio.Buffer;
import okio.GzipSink;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class S2ClientTest {
  private final TestServer server = new TestServer();

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void sendsItsIdentityAndAcceptsGzip() throws Exception {
    Buffer gzipped = new Buffer();
    try (var sink = Okio.buffer(new GzipSink(gzipped))) {
      sink.writeUtf8(Json.page(false, "zipped"));
    }
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Encoding", "gzip")
            .addHeader("Content-Type", "application/json")
            .body(gzipped)
            .build());

    try (S2Client client = server.client()) {
      Page<AccessTokenInfo> page = client.accessTokens().list();
      assertThat(page.items()).extracting(AccessTokenInfo::id).containsExactly("zipped");
    }
    RecordedRequest request = server.take();
    assertThat(request.getHeaders().get("User-Agent"))
        .matches("s2-sdk-java/\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    assertThat(request.getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
  }

  @Test
  void theUserAgentCanBeOverridden() {
    server.enqueue(200, Json.page(false));
    try (S2Client client = server.clientBuilder().userAgent("my-app/2.0").build()) {
      client.accessTokens().list();
    }
    assertThat(server.take().getHeaders().get("User-Agent")).isEqualTo("my-app/2.0");
  }

  @Test
  void invalidSettingsFailAtOnceWithTheirName() {
    assertThatThrownBy(() -> S2Client.builder().accessToken("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("accessToken must not be null or blank");
    assertThatThrownBy(() -> S2Client.builder().baseUrl("not a url"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must be an http or https URL, was 'not a url'");
    assertThatThrownBy(() -> S2Client.builder().requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestTimeout must be more than 0 and at most 1 hour, was PT0S");
    assertThatThrownBy(() -> S2Client.builder().connectTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connectTimeout must be more than 0 and at most 1 hour, was PT-1S");
    assertThatThrownBy(() -> S2Client.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "accessToken is required: call accessToken(...) or fromEnv() (S2_ACCESS_TOKEN)");
  }

  @Test
  void readsTheEnvironment() {
    S2Client.Builder b = S2Client.builder().fromEnv(Map.of("S2_ACCESS_TOKEN", "env-token"));
    try (S2Client client = b.build()) {
      assertThat(client.baseUrl()).isEqualTo("https://a.s2.dev/v1/");
    }
    try (S2Client client =
        S2Client.builder()
            .fromEnv(Map.of("S2_ACCESS_TOKEN", "t", "S2_ACCOUNT_ENDPOINT", "localhost:4243"))
            .build()) {
      assertThat(client.baseUrl()).isEqualTo("https://localhost:4243/v1/");
    }
    try (S2Client client =
        S2Client.builder()
            .fromEnv(
                Map.of("S2_ACCESS_TOKEN", "t", "S2_ACCOUNT_ENDPOINT", "http://127.0.0.1:8080/v1"))
            .build()) {
      assertThat(client.baseUrl()).isEqualTo("http://127.0.0.1:8080/v1/");
    }
    assertThatThrownBy(() -> S2Client.builder().fromEnv(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("S2_ACCESS_TOKEN is not set: export the access token of your S2 account");
    assertThatThrownBy(() -> S2Client.builder().fromEnv(Map.of("S2_ACCESS_TOKEN", " ")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTokenIsNeverInToString() {
    S2Client.Builder builder = S2Client.builder().accessToken(TestServer.TOKEN);
    try (S2Client client = builder.build()) {
      assertThat(client.toString()).doesNotContain(TestServer.TOKEN).contains("accessToken=****");
      assertThat(builder.toString()).doesNotContain(TestServer.TOKEN);
    }
  }

  @Test
  void httpLoggingRedactsTheAuthorizationHeader() {
    List<String> lines = new ArrayList<>();
    server.enqueue(200, Json.page(false));
    try (S2Client client =
        server
            .clientBuilder()
            .httpLogging(HttpLoggingInterceptor.Level.HEADERS, lines::add)
            .build()) {
      client.accessTokens().list();
    }
    assertThat(lines).anySatisfy(l -> assertThat(l).isEqualTo("Authorization: ██"));
    assertThat(String.join("\n", lines)).doesNotContain(TestServer.TOKEN);
  }

  @Test
  void closeReleasesOnlyWhatTheClientCreated() {
    OkHttpClient shared = new OkHttpClient();
    server.enqueue(200, Json.page(false));
    try (S2Client client = server.clientBuilder().okHttpClient(shared).build()) {
      client.accessTokens().list();
    }
    assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
    RecordedRequest viaShared = server.take();
    assertThat(viaShared.getHeaders().get("Authorization")).isEqualTo("Bearer " + TestServer.TOKEN);

    S2Client own = server.client();
    own.close();
    own.close(); // idempotent
    assertThatThrownBy(() -> own.accessTokens().list())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this S2Client is closed");
    assertThatThrownBy(() -> own.accessTokens().listAsync(ListAccessTokensParams.all()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this S2Client is closed");
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void cancellingAnAsyncCallCancelsTheRequest() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(Json.page(false))
            .headersDelay(10, java.util.concurrent.TimeUnit.SECONDS)
            .build());
    try (S2Client client = server.client()) {
      var future = client.accessTokens().listAsync(ListAccessTokensParams.all());
      server.take(); // the request reached the server
      assertThat(future.cancel(true)).isTrue();
      assertThat(future).isCancelled();
    }
  }

  @Test
  void oneClientServesManyThreads() throws Exception {
    int n = 20;
    for (int i = 0; i < n; i++) {
      server.enqueue(200, Json.page(false, "t"));
    }
    try (S2Client client = server.client()) {
      List<Thread> threads = new ArrayList<>();
      List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int i = 0; i < n; i++) {
        Thread t =
            new Thread(
                () -> {
                  try {
                    assertThat(client.accessTokens().list().items()).hasSize(1);
                  } catch (Throwable e) {
                    failures.add(e);
                  }
                });
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(failures).isEmpty();
    }
    assertThat(server.requestCount()).isEqualTo(n);
  }
}
