package dev.s2.bench;

import dev.s2.client.S2Client;
import dev.s2.client.S2Stream;
import dev.s2.client.SessionTransport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The goal figures of the record benchmarks, measured operation by operation as {@link
 * PairedRatios} does: the operations of one row alternate in one JVM (the order rotated each
 * round), so a slow phase of the shared machine hits every side alike, and the median of the
 * per-round ratios is reported with its interquartile range. The official TypeScript SDK runs in
 * the same rounds, in a node process started once ({@link TsBench}); its operations are timed by
 * node itself, so node's start-up and the command's round trip are not counted.
 *
 * <ul>
 *   <li>{@code read <bodyBytes>}: a read session of {@link RecordBodies#readCount} records ({@link
 *       ReadSessionBenchmark#sdkReadSession}) against (b) split and tokenize, (a) split only, the
 *       TypeScript SDK's read session, and the raw socket (the server's limit).
 *   <li>{@code append <bodyBytes>}: a producer of {@link RecordBodies#appendCount} records
 *       submitted as fast as it accepts them, as the SDK ships ({@link
 *       ProducerBenchmark#javaProducer}) and given a caller's OkHttp client with Nagle's algorithm
 *       on ({@link ProducerBenchmark#javaProducerNagle}), against the TypeScript SDK's {@code
 *       Producer} and raw appends; with each side's p50 and p99 latency (submit to acknowledgement)
 *       per round.
 *   <li>{@code paced <bodyBytes>}: the same producers at {@link RecordBodies#pacedRate} records a
 *       second for two seconds, for latency without queueing (under saturation, latency is the
 *       unacknowledged bound over the throughput).
 *   <li>{@code s2s-read} and {@code s2s-append} ({@code --s2s}): the same over S2S sessions ({@link
 *       S2sServer}): the Java SDK on {@code SessionTransport.S2S}, the limits of {@link S2sLimits}
 *       and the TypeScript SDK's {@code s2s} transport; the read row also times the Java SDK's SSE
 *       read session of the same records.
 * </ul>
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.s2.bench.RecordRatios [seconds per row]
 * java -cp benchmarks/target/benchmarks.jar dev.s2.bench.RecordRatios --s2s [seconds per row]
 * java -cp benchmarks/target/benchmarks.jar dev.s2.bench.RecordRatios --row read|append|paced|s2s-read 1024 [seconds]
 * </pre>
 *
 * <p>Run from the repository root (the TypeScript SDK is found in {@code interop/ts}, installed by
 * {@code sh interop/ts/install.sh}).
 */
public final class RecordRatios {
  private static final int MIN_ROUNDS = 5;

  private RecordRatios() {}

  /**
   * One operation, timed by itself: {@code {micros, records, p50 micros, p99 micros}} (NaN when not
   * measured).
   */
  @FunctionalInterface
  private interface TimedOp {
    double[] run() throws Exception;
  }

  private static double[] stats(ProducerBenchmark.Run r) {
    return new double[] {r.nanos / 1e3, r.records, r.p50Nanos / 1e3, r.p99Nanos / 1e3};
  }

  /**
   * Measures every row, each in its own JVM, and prints the tables (read, append, paced; with
   * {@code --s2s} the S2S rows instead); or, with {@code --row}, one row.
   *
   * @param args {@code [--s2s] [seconds]} (default 20, as long again warming up), or {@code --row
   *     read|append|paced|s2s-read|s2s-append <bodyBytes> [seconds]}
   * @throws Exception if a benchmark fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("--row")) {
      double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 20;
      if (args[1].equals("read")) {
        read(Integer.parseInt(args[2]), seconds);
      } else if (args[1].equals("append") || args[1].equals("paced")) {
        append(Integer.parseInt(args[2]), seconds, args[1].equals("paced"));
      } else if (args[1].equals("s2s-read")) {
        s2sRead(Integer.parseInt(args[2]), seconds);
      } else if (args[1].equals("s2s-append")) {
        s2sAppend(Integer.parseInt(args[2]), seconds);
      } else {
        throw new IllegalArgumentException(
            "a row is read, append, paced, s2s-read or s2s-append, was " + args[1]);
      }
      return;
    }
    boolean s2s = args.length > 0 && args[0].equals("--s2s");
    String seconds = args.length > (s2s ? 1 : 0) ? args[s2s ? 1 : 0] : "20";
    Map<String, String> headers = new LinkedHashMap<>();
    if (s2s) {
      headers.put("s2s-read", S2S_READ_HEADER);
      headers.put("s2s-append", S2S_APPEND_HEADER);
    } else {
      headers.put("read", READ_HEADER);
      headers.put("append", APPEND_HEADER);
      headers.put("paced", PACED_HEADER);
    }
    for (String kind : headers.keySet()) {
      System.out.println(headers.get(kind));
      for (int size : RecordBodies.SIZES) {
        Process child =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    RecordRatios.class.getName(),
                    "--row",
                    kind,
                    String.valueOf(size),
                    seconds)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          out.lines().forEach(System.out::println);
        }
        if (child.waitFor() != 0) {
          throw new IllegalStateException(kind + " " + size + " failed");
        }
      }
      System.out.println();
    }
  }

  private static final String READ_HEADER =
      "| body | SDK records/s | SDK MB/s | TS records/s | TS MB/s "
          + "| SDK / TS records/s (goal >= 3 at 1 KiB) | SDK time / (b) split+tokenize (goal <= 1.5) | SDK time / (a) split "
          + "| raw socket time / SDK | median ms: SDK, (b), (a), TS, raw | rounds | load |\n"
          + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|";

  private static final String APPEND_HEADER =
      "| body | SDK client | SDK records/s | SDK MB/s | SDK p50 / p99 ms | TS records/s "
          + "| TS MB/s | TS p50 / p99 ms | SDK / TS records/s (goal >= 2 at 1 KiB) | SDK p99 / TS p99 (goal <= 1) "
          + "| raw records/s | rounds | load |\n"
          + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|";

  private static final String PACED_HEADER =
      "| body | records/s | SDK p50 / p99 ms (as shipped) "
          + "| SDK p50 / p99 ms (Nagle on) | TS p50 / p99 ms | SDK p99 / TS p99 (as shipped) "
          + "| SDK p99 / TS p99 (Nagle on) | rounds | load |\n"
          + "|---|---:|---:|---:|---:|---:|---:|---:|---|";

  private static final String S2S_READ_HEADER =
      "| body | SDK S2S records/s | SDK S2S MB/s | TS s2s records/s "
          + "| TS s2s MB/s | SDK / TS records/s (goal >= 3 at 1 KiB) | SDK time / (b') split+parse (goal <= 1.5) "
          + "| SDK time / (a') split | SDK SSE time / SDK S2S time | median ms: SDK S2S, (b'), (a'), TS s2s, SDK SSE "
          + "| rounds | load |\n"
          + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|";

  private static final String S2S_APPEND_HEADER = APPEND_HEADER;

  /**
   * S2S reads from {@link S2sServer}: the Java SDK's read session on {@link SessionTransport#S2S},
   * the limits (b') and (a') of {@link S2sLimits}, the TypeScript SDK's {@code s2s} read session
   * and the Java SDK's SSE read session of the same records from {@link RecordServer} (which
   * transport reads faster).
   */
  private static void s2sRead(int bodyBytes, double seconds) throws Exception {
    Blackhole bh = blackhole();
    String stream = RecordBodies.stream(bodyBytes);
    S2sFeed feed = new S2sFeed(bodyBytes);
    long count = RecordBodies.readCount(bodyBytes);
    OkHttpClient http = new OkHttpClient();
    String load = loadAverage();
    try (S2sServer server = S2sServer.start().feed(stream, feed);
        RecordServer sse = RecordServer.start().feed(stream, new SseFeed(bodyBytes));
        S2Client client = ProducerBenchmark.client(server.endpoint(), SessionTransport.S2S, false);
        S2Client sseClient =
            ProducerBenchmark.client(sse.endpoint(), SessionTransport.SSE_AND_UNARY, false);
        TsBench ts = TsBench.start(server.endpoint(), "s2s")) {
      S2Stream s2sStream = client.basin("bench-basin").stream(stream);
      S2Stream sseStream = sseClient.basin("bench-basin").stream(stream);
      S2sLimits limits = new S2sLimits(http, server.endpoint());
      Checks.same(
          limits.split(stream, SseFeed.BASE_SEQ_NUM, count), feed.batches(count), "frames split");
      Checks.same(
          limits.splitAndParse(stream, SseFeed.BASE_SEQ_NUM, count, bh),
          4 * count,
          "fields parsed");
      long sessionsBefore = server.readSessions();
      Checks.same(
          ReadSessionBenchmark.readAll(s2sStream, count),
          count * bodyBytes,
          "body bytes read over S2S");
      Checks.same(
          server.readSessions() - sessionsBefore, 1, "S2S read sessions served to the Java SDK");
      TimedOp[] ops = {
        () -> timed(count, () -> ReadSessionBenchmark.readAll(s2sStream, count)),
        () -> timed(count, () -> limits.splitAndParse(stream, SseFeed.BASE_SEQ_NUM, count, bh)),
        () -> timed(count, () -> limits.split(stream, SseFeed.BASE_SEQ_NUM, count)),
        () -> tsRead(ts, stream, count, bodyBytes),
        () -> timed(count, () -> ReadSessionBenchmark.readAll(sseStream, count)),
      };
      rounds(ops, seconds, false, bh);
      double[][][] m = rounds(ops, seconds, true, bh);
      double sdk = median(m, t -> t[0][0]);
      double tsTime = median(m, t -> t[3][0]);
      System.out.printf(
          "| %s | %,.0f | %.1f | %,.0f | %.1f | %s | %s | %s | %s | %.1f, %.1f, %.1f, %.1f, %.1f | %d "
              + "| %s, %s |%n",
          size(bodyBytes),
          count / (sdk / 1e6),
          mb(count * bodyBytes, sdk),
          count / (tsTime / 1e6),
          mb(count * bodyBytes, tsTime),
          ratio(m, t -> t[3][0] / t[0][0]),
          ratio(m, t -> t[0][0] / t[1][0]),
          ratio(m, t -> t[0][0] / t[2][0]),
          ratio(m, t -> t[4][0] / t[0][0]),
          sdk / 1e3,
          median(m, t -> t[1][0]) / 1e3,
          median(m, t -> t[2][0]) / 1e3,
          tsTime / 1e3,
          median(m, t -> t[4][0]) / 1e3,
          m.length,
          load,
          loadAverage());
    } finally {
      OkHttpClients.shutdown(http);
    }
  }

  /**
   * S2S appends to {@link S2sServer}: the Java SDK's producer on {@link SessionTransport#S2S} (as
   * shipped and on a caller's OkHttp client, Nagle's algorithm on) and the TypeScript SDK's
   * producer over its {@code s2s} append session; in the same rounds, the Java SDK's producer over
   * unary appends to {@link RecordServer} (which transport appends faster).
   */
  private static void s2sAppend(int bodyBytes, double seconds) throws Exception {
    Blackhole bh = blackhole();
    ProducerBenchmark b = new ProducerBenchmark();
    b.bodyBytes = bodyBytes;
    b.setup(); // the unary producer's server and clients, checked once
    String stream = b.stream;
    long count = b.count;
    String load = loadAverage();
    try (S2sServer server = S2sServer.start();
        S2Client client = ProducerBenchmark.client(server.endpoint(), SessionTransport.S2S, false);
        S2Client nagleClient =
            ProducerBenchmark.client(server.endpoint(), SessionTransport.S2S, true);
        TsBench ts = TsBench.start(server.endpoint(), "s2s")) {
      S2Stream shipped = client.basin("bench-basin").stream(stream);
      S2Stream nagle = nagleClient.basin("bench-basin").stream(stream);
      TimedOp[] ops = {
        () -> javaAppend(b, shipped, server::tail),
        () -> javaAppend(b, nagle, server::tail),
        () -> tsAppend(ts, stream, bodyBytes, count, 0, server::tail),
        () -> stats(b.javaProducer()),
      };
      long sessionsBefore = server.appendSessions();
      rounds(ops, seconds, false, bh);
      double[][][] m = rounds(ops, seconds, true, bh);
      Checks.same(
          server.appendSessions() - sessionsBefore >= 3L * m.length ? 1 : 0,
          1,
          "an S2S append session per producer");
      printAppend(m, bodyBytes, count, load, -1);
      double unary = median(m, t -> t[3][0]);
      System.out.printf(
          "same rounds, %s: SDK over unary appends %,.0f records/s, p50 / p99 %s ms; "
              + "SDK unary time / SDK S2S time %s%n",
          size(bodyBytes),
          count / (unary / 1e6),
          latencies(m, 3),
          ratio(m, t -> t[3][0] / t[0][0]));
    } finally {
      b.tearDown();
    }
  }

  /** One producer of the Java SDK, its records counted by the server. */
  private static double[] javaAppend(
      ProducerBenchmark b, S2Stream target, ToLongFunction<String> tail) {
    long before = tail.applyAsLong(b.stream);
    double[] run = stats(b.produce(target, b.count, 0));
    Checks.same(
        tail.applyAsLong(b.stream) - before,
        b.count,
        "records the server appended for the Java SDK");
    return run;
  }

  /**
   * One read session of the TypeScript SDK, checked record by record (count, first and last seq
   * num, bytes).
   */
  private static double[] tsRead(TsBench ts, String stream, long count, int bodyBytes) {
    TsBench.Result r = ts.read(stream, SseFeed.BASE_SEQ_NUM, count);
    Checks.same(r.records, count, "records read by the TypeScript SDK");
    Checks.same(r.firstSeqNum, SseFeed.BASE_SEQ_NUM, "first seq num read by the TypeScript SDK");
    Checks.same(
        r.lastSeqNum, SseFeed.BASE_SEQ_NUM + count - 1, "last seq num read by the TypeScript SDK");
    Checks.same(r.bodyBytes, count * bodyBytes, "body bytes read by the TypeScript SDK");
    return new double[] {r.millis * 1000, count, Double.NaN, Double.NaN};
  }

  /** One producer of the TypeScript SDK, its acks checked against the server's tail. */
  private static double[] tsAppend(
      TsBench ts,
      String stream,
      int bodyBytes,
      long count,
      long rate,
      ToLongFunction<String> tail) {
    long before = tail.applyAsLong(stream);
    TsBench.Result r = ts.append(stream, bodyBytes, count, ProducerBenchmark.BODIES, rate);
    Checks.same(r.records, count, "records appended by the TypeScript SDK");
    Checks.same(r.firstSeqNum, before, "first seq num acknowledged to the TypeScript SDK");
    Checks.same(
        r.lastSeqNum, before + count - 1, "last seq num acknowledged to the TypeScript SDK");
    Checks.same(
        tail.applyAsLong(stream) - before,
        count,
        "records the server appended for the TypeScript SDK");
    return new double[] {r.millis * 1000, count, r.p50Millis * 1000, r.p99Millis * 1000};
  }

  private static void read(int bodyBytes, double seconds) throws Exception {
    Blackhole bh = blackhole();
    ReadSessionBenchmark b = new ReadSessionBenchmark();
    b.bodyBytes = bodyBytes;
    b.setup(bh);
    String load = loadAverage();
    try (TsBench ts = TsBench.start(b.server.endpoint(), "fetch")) {
      long count = b.count;
      TimedOp[] ops = {
        () -> timed(count, b::sdkReadSession),
        () -> timed(count, () -> b.splitAndTokenize(bh)),
        () -> timed(count, b::splitEvents),
        () -> tsRead(ts, b.stream, count, bodyBytes),
        () -> timed(count, b::rawSocket),
      };
      rounds(ops, seconds, false, bh);
      double[][][] m = rounds(ops, seconds, true, bh);
      double sdk = median(m, t -> t[0][0]);
      double tsTime = median(m, t -> t[3][0]);
      System.out.printf(
          "| %s | %,.0f | %.1f | %,.0f | %.1f | %s | %s | %s | %s | %.1f, %.1f, %.1f, %.1f, %.1f | %d | %s, %s |%n",
          size(bodyBytes),
          count / (sdk / 1e6),
          mb(count * bodyBytes, sdk),
          count / (tsTime / 1e6),
          mb(count * bodyBytes, tsTime),
          ratio(m, t -> t[3][0] / t[0][0]),
          ratio(m, t -> t[0][0] / t[1][0]),
          ratio(m, t -> t[0][0] / t[2][0]),
          ratio(m, t -> t[4][0] / t[0][0]),
          sdk / 1e3,
          median(m, t -> t[1][0]) / 1e3,
          median(m, t -> t[2][0]) / 1e3,
          tsTime / 1e3,
          median(m, t -> t[4][0]) / 1e3,
          m.length,
          load,
          loadAverage());
    } finally {
      b.tearDown();
    }
  }

  private static void append(int bodyBytes, double seconds, boolean paced) throws Exception {
    Blackhole bh = blackhole();
    ProducerBenchmark b = new ProducerBenchmark();
    b.bodyBytes = bodyBytes;
    b.setup();
    String load = loadAverage();
    long rate = paced ? RecordBodies.pacedRate(bodyBytes) : 0;
    long count = paced ? 2 * rate : b.count;
    try (TsBench ts = TsBench.start(b.server.endpoint(), "fetch")) {
      List<TimedOp> ops =
          new ArrayList<>(
              List.of(
                  () -> stats(paced ? b.paced(false) : b.javaProducer()),
                  () -> stats(paced ? b.paced(true) : b.javaProducerNagle()),
                  () -> tsAppend(ts, b.stream, bodyBytes, count, rate, b.server::tail)));
      if (!paced) {
        ops.add(
            () -> {
              long start = System.nanoTime();
              long records = b.rawAppend();
              return new double[] {
                (System.nanoTime() - start) / 1e3, records, Double.NaN, Double.NaN
              };
            });
      }
      long protobufBefore = b.server.protobufAppends();
      TimedOp[] all = ops.toArray(new TimedOp[0]);
      rounds(all, seconds, false, bh);
      double[][][] m = rounds(all, seconds, true, bh);
      if (b.server.protobufAppends() == protobufBefore) {
        throw new IllegalStateException(
            "the TypeScript SDK sent no protobuf append: not the path measured");
      }
      if (paced) {
        System.out.printf(
            "| %s | %,d | %s | %s | %s | %s | %s | %d | %s, %s |%n",
            size(bodyBytes),
            rate,
            latencies(m, 0),
            latencies(m, 1),
            latencies(m, 2),
            ratio(m, t -> t[0][3] / t[2][3]),
            ratio(m, t -> t[1][3] / t[2][3]),
            m.length,
            load,
            loadAverage());
        return;
      }
      printAppend(m, bodyBytes, count, load, 3);
    } finally {
      b.tearDown();
    }
  }

  /**
   * The two rows of an append measurement: operations 0 (the Java SDK as shipped) and 1 (given a
   * caller's OkHttp client, Nagle's algorithm on) against operation 2 (the TypeScript SDK), and the
   * raw client's records/s from operation {@code raw} (none when negative).
   */
  private static void printAppend(double[][][] m, int bodyBytes, long count, String load, int raw) {
    double tsTime = median(m, t -> t[2][0]);
    for (int k = 0; k < 2; k++) {
      int j = k;
      double java = median(m, t -> t[j][0]);
      System.out.printf(
          "| %s | %s | %,.0f | %.1f | %s | %,.0f | %.1f | %s | %s | %s | %s | %d | %s, %s |%n",
          size(bodyBytes),
          k == 0 ? "as shipped" : "Nagle on",
          count / (java / 1e6),
          mb(count * bodyBytes, java),
          latencies(m, j),
          count / (tsTime / 1e6),
          mb(count * bodyBytes, tsTime),
          latencies(m, 2),
          ratio(m, t -> t[2][0] / t[j][0]),
          ratio(m, t -> t[j][3] / t[2][3]),
          raw < 0 ? "n/a" : String.format("%,.0f", median(m, t -> t[raw][1] / (t[raw][0] / 1e6))),
          m.length,
          load,
          loadAverage());
    }
  }

  /** The medians over the rounds of an operation's p50 and p99 latency, in ms. */
  private static String latencies(double[][][] m, int op) {
    return String.format(
        "%.1f / %.1f", median(m, t -> t[op][2]) / 1e3, median(m, t -> t[op][3]) / 1e3);
  }

  @FunctionalInterface
  private interface Counted {
    Object run() throws Exception;
  }

  private static double[] timed(long records, Counted op) throws Exception {
    long start = System.nanoTime();
    op.run();
    return new double[] {(System.nanoTime() - start) / 1e3, records, Double.NaN, Double.NaN};
  }

  /**
   * Rounds of every operation once, in an order rotated each round, for {@code seconds} (at least 5
   * rounds).
   */
  private static double[][][] rounds(TimedOp[] ops, double seconds, boolean measure, Blackhole bh)
      throws Exception {
    List<double[][]> rounds = new ArrayList<>();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end || (measure && rounds.size() < MIN_ROUNDS)) {
      int n = rounds.size();
      double[][] round = new double[ops.length][];
      for (int k = 0; k < ops.length; k++) {
        int op = (n + k) % ops.length;
        round[op] = ops[op].run();
        bh.consume(round[op]);
      }
      rounds.add(round);
    }
    return rounds.toArray(new double[0][][]);
  }

  private static double median(double[][][] rounds, ToDoubleFunction<double[][]> f) {
    return percentile(rounds, f, 0.5);
  }

  private static String ratio(double[][][] rounds, ToDoubleFunction<double[][]> f) {
    return String.format(
        "**%.2f** (%.2f to %.2f)",
        percentile(rounds, f, 0.5), percentile(rounds, f, 0.25), percentile(rounds, f, 0.75));
  }

  private static double percentile(double[][][] rounds, ToDoubleFunction<double[][]> f, double p) {
    double[] v = Arrays.stream(rounds).mapToDouble(f).sorted().toArray();
    return v[(int) Math.min(v.length - 1, Math.round(p * (v.length - 1)))];
  }

  private static double mb(long bytes, double micros) {
    return bytes / 1e6 / (micros / 1e6);
  }

  private static String size(int bytes) {
    return bytes >= 1024 ? (bytes / 1024) + " KiB" : bytes + " B";
  }

  /** The 1-minute load average (Linux), to show how busy the shared machine was. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }

  static Blackhole blackhole() {
    return new Blackhole(
        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
  }
}
