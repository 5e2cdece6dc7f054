package dev.s2.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns JMH's JSON results ({@code -rf json -rff results.json}) into the Markdown tables of
 * BENCHMARKS.md: each benchmark's median and best measurement iteration, JMH's mean and error, its
 * ratios to the floor of its class measured in the same run, and, when JMH ran with {@code -prof
 * gc}, the bytes allocated per operation. On a shared machine other processes slow some iterations
 * down by up to 2x; the median and the best iteration are far steadier than the mean.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.s2.bench.Report results.json</pre>
 */
public final class Report {
  /** The floor of each benchmark class: what its ratios are relative to. */
  private static final Map<String, String> FLOORS =
      Map.of(
          "DecodeBenchmark", "moshiReaderWalk",
          "ListPageBenchmark", "okHttpMoshiReflective",
          "WalkBenchmark", "handWrittenWalk",
          "PrefetchBenchmark", "fetchOnly",
          "ReadSessionBenchmark", "splitAndTokenize",
          "ProducerBenchmark", "javaProducer",
          "RecordCodecBenchmark", "decodeTokenizeLimit");

  private Report() {}

  /**
   * Prints the tables.
   *
   * @param args the JMH JSON result files
   * @throws IOException if a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    for (String file : args) {
      Map<String, Map<String, JsonNode>> byClass = new LinkedHashMap<>();
      for (JsonNode result : mapper.readTree(new File(file))) {
        String name = result.get("benchmark").asText();
        String cls =
            name.substring(
                name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1, name.lastIndexOf('.'));
        String params = result.path("params").isMissingNode() ? "" : " " + result.get("params");
        byClass
            .computeIfAbsent(cls + params, k -> new LinkedHashMap<>())
            .put(name.substring(name.lastIndexOf('.') + 1), result);
      }
      for (Map.Entry<String, Map<String, JsonNode>> e : byClass.entrySet()) {
        table(e.getKey(), e.getValue());
      }
    }
  }

  private static void table(String cls, Map<String, JsonNode> results) {
    String floorName = FLOORS.get(cls.split(" ")[0]);
    JsonNode floor = results.get(floorName);
    System.out.println("### " + cls + (floor == null ? "" : " (floor: " + floorName + ")"));
    System.out.println();
    boolean walk = cls.startsWith("WalkBenchmark") || cls.startsWith("PrefetchBenchmark");
    boolean records = recordsPerOp(cls, "") > 0;
    System.out.println(
        "| benchmark | median | best | mean ± error | unit | median / floor | best / floor | alloc/op | "
            + (walk ? "tokens/s" : records ? "records/s" : "ops/s")
            + " (median) |"
            + (records ? " alloc/record |" : ""));
    System.out.println("|---|---:|---:|---:|---|---:|---:|---:|---:|" + (records ? "---:|" : ""));
    for (Map.Entry<String, JsonNode> e : results.entrySet()) {
      JsonNode primary = e.getValue().get("primaryMetric");
      double[] it = iterations(e.getValue());
      double[] fl = floor == null ? null : iterations(floor);
      JsonNode alloc =
          e.getValue().path("secondaryMetrics").path(allocKey(e.getValue())).path("score");
      long perOp = records ? recordsPerOp(cls, e.getKey()) : walk ? WalkBenchmark.TOKENS : 1;
      double perSecond = perOp / (median(it) * secondsPer(primary.get("scoreUnit").asText()));
      System.out.printf(
          "| %s | %.1f | %.1f | %.1f ± %.1f | %s | %s | %s | %s | %,.0f |%s%n",
          e.getKey(),
          median(it),
          it[0],
          primary.get("score").asDouble(),
          primary.get("scoreError").asDouble(),
          primary.get("scoreUnit").asText(),
          fl == null ? "" : String.format("%.2f", median(it) / median(fl)),
          fl == null ? "" : String.format("%.2f", it[0] / fl[0]),
          alloc.isMissingNode() ? "" : String.format("%.0f KB", alloc.asDouble() / 1024),
          perSecond,
          !records
              ? ""
              : alloc.isMissingNode()
                  ? " |"
                  : String.format(" %,.0f B |", alloc.asDouble() / perOp));
    }
    if (cls.startsWith("PrefetchBenchmark")) {
      prefetch(results);
    }
    System.out.println();
  }

  /**
   * The records one operation of a record benchmark handles ({@code cls} is {@code Class
   * {"bodyBytes":"n"}}); 0 for the other benchmarks.
   */
  private static long recordsPerOp(String cls, String method) {
    int brace = cls.indexOf('{');
    if (brace < 0 || !cls.contains("bodyBytes")) {
      return 0;
    }
    int size = Integer.parseInt(cls.replaceAll(".*\"bodyBytes\" *: *\"?(\\d+).*", "$1"));
    int perBatch = SseFeed.recordsPerBatch(size);
    if (cls.startsWith("ReadSessionBenchmark")) {
      return RecordBodies.readCount(size);
    }
    if (cls.startsWith("ProducerBenchmark")) {
      long count = RecordBodies.appendCount(size);
      return method.equals("rawAppend") ? (count + perBatch - 1) / perBatch * perBatch : count;
    }
    if (cls.startsWith("RecordCodecBenchmark")) {
      return method.startsWith("decode") ? 10L * perBatch : perBatch;
    }
    return 0;
  }

  /** Seconds per unit of a score unit such as {@code us/op}. */
  private static double secondsPer(String unit) {
    return unit.startsWith("ms")
        ? 1e-3
        : unit.startsWith("us") ? 1e-6 : unit.startsWith("ns") ? 1e-9 : 1;
  }

  /**
   * The measurement iterations' scores of all forks, sorted (the best first: lower is better in
   * avgt mode).
   */
  private static double[] iterations(JsonNode result) {
    List<Double> all = new ArrayList<>();
    for (JsonNode fork : result.get("primaryMetric").get("rawData")) {
      for (JsonNode v : fork) {
        all.add(v.asDouble());
      }
    }
    return all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * JMH 1.37 names the metric {@code gc.alloc.rate.norm}; older versions prefix it with a middle
   * dot.
   */
  private static String allocKey(JsonNode result) {
    return result.path("secondaryMetrics").has("gc.alloc.rate.norm")
        ? "gc.alloc.rate.norm"
        : "·gc.alloc.rate.norm";
  }

  /** Prefetch off against F + C and prefetch on against max(F, C), on medians. */
  private static void prefetch(Map<String, JsonNode> results) {
    double f = score(results, "fetchOnly");
    double c = score(results, "consumeOnly");
    double off = score(results, "prefetchOff");
    double on = score(results, "prefetchOn");
    System.out.println();
    System.out.printf(
        "Medians: F = %.1f, C = %.1f, F + C = %.1f, max(F, C) = %.1f (ms)%n",
        f, c, f + c, Math.max(f, c));
    System.out.printf(
        "prefetch off = %.1f ms = %.2f x (F + C); prefetch on = %.1f ms = %.2f x max(F, C)%n",
        off, off / (f + c), on, on / Math.max(f, c));
  }

  private static double score(Map<String, JsonNode> results, String name) {
    JsonNode r = results.get(name);
    return r == null ? Double.NaN : median(iterations(r));
  }
}
