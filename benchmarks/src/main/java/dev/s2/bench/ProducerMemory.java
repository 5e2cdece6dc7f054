package dev.s2.bench;

import dev.s2.client.AppendRecord;
import dev.s2.client.Producer;
import dev.s2.client.ProducerOptions;
import dev.s2.client.S2Client;
import dev.s2.client.S2InterruptedException;
import dev.s2.client.S2Stream;
import dev.s2.client.SessionTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Heap held by a producer whose server stopped acknowledging, against its bound on unacknowledged
 * bytes ({@link ProducerOptions#maxUnackedBytes()}, 5 MiB by default). Run it in its own JVM with a
 * small heap, once per size:
 *
 * <pre>java -Xmx64m -cp benchmarks/target/benchmarks.jar dev.s2.bench.ProducerMemory 1024 [s2s]
 * </pre>
 *
 * <p>The server runs in a child JVM (its buffers are not counted): a {@link RecordServer} for unary
 * appends, or with {@code s2s} an {@link S2sServer} for an S2S append session; it reads every
 * append without answering. A thread submits records until {@code submit} blocks; once no record
 * was accepted for a second, the live heap (after a full GC) is sampled ten times over two seconds.
 * It prints the records accepted and their metered bytes, the live heap above the baseline taken
 * before the producer, that heap over the bound, the heap per record accepted, and the heap pools'
 * peak use. The JVM then exits (the producer cannot close: nothing will ever be acknowledged).
 */
public final class ProducerMemory {
  private ProducerMemory() {}

  /**
   * Runs the producer against the stalled server and prints one Markdown table row.
   *
   * @param args the body size in bytes (default 1024), then optionally {@code s2s} (the producer on
   *     {@code SessionTransport.S2S}, else {@code SSE_AND_UNARY}) and {@code histogram} (the top of
   *     the live heap's class histogram is printed to stderr: what the heap above the bound is made
   *     of)
   * @throws InterruptedException if interrupted while waiting
   * @throws IOException if the server process cannot start
   */
  public static void main(String[] args) throws InterruptedException, IOException {
    int bodyBytes = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
    String stream = RecordBodies.stream(bodyBytes);
    List<String> flags = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    boolean s2s = flags.contains("s2s");
    Process server = RecordServer.startChild(true, s2s);
    String endpoint = RecordServer.childEndpoint(server);
    S2Client client =
        S2Client.builder()
            .accessToken("bench-token")
            .baseUrl(endpoint)
            .basinEndpoint(endpoint)
            .requestTimeout(Duration.ofMinutes(10))
            .sessionTransport(s2s ? SessionTransport.S2S : SessionTransport.SSE_AND_UNARY)
            .build();
    S2Stream s2Stream = client.basin("bench-basin").stream(stream);
    byte[][] bodies = RecordBodies.bodies(bodyBytes, ProducerBenchmark.BODIES);
    long baseline = Heap.live();
    Heap heap = Heap.trackPeak();
    Producer producer = s2Stream.producer();
    AtomicLong accepted = new AtomicLong();
    Thread submitter =
        new Thread(
            () -> {
              try {
                for (int i = 0; ; i++) {
                  producer.submit(AppendRecord.of(bodies[i % bodies.length]));
                  accepted.incrementAndGet();
                }
              } catch (S2InterruptedException e) {
                // the measurement is over
              }
            },
            "submitter");
    submitter.setDaemon(true);
    submitter.start();
    long last = -1;
    while (accepted.get() != last) { // until a second passes without a record accepted
      last = accepted.get();
      Thread.sleep(1000);
    }
    long maxLive = 0;
    for (int i = 0; i < 10; i++) {
      maxLive = Math.max(maxLive, Heap.live());
      Thread.sleep(200);
    }
    Checks.same(accepted.get(), last, "records accepted while the server stalls");
    if (flags.contains("histogram")) {
      System.err.println(Heap.histogram(25));
    }
    long bound = ProducerOptions.defaults().maxUnackedBytes();
    long metered = last * (8L + bodyBytes);
    long held = maxLive - baseline;
    System.out.printf(
        "| %s | %d B | %d MB | %.0f MiB | %,d | %.2f MiB | %.2f MB | %.2f | %,d B | %.1f MB |%n",
        s2s ? "S2S" : "unary",
        bodyBytes,
        Heap.max() >> 20,
        Heap.mb(bound),
        last,
        Heap.mb(metered),
        Heap.mb(held),
        (double) held / bound,
        held / Math.max(1, last),
        Heap.mb(heap.peakUsed()));
    server.destroy();
    System.exit(0);
  }
}
