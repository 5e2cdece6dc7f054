package dev.s2.bench;

import dev.s2.client.ReadBatch;
import dev.s2.client.ReadOptions;
import dev.s2.client.ReadSession;
import dev.s2.client.S2Client;
import dev.s2.client.S2Stream;
import dev.s2.client.SequencedRecord;
import dev.s2.client.SessionTransport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Heap held by a read session over many records, to show that it stays at a few batches whatever
 * the total. Run it in its own JVM with a small heap, once per size:
 *
 * <pre>
 * java -Xmx32m -cp benchmarks/target/benchmarks.jar dev.s2.bench.ReadSessionMemory 10000000 16 [s2s [histogram]]
 * </pre>
 *
 * <p>The server runs in a child JVM, so that only the client's heap is measured: a {@link
 * RecordServer} (SSE), or with {@code s2s} an {@link S2sServer} (an S2S read session). It measures,
 * with full GCs so that only live objects count: the retained size of one decoded batch (four
 * batches kept at once, averaged); the live heap before the session (server, client, classes); the
 * live heap at 20 points in the middle of batches while the session is iterated record by record
 * (its maximum minus the baseline, in batches, is what the session holds); and the heap pools' peak
 * use, garbage included.
 */
public final class ReadSessionMemory {
  private static final int SAMPLES = 20;

  private ReadSessionMemory() {}

  /**
   * Reads the records and prints one Markdown table row.
   *
   * @param args the number of records, then the body size in bytes (default 16), then optionally
   *     {@code s2s} or {@code sse} (the default), then optionally {@code histogram}: the top of the
   *     live heap's class histogram at the middle sample is printed to stderr (what the session
   *     holds)
   * @throws IOException if the server process cannot start
   */
  public static void main(String[] args) throws IOException {
    long records = Long.parseLong(args[0]);
    int bodyBytes = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    SseFeed feed = new SseFeed(bodyBytes);
    String stream = RecordBodies.stream(bodyBytes);
    boolean s2s = args.length > 2 && args[2].equals("s2s");
    boolean histogram = args.length > 3 && args[3].equals("histogram");
    Process server = RecordServer.startChild(false, s2s);
    String endpoint = RecordServer.childEndpoint(server);
    try (S2Client client =
        S2Client.builder()
            .accessToken("bench-token")
            .baseUrl(endpoint)
            .basinEndpoint(endpoint)
            .sessionTransport(s2s ? SessionTransport.S2S : SessionTransport.SSE_AND_UNARY)
            .build()) {
      S2Stream s2Stream = client.basin("bench-basin").stream(stream);
      long batch = retainedBatchBytes(s2Stream, feed);
      long baseline = Heap.live();
      Heap heap = Heap.trackPeak();
      int perBatch = feed.recordsPerBatch;
      long sampleEvery = Math.max(1, feed.batches(records) / SAMPLES);
      long maxLive = 0;
      long n = 0;
      long start = System.nanoTime();
      try (ReadSession session =
          s2Stream.readSession(ReadOptions.fromSeqNum(SseFeed.BASE_SEQ_NUM).withCount(records))) {
        for (SequencedRecord r : session) {
          if (r.seqNum() != SseFeed.BASE_SEQ_NUM + n) {
            throw new IllegalStateException("record " + n + " has seq num " + r.seqNum());
          }
          n++;
          if (n % perBatch == perBatch / 2 && (n / perBatch) % sampleEvery == 0) {
            maxLive = Math.max(maxLive, Heap.live());
            if (histogram && n / perBatch == sampleEvery * (SAMPLES / 2)) {
              System.err.println(Heap.histogram(15));
            }
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Checks.same(n, records, "records read");
      System.out.printf(
          "| %s | %,d | %d B | %d MB | %.2f MB | %.2f MB | %.2f MB | %.2f | %.1f MB | %.0f s |%n",
          s2s ? "S2S" : "SSE",
          records,
          bodyBytes,
          Heap.max() >> 20,
          Heap.mb(batch),
          Heap.mb(baseline),
          Heap.mb(maxLive),
          (double) (maxLive - baseline) / batch,
          Heap.mb(heap.peakUsed()),
          seconds);
    } finally {
      server.destroy();
    }
  }

  /** The live heap one decoded batch holds, averaged over four batches kept at once. */
  private static long retainedBatchBytes(S2Stream stream, SseFeed feed) {
    try (ReadSession session =
        stream.readSession(
            ReadOptions.fromSeqNum(SseFeed.BASE_SEQ_NUM).withCount(5L * feed.recordsPerBatch))) {
      Iterator<ReadBatch> batches = session.batches().iterator();
      List<ReadBatch> kept = new ArrayList<>();
      kept.add(batches.next()); // opens the connection and loads classes before measuring
      long before = Heap.live();
      for (int i = 0; i < 4; i++) {
        kept.add(batches.next());
      }
      long after = Heap.live();
      Checks.same(kept.size(), 5, "batches kept");
      return (after - before) / 4;
    }
  }
}
