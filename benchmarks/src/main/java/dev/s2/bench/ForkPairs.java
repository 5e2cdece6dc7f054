package dev.s2.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * A cross-check of {@link PairedRatios} with clean JIT profiles: two JMH benchmarks run as single
 * forks, alternately (A B, B A, ...), and the ratio of each consecutive pair of fork medians is
 * kept. Slow phases of a shared machine last longer than one fork, so they hit both sides of a
 * pair; the median of the pair ratios is the figure. Each fork: 3 warm-up and 5 measurement
 * iterations of 1 s.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.s2.bench.ForkPairs ListPageBenchmark.sdkList
 *     ListPageBenchmark.okHttpMoshiReflective [pairs]</pre>
 */
public final class ForkPairs {
  private ForkPairs() {}

  /**
   * Runs the pairs and prints one Markdown table row.
   *
   * @param args benchmark A, benchmark B (as {@code Class.method}), then the number of pairs
   *     (default 10)
   * @throws Exception if JMH fails
   */
  public static void main(String[] args) throws Exception {
    String a = args[0];
    String b = args[1];
    int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    double[] ratios = new double[pairs];
    double[] as = new double[pairs];
    double[] bs = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      if (i % 2 == 0) {
        as[i] = forkMedian(a);
        bs[i] = forkMedian(b);
      } else {
        bs[i] = forkMedian(b);
        as[i] = forkMedian(a);
      }
      ratios[i] = as[i] / bs[i];
    }
    Arrays.sort(ratios);
    System.out.printf(
        "| %s / %s | %.2f | %.2f to %.2f | %d | %.0f / %.0f |%n",
        a,
        b,
        median(ratios),
        ratios[pairs / 4],
        ratios[(3 * pairs) / 4],
        pairs,
        median(as),
        median(bs));
  }

  /** One fork of {@code benchmark}; the median of its measurement iterations. */
  private static double forkMedian(String benchmark) throws Exception {
    Options options =
        new OptionsBuilder()
            .include("^" + Pattern.quote("dev.s2.bench." + benchmark) + "$")
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(1))
            .verbosity(VerboseMode.SILENT)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    List<Double> scores = new ArrayList<>();
    for (RunResult run : results) {
      for (BenchmarkResult result : run.getBenchmarkResults()) {
        for (IterationResult iteration : result.getIterationResults()) {
          scores.add(iteration.getPrimaryResult().getScore());
        }
      }
    }
    if (scores.isEmpty()) {
      throw new IllegalArgumentException("no benchmark matched " + benchmark);
    }
    return median(scores.stream().mapToDouble(Double::doubleValue).sorted().toArray());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
