package dev.s2.bench;

import dev.s2.client.ReadOptions;
import dev.s2.client.ReadSession;
import dev.s2.client.S2Client;
import dev.s2.client.S2Stream;
import dev.s2.client.SequencedRecord;
import dev.s2.client.SessionTransport;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * One read session over SSE of {@link RecordBodies#readCount} records of {@code bodyBytes} bytes
 * from {@link RecordServer}, which serves precomputed bytes ({@link SseFeed}). Against the limits
 * of {@link SseLimits}: (a) {@link #splitEvents} and (b) {@link #splitAndTokenize}; goal: {@link
 * #sdkReadSession} within 1.5x of (b). {@link #rawSocket} shows the server is not the bottleneck.
 * The official TypeScript SDK reading the same server is measured beside these, operation by
 * operation, by {@link RecordRatios} (it is another process).
 *
 * <p>The SDK's client is pinned to {@link SessionTransport#SSE_AND_UNARY}; the same read over S2S
 * (HTTP/2, from {@link S2sServer}) is measured by {@link RecordRatios}' {@code s2s-read} row with
 * {@link #readAll}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReadSessionBenchmark {
  /** The record body size in bytes. */
  @Param({"16", "1024", "65536"})
  public int bodyBytes;

  RecordServer server;
  SseFeed feed;
  String stream;
  long count;
  private S2Client client;
  private S2Stream s2Stream;
  private OkHttpClient http;
  private SseLimits limits;
  private RawSseClient raw;

  /** Starts the server and the clients, and checks that every path reads every record. */
  @Setup
  public void setup(Blackhole bh) throws IOException {
    feed = new SseFeed(bodyBytes);
    stream = RecordBodies.stream(bodyBytes);
    count = RecordBodies.readCount(bodyBytes);
    server = RecordServer.start().feed(stream, feed);
    client = ProducerBenchmark.client(server.endpoint(), SessionTransport.SSE_AND_UNARY, false);
    s2Stream = client.basin("bench-basin").stream(stream);
    http = new OkHttpClient();
    limits = new SseLimits(http, server.endpoint());
    raw = new RawSseClient(server.port());
    Checks.same(sdkReadSession(), count * bodyBytes, "body bytes read by the SDK");
    Checks.same(splitEvents(), feed.batches(count), "batch events split");
    Checks.same(
        splitAndTokenize(bh), 5L * feed.batches(count) + 8L * count, "tokens of the batches");
    Checks.same(rawSocket(), feed.eventBytes(count), "bytes of the SSE events");
  }

  /** Closes the clients and the server. */
  @TearDown
  public void tearDown() throws IOException {
    client.close();
    raw.close();
    OkHttpClients.shutdown(http);
    server.close();
  }

  /**
   * The SDK: a read session over SSE from the first record, bounded by {@code count}, iterated
   * record by record; each record's seq num is checked and its body's length summed.
   *
   * @return the body bytes read
   */
  @Benchmark
  public long sdkReadSession() {
    return readAll(s2Stream, count);
  }

  /**
   * A read session of {@code count} records from {@link SseFeed#BASE_SEQ_NUM}, over whichever
   * transport the stream's client uses, each record's seq num checked.
   *
   * @return the body bytes read
   */
  static long readAll(S2Stream s2Stream, long count) {
    long expected = SseFeed.BASE_SEQ_NUM;
    long bytes = 0;
    try (ReadSession session =
        s2Stream.readSession(ReadOptions.fromSeqNum(SseFeed.BASE_SEQ_NUM).withCount(count))) {
      for (SequencedRecord r : session) {
        if (r.seqNum() != expected++) {
          throw new IllegalStateException(
              "expected seq num " + (expected - 1) + " but read " + r.seqNum());
        }
        bytes += r.bodyBuffer().remaining();
      }
    }
    Checks.same(expected - SseFeed.BASE_SEQ_NUM, count, "records read");
    return bytes;
  }

  /** (a) OkHttp, the same request, the body only split into events. */
  @Benchmark
  public long splitEvents() throws IOException {
    return limits.split(stream, SseFeed.BASE_SEQ_NUM, count);
  }

  /** (b) (a) plus Moshi's {@code JsonReader} walking every token of every batch. */
  @Benchmark
  public long splitAndTokenize(Blackhole bh) throws IOException {
    return limits.splitAndTokenize(stream, SseFeed.BASE_SEQ_NUM, count, bh);
  }

  /** The server's limit: a raw keep-alive socket reading the chunked body without parsing it. */
  @Benchmark
  public long rawSocket() throws IOException {
    return raw.read(stream, SseFeed.BASE_SEQ_NUM, count);
  }
}
