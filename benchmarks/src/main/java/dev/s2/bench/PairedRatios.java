package dev.s2.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The ratios of BENCHMARKS.md measured operation by operation, for a noisy shared machine. JMH runs
 * one benchmark after the other, so when other processes slow the machine down for tens of seconds,
 * one side of a ratio is slowed and the other is not. Here the operations of a ratio alternate in
 * one JVM (A B, then B A, ...), each timed on its own: a disturbance hits both sides alike, and the
 * median of the per-round ratios is steady. The operations are the JMH benchmarks' own methods;
 * each ratio runs in a fresh JVM so that the JIT profiles of unrelated code do not mix.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.s2.bench.PairedRatios [seconds per ratio]
 * </pre>
 */
public final class PairedRatios {
  private static final int ROWS = 12;

  private PairedRatios() {}

  /** One operation of a benchmark. */
  @FunctionalInterface
  interface Op {
    Object run() throws Exception;
  }

  /** Operations timed round after round, and the ratios computed from each round's times. */
  private static final class Row {
    final Op[] ops;
    final String[] ratioLabels;
    final List<ToDoubleFunction<double[]>> ratios;
    final AutoCloseable state;

    Row(
        Op[] ops,
        String[] ratioLabels,
        List<ToDoubleFunction<double[]>> ratios,
        AutoCloseable state) {
      this.ops = ops;
      this.ratioLabels = ratioLabels;
      this.ratios = ratios;
      this.state = state;
    }

    /** The ratio {@code ops[0] / ops[1]}. */
    static Row pair(String label, Op a, Op b, AutoCloseable state) {
      return new Row(new Op[] {a, b}, new String[] {label}, List.of(t -> t[0] / t[1]), state);
    }
  }

  /**
   * Measures every ratio, each in its own JVM, and prints a Markdown table; or, with {@code --row
   * i}, one ratio.
   *
   * @param args {@code [seconds]} (default 20; as long again is spent warming up), or {@code --row
   *     i seconds}
   * @throws Exception if a benchmark fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("--row")) {
      measure(Integer.parseInt(args[1]), Double.parseDouble(args[2]));
      return;
    }
    String seconds = args.length > 0 ? args[0] : "20";
    System.out.println("| ratio | median | p25 to p75 | rounds | median times (us) |");
    System.out.println("|---|---:|---:|---:|---|");
    for (int i = 0; i < ROWS; i++) {
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  PairedRatios.class.getName(),
                  "--row",
                  String.valueOf(i),
                  seconds)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(System.out::println);
      }
      if (child.waitFor() != 0) {
        throw new IllegalStateException("ratio " + i + " failed");
      }
    }
  }

  private static Row row(int index, Blackhole bh) throws Exception {
    if (index < 8) {
      DecodeBenchmark d = new DecodeBenchmark();
      d.setup(bh);
      ListPageBenchmark l = new ListPageBenchmark();
      if (index >= 4) {
        l.setup();
      }
      AutoCloseable close = index >= 4 ? l::tearDown : () -> {};
      switch (index) {
        case 0:
          return Row.pair(
              "(d) sdkDecode / (e) moshiReaderWalk",
              d::sdkDecode,
              () -> d.moshiReaderWalk(bh),
              close);
        case 1:
          return Row.pair(
              "(d) sdkDecode / (e') moshiReaderWalkSelectNames",
              d::sdkDecode,
              () -> d.moshiReaderWalkSelectNames(bh),
              close);
        case 2:
          return Row.pair(
              "(f) jacksonTokenizerWalk / (e) moshiReaderWalk",
              () -> d.jacksonTokenizerWalk(bh),
              () -> d.moshiReaderWalk(bh),
              close);
        case 3:
          return Row.pair(
              "moshiReflective / (e) moshiReaderWalk",
              d::moshiReflective,
              () -> d.moshiReaderWalk(bh),
              close);
        case 4:
          return Row.pair(
              "(a) sdkList / (b) okHttpMoshiReflective",
              l::sdkList,
              l::okHttpMoshiReflective,
              close);
        case 5:
          return Row.pair(
              "(c) okHttpJackson / (b) okHttpMoshiReflective",
              l::okHttpJackson,
              l::okHttpMoshiReflective,
              close);
        case 6:
          return Row.pair(
              "okHttpBytesOnly / (b) okHttpMoshiReflective",
              l::okHttpBytesOnly,
              l::okHttpMoshiReflective,
              close);
        default:
          return Row.pair("rawSocket / (a) sdkList", l::rawSocket, l::sdkList, close);
      }
    }
    if (index < 10) {
      WalkBenchmark w = new WalkBenchmark();
      w.setup(bh);
      return index == 8
          ? Row.pair(
              "walk 100k: listAll / handWrittenWalk",
              () -> w.listAll(bh),
              () -> w.handWrittenWalk(bh),
              w::tearDown)
          : Row.pair(
              "walk 100k: listAllPrefetch / listAll (no consumer)",
              () -> w.listAllPrefetch(bh),
              () -> w.listAll(bh),
              w::tearDown);
    }
    PrefetchBenchmark p = new PrefetchBenchmark();
    p.consumer = index == 10 ? "io" : "cpu";
    p.nanosPerItem = 7000;
    p.setup();
    String c = "walk 100k, " + p.consumer + " consumer 7 us/item: ";
    return new Row(
        new Op[] {
          () -> p.fetchOnly(bh),
          () -> p.consumeOnly(bh),
          () -> p.prefetchOff(bh),
          () -> p.prefetchOn(bh)
        },
        new String[] {
          c + "consumer C / fetch F",
          c + "prefetch off / (F + C)",
          c + "prefetch on / max(F, C)",
          c + "prefetch on / prefetch off"
        },
        List.of(
            t -> t[1] / t[0],
            t -> t[2] / (t[0] + t[1]),
            t -> t[3] / Math.max(t[0], t[1]),
            t -> t[3] / t[2]),
        p::tearDown);
  }

  /**
   * Warms up, then times rounds for {@code seconds} (at least 8 rounds) and prints the row's
   * ratios.
   */
  private static void measure(int index, double seconds) throws Exception {
    Blackhole bh =
        new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    Row row = row(index, bh);
    try {
      rounds(row, seconds, 2, bh); // warm-up
      double[][] times = rounds(row, seconds, 8, bh);
      int n = times.length;
      StringBuilder medians = new StringBuilder();
      for (int op = 0; op < row.ops.length; op++) {
        final int k = op;
        medians
            .append(op == 0 ? "" : " / ")
            .append(String.format("%.0f", percentile(times, t -> t[k], 0.5)));
      }
      for (int r = 0; r < row.ratios.size(); r++) {
        ToDoubleFunction<double[]> ratio = row.ratios.get(r);
        System.out.printf(
            "| %s | %.2f | %.2f to %.2f | %d | %s |%n",
            row.ratioLabels[r],
            percentile(times, ratio, 0.5),
            percentile(times, ratio, 0.25),
            percentile(times, ratio, 0.75),
            n,
            medians);
      }
    } finally {
      row.state.close();
    }
  }

  /**
   * Rounds of every operation once, in an order rotated each round; each round's times in
   * microseconds.
   */
  private static double[][] rounds(Row row, double seconds, int minRounds, Blackhole bh)
      throws Exception {
    double[][] times = new double[1 << 16][];
    int n = 0;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while ((System.nanoTime() < end || n < minRounds) && n < times.length) {
      int ops = row.ops.length;
      times[n] = new double[ops];
      for (int k = 0; k < ops; k++) {
        int op = (n + k) % ops;
        long start = System.nanoTime();
        bh.consume(row.ops[op].run());
        times[n][op] = (System.nanoTime() - start) / 1e3;
      }
      n++;
    }
    return Arrays.copyOf(times, n);
  }

  private static double percentile(double[][] rounds, ToDoubleFunction<double[]> f, double p) {
    double[] v = Arrays.stream(rounds).mapToDouble(f).sorted().toArray();
    return v[(int) Math.min(v.length - 1, Math.round(p * (v.length - 1)))];
  }
}
