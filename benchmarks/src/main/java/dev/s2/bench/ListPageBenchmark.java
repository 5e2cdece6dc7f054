package dev.s2.bench;

import dev.s2.client.ListAccessTokensParams;
import dev.s2.client.Page;
import dev.s2.client.S2Client;
import dev.s2.model.AccessTokenInfo;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Okio;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One list call over loopback HTTP: a page of 1000 realistic tokens (about 325 KB) from {@link
 * LoopbackServer}. The floor is {@link #okHttpMoshiReflective} (b), what a user would write by
 * hand; goal: {@link #sdkList} (a) at least as fast. {@link #okHttpBytesOnly} and {@link
 * #rawSocket} show what transport alone costs and that the server is not the bottleneck.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ListPageBenchmark {
  private LoopbackServer server;
  private S2Client client;
  private ListAccessTokensParams params;
  private OkHttpClient http;
  private Request request;
  private RawHttpClient raw;

  /**
   * Starts the server and builds every client once, then checks each path decodes all 1000 tokens.
   */
  @Setup
  public void setup() throws IOException {
    server = LoopbackServer.start(1);
    client = S2Client.builder().accessToken("bench-token").baseUrl(server.endpoint()).build();
    params = ListAccessTokensParams.builder().limit(1000).build();
    http = new OkHttpClient();
    request =
        new Request.Builder()
            .url(server.endpoint() + "/access-tokens?limit=1000")
            .header("Authorization", "Bearer bench-token")
            .build();
    raw = new RawHttpClient(server.port(), "/v1/access-tokens?limit=1000");
    Checks.tokens(sdkList().items().size());
    Checks.tokens(okHttpMoshiReflective().accessTokens.size());
    Checks.tokens(okHttpJackson().accessTokens.size());
    Checks.same(okHttpBytesOnly(), server.firstPageBody().length, "bytes read by OkHttp");
    Checks.same(rawSocket(), server.firstPageBody().length, "bytes read from the socket");
    sdkList();
    okHttpMoshiReflective();
    Checks.same(
        server.acceptedConnections(), 3, "connections (one keep-alive connection per client)");
  }

  /** Closes the clients and the server. */
  @TearDown
  public void tearDown() throws IOException {
    client.close();
    raw.close();
    OkHttpClients.shutdown(http);
    server.close();
  }

  /** (a) The SDK: {@code accessTokens().list}. */
  @Benchmark
  public Page<AccessTokenInfo> sdkList() {
    return client.accessTokens().list(params);
  }

  /** (b) The floor: one raw OkHttp call, reflective Moshi into plain classes. */
  @Benchmark
  public Plain.TokenPage okHttpMoshiReflective() throws IOException {
    try (Response response = http.newCall(request).execute()) {
      return Decoders.MOSHI_REFLECTIVE.fromJson(response.body().source());
    }
  }

  /** (c) One raw OkHttp call, Jackson databind into plain classes. */
  @Benchmark
  public Plain.TokenPage okHttpJackson() throws IOException {
    try (Response response = http.newCall(request).execute()) {
      return Decoders.JACKSON_DATABIND.readValue(response.body().byteStream());
    }
  }

  /** Transport only: one raw OkHttp call, the body read and discarded. */
  @Benchmark
  public long okHttpBytesOnly() throws IOException {
    try (Response response = http.newCall(request).execute()) {
      return response.body().source().readAll(Okio.blackhole());
    }
  }

  /**
   * The server's own limit: a keep-alive socket, fixed request bytes, the response read into a
   * reused buffer.
   */
  @Benchmark
  public int rawSocket() throws IOException {
    return raw.get();
  }
}
