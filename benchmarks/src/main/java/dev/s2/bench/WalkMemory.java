package dev.s2.bench;

import dev.s2.client.ListAccessTokensParams;
import dev.s2.client.PagingOptions;
import dev.s2.client.S2Client;
import dev.s2.model.AccessTokenInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap held by a {@code listAll} walk, to show that it is bounded by a page or two and does not
 * grow with the total. Run it in its own JVM with a small heap, once per total:
 *
 * <pre>java -Xmx64m -cp benchmarks/target/benchmarks.jar dev.s2.bench.WalkMemory 1000000 [prefetch]
 * </pre>
 *
 * <p>It measures, with full GCs ({@code System.gc()}) so that only live objects count: the retained
 * size of one decoded page; the live heap before the walk (server, client, loaded classes); the
 * live heap sampled at 20 points in the middle of pages during the walk (its maximum minus the
 * baseline, in pages, is what the walk holds); and the JVM's peak heap use (sum of the heap pools'
 * peaks, garbage included) during the walk.
 */
public final class WalkMemory {
  private static final int SAMPLES = 20;

  private WalkMemory() {}

  /**
   * Runs one walk and prints its figures as a Markdown table row.
   *
   * @param args the number of tokens (a multiple of 1000), then optionally {@code prefetch}
   */
  public static void main(String[] args) {
    long tokens = Long.parseLong(args[0]);
    boolean prefetch = args.length > 1 && args[1].equals("prefetch");
    int pages = (int) (tokens / TokenPages.TOKENS_PER_PAGE);
    try (LoopbackServer server = LoopbackServer.start(pages);
        S2Client client =
            S2Client.builder().accessToken("bench-token").baseUrl(server.endpoint()).build()) {
      long page = retainedPageBytes(client);
      long baseline = Heap.live();
      Heap heap = Heap.trackPeak();
      long sampleEveryPages = Math.max(1, pages / SAMPLES);
      long maxLive = 0;
      long n = 0;
      PagingOptions paging = PagingOptions.builder().prefetch(prefetch).build();
      for (AccessTokenInfo token :
          client.accessTokens().listAll(ListAccessTokensParams.all(), paging)) {
        n++;
        if (n % TokenPages.TOKENS_PER_PAGE == TokenPages.TOKENS_PER_PAGE / 2
            && (n / TokenPages.TOKENS_PER_PAGE) % sampleEveryPages == 0) {
          maxLive = Math.max(maxLive, Heap.live());
        }
        if (token.id().isEmpty()) {
          throw new IllegalStateException("empty id");
        }
      }
      long peakUsed = heap.peakUsed();
      Checks.same(n, tokens, "tokens walked");
      System.out.printf(
          "| %,d | %s | %d MB | %.2f MB | %.2f MB | %.2f MB | %.2f | %.1f MB |%n",
          tokens,
          prefetch ? "on" : "off",
          Heap.max() >> 20,
          Heap.mb(page),
          Heap.mb(baseline),
          Heap.mb(maxLive),
          (double) (maxLive - baseline) / page,
          Heap.mb(peakUsed));
    }
  }

  /** The live heap one decoded page of 1000 tokens holds, averaged over four pages kept at once. */
  private static long retainedPageBytes(S2Client client) {
    client.accessTokens().list(); // loads classes and opens the connection before measuring
    List<Object> kept = new ArrayList<>();
    long before = Heap.live();
    for (int i = 0; i < 4; i++) {
      kept.add(client.accessTokens().list().items());
    }
    long after = Heap.live();
    Checks.same(kept.size(), 4, "pages kept");
    return (after - before) / 4;
  }
}
