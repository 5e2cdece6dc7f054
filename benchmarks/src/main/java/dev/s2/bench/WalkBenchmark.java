package dev.s2.bench;

import dev.s2.client.ListAccessTokensParams;
import dev.s2.client.PagingOptions;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Walking 100,000 tokens (100 pages of 1000) with {@code listAll}; one operation is the whole walk,
 * so tokens/s = 100,000 / (seconds per op). The floor is {@link #handWrittenWalk}: the same walk
 * written by hand with OkHttp and reflective Moshi. {@link #bytesOnlyWalk} fetches the 100 pages
 * without decoding them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WalkBenchmark {
  static final int PAGES = 100;
  static final int TOKENS = PAGES * TokenPages.TOKENS_PER_PAGE;

  private LoopbackServer server;
  private S2Client client;
  private OkHttpClient http;
  private Request[] pageRequests;

  /**
   * Starts a 100-page server, builds the clients, and checks that every walk sees 100,000 tokens.
   */
  @Setup
  public void setup(Blackhole bh) throws IOException {
    server = LoopbackServer.start(PAGES);
    client = S2Client.builder().accessToken("bench-token").baseUrl(server.endpoint()).build();
    http = new OkHttpClient();
    pageRequests = new Request[PAGES];
    for (int p = 0; p < PAGES; p++) {
      pageRequests[p] = request(p == 0 ? "" : TokenPages.lastId(p - 1));
    }
    Checks.same(listAll(bh), TOKENS, "tokens walked by listAll");
    Checks.same(listAllPrefetch(bh), TOKENS, "tokens walked by listAll with prefetch");
    Checks.same(handWrittenWalk(bh), TOKENS, "tokens walked by hand");
    long walkBytes =
        (long) (PAGES - 1) * TokenPages.page(0, true).length + TokenPages.page(0, false).length;
    Checks.same(bytesOnlyWalk(), walkBytes, "bytes of the walk");
  }

  /** Closes the clients and the server. */
  @TearDown
  public void tearDown() {
    client.close();
    OkHttpClients.shutdown(http);
    server.close();
  }

  /** The SDK's walk, one page at a time. */
  @Benchmark
  public long listAll(Blackhole bh) {
    long n = 0;
    for (AccessTokenInfo token : client.accessTokens().listAll()) {
      bh.consume(token);
      n++;
    }
    return n;
  }

  /**
   * The SDK's walk with one page of prefetch (the consumer does nothing, so there is little to
   * overlap).
   */
  @Benchmark
  public long listAllPrefetch(Blackhole bh) {
    long n = 0;
    PagingOptions prefetch = PagingOptions.builder().prefetch(true).build();
    for (AccessTokenInfo token :
        client.accessTokens().listAll(ListAccessTokensParams.all(), prefetch)) {
      bh.consume(token);
      n++;
    }
    return n;
  }

  /**
   * The floor: the walk written by hand with OkHttp and reflective Moshi, cursor = last id of each
   * page.
   */
  @Benchmark
  public long handWrittenWalk(Blackhole bh) throws IOException {
    long n = 0;
    String cursor = "";
    boolean more = true;
    while (more) {
      Plain.TokenPage page;
      try (Response response = http.newCall(request(cursor)).execute()) {
        page = Decoders.MOSHI_REFLECTIVE.fromJson(response.body().source());
      }
      for (Plain.Token token : page.accessTokens) {
        bh.consume(token);
        n++;
      }
      more = page.hasMore && !page.accessTokens.isEmpty();
      if (more) {
        cursor = page.accessTokens.get(page.accessTokens.size() - 1).id;
      }
    }
    return n;
  }

  /**
   * Transport only: the 100 page requests (cursors known in advance), bodies read and discarded.
   */
  @Benchmark
  public long bytesOnlyWalk() throws IOException {
    long bytes = 0;
    for (Request r : pageRequests) {
      try (Response response = http.newCall(r).execute()) {
        bytes += response.body().source().readAll(Okio.blackhole());
      }
    }
    return bytes;
  }

  private Request request(String startAfter) {
    String url =
        server.endpoint()
            + "/access-tokens"
            + (startAfter.isEmpty() ? "" : "?start_after=" + startAfter);
    return new Request.Builder().url(url).header("Authorization", "Bearer bench-token").build();
  }
}
