package dev.s2.client;

import dev.s2.testing.EmbeddedS2;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Append and read throughput of the two session paths, S2S and SSE/unary, against the embedded S2 on loopback, in
 * one run (a program, not a test: {@code BENCHMARKS.md} says how to run it). Each round appends {@code N} records
 * with a producer on a fresh stream and reads them back with a read session, once per path; the order of the two
 * paths alternates from round to round, so that a slow phase of a shared machine falls on both. Prints each
 * round's figures, then the median of each and the median of the per-round ratios S2S / SSE-and-unary.
 *
 * <p>Arguments: rounds (default 7), records per round (default 100,000), body bytes (default 100).
 */
final class SessionThroughput {
  private static final String BASIN = "bench-sessions";

  private SessionThroughput() {}

  /**
   * Runs the measurement.
   *
   * @param args rounds, records, body bytes
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int bodyBytes = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    byte[] body = new byte[bodyBytes];
    Arrays.fill(body, (byte) 'x');
    List<double[]> s2s = new ArrayList<>();
    List<double[]> unary = new ArrayList<>();
    try (EmbeddedS2 s2 = EmbeddedS2.builder().basins(BASIN).requestLogCapacity(100).start()) {
      run(s2, SessionTransport.S2S, n, body); // warm-up of both paths, not counted
      run(s2, SessionTransport.SSE_AND_UNARY, n, body);
      for (int r = 0; r < rounds; r++) {
        boolean s2sFirst = r % 2 == 0;
        double[] a = run(s2, s2sFirst ? SessionTransport.S2S : SessionTransport.SSE_AND_UNARY, n, body);
        double[] b = run(s2, s2sFirst ? SessionTransport.SSE_AND_UNARY : SessionTransport.S2S, n, body);
        double[] s = s2sFirst ? a : b;
        double[] u = s2sFirst ? b : a;
        s2s.add(s);
        unary.add(u);
        System.out.printf(Locale.ROOT, "round %d: append %,.0f vs %,.0f records/s (%.2fx), read %,.0f vs %,.0f"
            + " records/s (%.2fx)%n", r + 1, s[0], u[0], s[0] / u[0], s[1], u[1], s[1] / u[1]);
      }
    }
    System.out.printf(Locale.ROOT, "%d rounds of %,d records of %d bytes: append S2S %,.0f, unary %,.0f records/s,"
            + " ratio %.2f; read S2S %,.0f, SSE %,.0f records/s, ratio %.2f (medians)%n", rounds, n, bodyBytes,
        median(s2s, 0), median(unary, 0), medianRatio(s2s, unary, 0), median(s2s, 1), median(unary, 1),
        medianRatio(s2s, unary, 1));
  }

  /** Appends n records with a producer, then reads them with a read session; returns records/s of each. */
  private static double[] run(EmbeddedS2 s2, SessionTransport transport, int n, byte[] body) {
    String name = "t-" + System.nanoTime();
    s2.createStream(BASIN, name);
    try (S2Client client = S2Client.builder().accessToken(s2.accessToken()).baseUrl(s2.accountEndpoint().toString())
        .basinEndpoint(s2.basinEndpoint().toString()).sessionTransport(transport).build()) {
      S2Stream stream = client.basin(BASIN).stream(name);
      long start = System.nanoTime();
      try (Producer producer = stream.producer(ProducerOptions.builder().matchSeqNum(0).build())) {
        for (int i = 0; i < n; i++) {
          producer.submit(AppendRecord.of(body));
        }
      }
      double append = n / ((System.nanoTime() - start) / 1e9);
      start = System.nanoTime();
      long read = 0;
      try (ReadSession session = stream.readSession(ReadOptions.fromSeqNum(0).withCount(n))) {
        for (SequencedRecord r : session) {
          read += r.body().length > 0 ? 1 : 0;
        }
      }
      if (read != n) {
        throw new IllegalStateException("read " + read + " records, expected " + n);
      }
      return new double[] {append, n / ((System.nanoTime() - start) / 1e9)};
    }
  }

  private static double median(List<double[]> runs, int i) {
    double[] values = runs.stream().mapToDouble(r -> r[i]).sorted().toArray();
    return values[values.length / 2];
  }

  private static double medianRatio(List<double[]> a, List<double[]> b, int i) {
    double[] ratios = new double[a.size()];
    for (int k = 0; k < ratios.length; k++) {
      ratios[k] = a.get(k)[i] / b.get(k)[i];
    }
    Arrays.sort(ratios);
    return ratios[ratios.length / 2];
  }
}
