package dev.s2.bench;

import dev.s2.client.ListAccessTokensParams;
import dev.s2.client.PagingOptions;
import dev.s2.client.S2Client;
import dev.s2.model.AccessTokenInfo;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Prefetch off and on, walking 100,000 tokens with a consumer that spends {@link #nanosPerItem} on
 * each item. Measured in the same run: {@link #fetchOnly} (F, the walk with a consumer that does
 * nothing) and {@link #consumeOnly} (C, the consumer over 100,000 tokens already in memory).
 * Without prefetch the walk takes about F + C; with prefetch it approaches max(F, C).
 *
 * <p>Two consumers: {@code cpu} computes ({@code Blackhole.consumeCPU}, calibrated at setup), so
 * overlap needs a second free core; {@code io} waits, as a consumer writing each token elsewhere
 * would (the wait is paid in slices of at least 1 ms, since a thread cannot park for a few
 * microseconds; over a page it adds up to {@code nanosPerItem} per item).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PrefetchBenchmark {
  /** How the consumer spends its time: {@code cpu} or {@code io}. */
  @Param({"cpu", "io"})
  public String consumer;

  /** Time the consumer spends per item; the default makes C about F on a 2-core machine. */
  @Param("7000")
  public long nanosPerItem;

  private LoopbackServer server;
  private S2Client client;
  private List<AccessTokenInfo> onePage;
  private long cpuTokens;
  private long waitDebt;

  /**
   * Starts a 100-page server, builds the client, keeps one decoded page and calibrates the CPU
   * consumer.
   */
  @Setup
  public void setup() {
    server = LoopbackServer.start(WalkBenchmark.PAGES);
    client = S2Client.builder().accessToken("bench-token").baseUrl(server.endpoint()).build();
    onePage = client.accessTokens().list().items();
    Checks.tokens(onePage.size());
    cpuTokens = calibrateCpuTokens(nanosPerItem);
  }

  /** Closes the client and the server. */
  @TearDown
  public void tearDown() {
    client.close();
    server.close();
  }

  /** F: the walk, prefetch off, a consumer that does nothing. */
  @Benchmark
  public long fetchOnly(Blackhole bh) {
    return walk(false, false, bh);
  }

  /** C: the consumer over 100 pages' worth of tokens already in memory. */
  @Benchmark
  public long consumeOnly(Blackhole bh) {
    long n = 0;
    for (int p = 0; p < WalkBenchmark.PAGES; p++) {
      for (AccessTokenInfo token : onePage) {
        consume(token, bh);
        n++;
      }
    }
    return n;
  }

  /** The walk with the consumer, prefetch off: about F + C. */
  @Benchmark
  public long prefetchOff(Blackhole bh) {
    return walk(false, true, bh);
  }

  /** The walk with the consumer, prefetch on: approaches max(F, C). */
  @Benchmark
  public long prefetchOn(Blackhole bh) {
    return walk(true, true, bh);
  }

  private long walk(boolean prefetch, boolean work, Blackhole bh) {
    PagingOptions paging = PagingOptions.builder().prefetch(prefetch).build();
    long n = 0;
    for (AccessTokenInfo token :
        client.accessTokens().listAll(ListAccessTokensParams.all(), paging)) {
      if (work) {
        consume(token, bh);
      } else {
        bh.consume(token);
      }
      n++;
    }
    Checks.same(n, WalkBenchmark.TOKENS, "tokens walked");
    return n;
  }

  private void consume(AccessTokenInfo token, Blackhole bh) {
    bh.consume(token);
    if (consumer.equals("cpu")) {
      Blackhole.consumeCPU(cpuTokens);
      return;
    }
    waitDebt += nanosPerItem;
    if (waitDebt >= 1_000_000) {
      long start = System.nanoTime();
      LockSupport.parkNanos(waitDebt);
      waitDebt -= System.nanoTime() - start; // an overshoot is paid back by the next items
    }
  }

  /**
   * The {@code consumeCPU} tokens that take about {@code nanos} on this machine now (after a JIT
   * warm-up).
   */
  private static long calibrateCpuTokens(long nanos) {
    long tokens = 10_000;
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3000; i++) {
      Blackhole.consumeCPU(tokens);
    }
    for (int i = 0; i < 300; i++) {
      long start = System.nanoTime();
      Blackhole.consumeCPU(tokens);
      best = Math.min(best, System.nanoTime() - start);
    }
    return Math.max(1, tokens * nanos / best);
  }
}
