package dev.s2.bench;

import dev.s2.client.AppendRecord;
import dev.s2.client.Producer;
import dev.s2.client.RecordAck;
import dev.s2.client.S2Client;
import dev.s2.client.S2Stream;
import dev.s2.client.SessionTransport;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A producer with the default options (5 ms linger, batches of 1000 records or 1 MiB, 2 appends in
 * flight, 5 MiB unacknowledged) appending {@link RecordBodies#appendCount} records of {@code
 * bodyBytes} bytes to {@link RecordServer}, which acknowledges at once (checking {@code
 * match_seq_num}). One operation: a new producer, every record submitted as fast as {@code submit}
 * accepts them, then {@code close()} (every record acknowledged). Each record's latency is the time
 * from {@code submit} to the completion of its future. The official TypeScript SDK's producer is
 * measured beside it by {@link RecordRatios}; {@link #rawAppend} shows the server is not the
 * bottleneck.
 *
 * <p>{@link #javaProducer} is the SDK as it ships (its own OkHttp client, sockets with {@code
 * TCP_NODELAY}); {@link #javaProducerNagle} is the same SDK given a caller's {@code new
 * OkHttpClient()} through the public {@code okHttpClient} option: OkHttp's default sockets, Nagle's
 * algorithm on, as the SDK's own client was before it set {@code TCP_NODELAY} (BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ProducerBenchmark {
  /** Distinct bodies submitted in turn. */
  static final int BODIES = 64;

  /** The record body size in bytes. */
  @Param({"16", "1024", "65536"})
  public int bodyBytes;

  RecordServer server;
  String stream;
  long count;
  private S2Client client;
  private S2Stream s2Stream;
  private S2Client nagleClient;
  private S2Stream nagleStream;
  private byte[][] bodies;
  private long[] latencies;
  private long[] seqNums;
  private RawAppendClient raw;

  /** What one run of a producer did: its records, its time and the latencies of its records. */
  static final class Run {
    final long records;
    final long nanos;
    final long p50Nanos;
    final long p99Nanos;

    Run(long records, long nanos, long p50Nanos, long p99Nanos) {
      this.records = records;
      this.nanos = nanos;
      this.p50Nanos = p50Nanos;
      this.p99Nanos = p99Nanos;
    }
  }

  /** Starts the server and the clients, and checks one run of each. */
  @Setup
  public void setup() throws IOException {
    prepare();
    server = RecordServer.start();
    client = client(server.endpoint(), SessionTransport.SSE_AND_UNARY, false);
    s2Stream = client.basin("bench-basin").stream(stream);
    nagleClient = client(server.endpoint(), SessionTransport.SSE_AND_UNARY, true);
    nagleStream = nagleClient.basin("bench-basin").stream(stream);
    raw = new RawAppendClient(server.port(), "raw-" + stream, bodyBytes);
    long before = server.tail(stream);
    Checks.same(javaProducer().records, count, "records appended by the producer");
    Checks.same(javaProducerNagle().records, count, "records appended by the producer (Nagle on)");
    Checks.same(server.tail(stream) - before, 2 * count, "records the server appended");
    Checks.same(rawAppend() >= count ? 1 : 0, 1, "raw appends reached the count");
  }

  /**
   * The stream, the count and the bodies of {@code bodyBytes}, without a server (the S2S rows bring
   * theirs).
   */
  void prepare() {
    stream = RecordBodies.stream(bodyBytes);
    count = RecordBodies.appendCount(bodyBytes);
    bodies = RecordBodies.bodies(bodyBytes, BODIES);
    latencies = new long[(int) count];
    seqNums = new long[(int) count];
  }

  /**
   * A client of the benchmark server at {@code endpoint} (account and basin), on the given
   * transport, with its own OkHttp client or, with {@code nagle}, a caller's {@code new
   * OkHttpClient()} (Nagle's algorithm on).
   */
  static S2Client client(String endpoint, SessionTransport transport, boolean nagle) {
    S2Client.Builder b =
        S2Client.builder()
            .accessToken("bench-token")
            .baseUrl(endpoint)
            .basinEndpoint(endpoint)
            .sessionTransport(transport);
    return (nagle ? b.okHttpClient(new OkHttpClient()) : b).build();
  }

  /** Closes the clients and the server. */
  @TearDown
  public void tearDown() throws IOException {
    client.close();
    nagleClient.close();
    raw.close();
    server.close();
  }

  /** The SDK's producer: submit every record, close; the seq nums must be consecutive. */
  @Benchmark
  public Run javaProducer() {
    return produce(s2Stream, count, 0);
  }

  /** The same given a caller's {@code new OkHttpClient()}: Nagle's algorithm on. */
  @Benchmark
  public Run javaProducerNagle() {
    return produce(nagleStream, count, 0);
  }

  /**
   * A run at a fixed rate instead of as fast as possible ({@link RecordRatios}' paced rows): two
   * seconds of {@link RecordBodies#pacedRate} records a second, each millisecond the records due by
   * then.
   */
  Run paced(boolean nagle) {
    long rate = RecordBodies.pacedRate(bodyBytes);
    return produce(nagle ? nagleStream : s2Stream, 2 * rate, rate);
  }

  /**
   * One producer on {@code target}: {@code records} records submitted as fast as accepted ({@code
   * rate} 0) or at {@code rate} a second, then closed; the seq nums must be consecutive.
   */
  Run produce(S2Stream target, long records, long rate) {
    int n = (int) records;
    if (latencies.length < n) {
      latencies = new long[n];
      seqNums = new long[n];
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long start = System.nanoTime();
    try (Producer producer = target.producer()) {
      for (int i = 0; i < n; i++) {
        while (rate > 0 && i >= (System.nanoTime() - start) * rate / 1_000_000_000L + 1) {
          LockSupport.parkNanos(1_000_000);
        }
        int index = i;
        long submitted = System.nanoTime();
        producer
            .submit(AppendRecord.of(bodies[i % BODIES]))
            .whenComplete(
                (RecordAck ack, Throwable e) -> {
                  latencies[index] = System.nanoTime() - submitted;
                  if (e != null) {
                    failure.compareAndSet(null, e);
                  } else {
                    seqNums[index] = ack.seqNum();
                  }
                });
      }
    }
    long nanos = System.nanoTime() - start;
    if (failure.get() != null) {
      throw new IllegalStateException("a record failed", failure.get());
    }
    for (int i = 1; i < n; i++) {
      if (seqNums[i] != seqNums[0] + i) {
        throw new IllegalStateException(
            "record " + i + " got seq num " + seqNums[i] + ", not " + (seqNums[0] + i));
      }
    }
    return run(n, nanos, latencies);
  }

  /** The server's limit: full JSON batches over a raw socket, one at a time. */
  @Benchmark
  public long rawAppend() throws IOException {
    return raw.append(count);
  }

  /** A run's figures; sorts {@code latencies}. */
  static Run run(long records, long nanos, long[] latencies) {
    Arrays.sort(latencies, 0, (int) records);
    return new Run(
        records, nanos, percentile(latencies, records, 0.50), percentile(latencies, records, 0.99));
  }

  private static long percentile(long[] sorted, long n, double p) {
    return sorted[(int) Math.min(n - 1, Math.round(p * (n - 1)))];
  }
}
