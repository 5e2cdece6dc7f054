package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.s2.client.ProducerFixtures.HandSleeper;
import dev.s2.testing.AppendedRecord;
import dev.s2.testing.EmbeddedS2;
import dev.s2.testing.EmbeddedS2Extension;
import dev.s2.testing.FaultHandle;
import dev.s2.testing.InjectedError;
import dev.s2.testing.Operation;
import dev.s2.testing.RecordedRequest;
import dev.s2.testing.RequestMatcher;
import dev.s2.testing.S2sCut;
import dev.s2.testing.S2sInjection;
import dev.s2.testing.S2sStall;
import dev.s2.testing.S2sStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The producer over S2S append sessions against the embedded S2: cut sessions with batches in flight, compressed
 * inputs, terminal frames, the acknowledgement timeout, backpressure, a server advising to reconnect. Each test
 * checks the stream holds exactly what was submitted, and proves from the server's log that S2S carried it.
 */
@Timeout(180)
class S2sProducerTest {
  private static final String BASIN = "s2s-producers";

  @RegisterExtension
  static final EmbeddedS2Extension S2 =
      EmbeddedS2Extension.configure(b -> b.basins(BASIN).requestLogCapacity(20_000));

  @AfterEach
  void clearFaults(EmbeddedS2 s2) {
    s2.faults().clear();
  }

  /** A client of the embedded S2 on S2S (the embedded S2 speaks h2c), retries recorded and not waited for. */
  static S2Client.Builder client(EmbeddedS2 s2, Sleeper retries) {
    return S2Client.builder()
        .accessToken(s2.accessToken())
        .baseUrl(s2.accountEndpoint().toString())
        .basinEndpoint(s2.basinEndpoint().toString())
        .sessionTransport(SessionTransport.S2S)
        .appendRetryPolicy(AppendRetryPolicy.NO_SIDE_EFFECTS)
        .sleeper(retries)
        .jitter(() -> 0);
  }

  private static S2Stream newStream(EmbeddedS2 s2, S2Client client) {
    String name = "p-" + System.nanoTime();
    s2.createStream(BASIN, name);
    return client.basin(BASIN).stream(name);
  }

  private static List<String> stored(EmbeddedS2 s2, S2Stream stream) {
    return s2.records(BASIN, stream.name()).stream().map(AppendedRecord::bodyUtf8).collect(Collectors.toList());
  }

  private static List<RecordedRequest> appendRequests(EmbeddedS2 s2, S2Stream stream) {
    return s2.requests().stream()
        .filter(r -> r.operation() == Operation.APPEND && stream.name().equals(r.stream().orElse(null)))
        .collect(Collectors.toList());
  }

  private static RequestMatcher sessionsOf(S2Stream stream) {
    return RequestMatcher.s2sAppendSessions().and(RequestMatcher.stream(BASIN, stream.name()));
  }

  /** Asserts every append of the stream was an S2S session over HTTP/2, and returns how many. */
  private static int assertAllOverS2s(EmbeddedS2 s2, S2Stream stream) {
    List<RecordedRequest> appends = appendRequests(s2, stream);
    assertThat(appends).isNotEmpty().allSatisfy(r -> {
      assertThat(r.s2sSession()).as("an S2S session: " + r).isTrue();
      assertThat(r.protocol()).isEqualTo("HTTP/2.0");
      assertThat(r.header("content-type")).contains("s2s/proto");
    });
    return appends.size();
  }

  private static ProducerOptions.Builder options(int batchRecords) {
    return ProducerOptions.builder().timer(HandSleeper.held()).maxBatchRecords(batchRecords);
  }

  @Test
  void hundredThousandRecordsThroughSessionsCutAtRandomPointsArriveOnceEachInOrder(EmbeddedS2 s2)
      throws Exception {
    HandSleeper retries = HandSleeper.immediate();
    try (S2Client client = client(s2, retries).build()) {
      S2Stream stream = newStream(s2, client);
      RequestMatcher sessions = sessionsOf(stream);
      // Every session is cut, where depends on its place in the request log: an ack lost after its input was
      // appended, an input cut in the middle, a cut after some acks, a cut in the middle of an ack (closing the
      // whole connection).
      List<FaultHandle> cuts = List.of(
          s2.faults().cutS2sSessions(sessions.and(r -> r.sequence() % 4 == 0),
              S2sCut.randomly(S2sCut.Measure.FRAMES_RECEIVED, 1, 1, 12).repeatedly()),
          s2.faults().cutS2sSessions(sessions.and(r -> r.sequence() % 4 == 1),
              S2sCut.randomly(S2sCut.Measure.BYTES_RECEIVED, 2, 1, 12_000).repeatedly()),
          s2.faults().cutS2sSessions(sessions.and(r -> r.sequence() % 4 == 2),
              S2sCut.randomly(S2sCut.Measure.FRAMES_SENT, 3, 1, 12).repeatedly()),
          s2.faults().cutS2sSessions(sessions.and(r -> r.sequence() % 4 == 3),
              S2sCut.randomly(S2sCut.Measure.BYTES_SENT, 4, 1, 300).repeatedly().closingConnection()));
      int n = 100_000;
      Producer producer = stream.producer(options(50)
          .retryPolicy(RetryPolicy.builder().maxAttempts(10).build()).build());
      List<CompletableFuture<RecordAck>> acks = new ArrayList<>(n);
      AtomicIntegerArray completions = new AtomicIntegerArray(n);
      List<String> submitted = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String body = String.format("record-%06d", i);
        submitted.add(body);
        int index = i;
        CompletableFuture<RecordAck> f = producer.submit(AppendRecord.of(body));
        f.whenComplete((ack, e) -> completions.incrementAndGet(index));
        acks.add(f);
      }
      producer.close();

      for (int i = 0; i < n; i++) {
        assertThat(completions.get(i)).as("completions of record %d", i).isEqualTo(1);
        assertThat(acks.get(i).getNow(null).seqNum()).isEqualTo(i);
      }
      assertThat(stored(s2, stream)).isEqualTo(submitted);
      int triggered = cuts.stream().mapToInt(FaultHandle::triggered).sum();
      int sessionsOpened = assertAllOverS2s(s2, stream);
      S2sStats stats = s2.s2sStats();
      assertThat(triggered).isGreaterThanOrEqualTo(200);
      assertThat(cuts).allSatisfy(c -> assertThat(c.triggered()).isPositive());
      assertThat(sessionsOpened).isGreaterThan(triggered);
      System.out.printf("S2S, 100,000 records in 2,000 batches: %d sessions, %d cuts (%d acks lost, %d inputs cut,"
              + " %d after acks, %d inside an ack closing the connection), %d inputs received (%d re-sent),"
              + " %d retry waits%n", sessionsOpened, triggered, cuts.get(0).triggered(), cuts.get(1).triggered(),
          cuts.get(2).triggered(), cuts.get(3).triggered(), stats.framesReceived(), stats.framesReceived() - 2000,
          retries.count());
    }
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void inputsOfOneKibibyteOrMoreAreCompressedAsTheClientChose(Compression compression, EmbeddedS2 s2)
      throws Exception {
    s2.clearRequests();
    try (S2Client client = client(s2, HandSleeper.immediate()).compression(compression).build()) {
      S2Stream stream = newStream(s2, client);
      List<byte[]> bodies = new ArrayList<>();
      try (Producer producer = stream.producer(options(4).build())) {
        for (int i = 0; i < 12; i++) {
          byte[] body = new byte[2048];
          for (int j = 0; j < body.length; j++) {
            body[j] = (byte) (i * 7 + j % 13 + (j % 3 == 0 ? 0x80 : 0)); // compressible, not UTF-8
          }
          bodies.add(body);
          producer.submit(AppendRecord.of(body));
        }
        producer.submit(AppendRecord.of("small")); // a last input under 1 KiB: never compressed
      }

      List<AppendedRecord> stored = s2.records(BASIN, stream.name());
      assertThat(stored).hasSize(13);
      for (int i = 0; i < 12; i++) {
        assertThat(stored.get(i).body()).isEqualTo(bodies.get(i));
      }
      assertThat(stored.get(12).bodyUtf8()).isEqualTo("small");
      // The server's counts take in every session (an earlier test's may still end meanwhile, with inputs under
      // 1 KiB): this producer's four inputs, three of them over 1 KiB.
      S2sStats stats = s2.s2sStats();
      assertThat(stats.framesReceived()).isGreaterThanOrEqualTo(4);
      assertThat(stats.compressedFramesReceived()).isEqualTo(compression == Compression.NONE ? 0 : 3);
      assertThat(stats.compressedFramesSent()).isZero(); // acks are far under 1 KiB
      assertThat(appendRequests(s2, stream)).singleElement().satisfies(r -> {
        assertThat(r.s2sSession()).isTrue();
        assertThat(r.header("accept-encoding")).contains(compression.acceptEncoding());
      });
    }
  }

  @Test
  void aFencingTokenRefusedInATerminalFrameIsTheTyped412WithTheStreamsToken(EmbeddedS2 s2) throws Exception {
    try (S2Client client = client(s2, HandSleeper.immediate()).build()) {
      S2Stream stream = newStream(s2, client);
      stream.append(List.of(AppendRecord.fence("owner-a")));
      s2.clearRequests();
      Producer producer = stream.producer(options(10).fencingToken("owner-b").build());

      CompletableFuture<RecordAck> ack = producer.submit(AppendRecord.of("refused"));
      producer.flushAsync();

      Throwable cause = catchThrowableOfType(ExecutionException.class, () -> ack.get(10, TimeUnit.SECONDS))
          .getCause();
      assertThat(cause).isInstanceOf(AppendConditionFailedException.class);
      AppendConditionFailedException e = (AppendConditionFailedException) cause;
      assertThat(e.status()).isEqualTo(412);
      assertThat(e.expectedFencingToken()).contains("owner-a");
      assertThat(e.getMessage()).contains("S2S terminal frame").contains("fencing token mismatch");
      assertThat(e.isRetryable()).isFalse();
      assertThat(stored(s2, stream)).hasSize(1); // the fence only
      assertAllOverS2s(s2, stream);
    }
  }

  @Test
  void aTerminal412SeqNumMismatchStopsTheProducerWithTheStreamsTail(EmbeddedS2 s2) throws Exception {
    try (S2Client client = client(s2, HandSleeper.immediate()).build()) {
      S2Stream stream = newStream(s2, client);
      s2.clearRequests();
      s2.faults().injectIntoS2sSessions(sessionsOf(stream), S2sInjection.terminal(412, "{\"seq_num_mismatch\":7}"));
      Producer producer = stream.producer(options(10).matchSeqNum(0).build());

      CompletableFuture<RecordAck> ack = producer.submit(AppendRecord.of("x"));
      producer.flushAsync();

      Throwable cause = catchThrowableOfType(ExecutionException.class, () -> ack.get(10, TimeUnit.SECONDS))
          .getCause();
      assertThat(cause).isInstanceOf(AppendConditionFailedException.class);
      AppendConditionFailedException e = (AppendConditionFailedException) cause;
      assertThat(e.expectedSeqNum()).hasValue(7);
      assertThat(e.getMessage()).contains("seq num mismatch: the stream's next seq num is 7");
      assertThatThrownBy(() -> producer.submit(AppendRecord.of("y"))).isInstanceOf(ProducerFailedException.class);
    }
  }

  @Test
  void aTerminal404IsNotFoundAndNotRetried(EmbeddedS2 s2) throws Exception {
    HandSleeper retries = HandSleeper.immediate();
    try (S2Client client = client(s2, retries).build()) {
      S2Stream stream = newStream(s2, client);
      s2.faults().injectIntoS2sSessions(sessionsOf(stream),
          S2sInjection.terminal(InjectedError.of(404, "stream_not_found")).repeatedly());
      s2.clearRequests();
      Producer producer = stream.producer(options(10).matchSeqNum(0).build());

      CompletableFuture<RecordAck> ack = producer.submit(AppendRecord.of("x"));
      producer.flushAsync();

      Throwable cause = catchThrowableOfType(ExecutionException.class, () -> ack.get(10, TimeUnit.SECONDS))
          .getCause();
      assertThat(cause).isInstanceOf(NotFoundException.class);
      assertThat(((NotFoundException) cause).code()).contains("stream_not_found");
      assertThat(retries.count()).isZero();
      assertThat(assertAllOverS2s(s2, stream)).isEqualTo(1);
    }
  }

  @Test
  void aTerminal503IsRetriedOnANewSessionAndNothingIsAppendedTwice(EmbeddedS2 s2) throws Exception {
    HandSleeper retries = HandSleeper.immediate();
    try (S2Client client = client(s2, retries).build()) {
      S2Stream stream = newStream(s2, client);
      FaultHandle unavailable = s2.faults().injectIntoS2sSessions(sessionsOf(stream),
          S2sInjection.terminal(InjectedError.unavailable()).afterFrames(2));
      s2.clearRequests();
      List<String> submitted = new ArrayList<>();
      try (Producer producer = stream.producer(options(10).matchSeqNum(0).build())) {
        for (int i = 0; i < 100; i++) {
          submitted.add("r" + i);
          producer.submit(AppendRecord.of("r" + i));
        }
      }

      assertThat(stored(s2, stream)).isEqualTo(submitted);
      assertThat(unavailable.triggered()).isEqualTo(1);
      assertThat(retries.count()).isPositive();
      // The embedded S2 writes an injected terminal frame after appending the input whose ack was due, which a
      // real server may do too: the 503 leaves that input's outcome unknown. Its re-send (second session) is
      // answered 412 with the tail just past it, which proves it was appended; the inputs behind it go on a third.
      // (The server's count of terminal frames is not used: it counts a frame once its write completed, which the
      // client's reset of the stream right after reading it may prevent.)
      assertThat(assertAllOverS2s(s2, stream)).isEqualTo(3);
    }
  }

  @Test
  void anAckThatDoesNotComeInTimeFailsTheSessionAndItsBatchesAreResentOnANewOne(EmbeddedS2 s2)
      throws Exception {
    HandSleeper retries = HandSleeper.immediate();
    HandSleeper ackTimer = HandSleeper.held();
    try (S2Client client = client(s2, retries).ackTimer(ackTimer).build()) {
      S2Stream stream = newStream(s2, client);
      FaultHandle stall = s2.faults().stallS2sAppendSessions(sessionsOf(stream), S2sStall.afterAcks(1));
      s2.clearRequests();
      Producer producer = stream.producer(options(10).matchSeqNum(0).build());
      List<CompletableFuture<RecordAck>> acks = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        acks.add(producer.submit(AppendRecord.of("r" + i)));
      }
      CompletableFuture<Void> flushed = producer.flushAsync();
      acks.get(0).get(10, TimeUnit.SECONDS); // the first batch was acknowledged, then the server stalled
      assertThat(stall.awaitTriggered(1, Duration.ofSeconds(10))).isTrue();
      SessionFixture.await("the three inputs' ack timers", () -> ackTimer.count() >= 3);
      assertThat(ackTimer.requested()).allMatch(d -> d.equals(Duration.ofSeconds(5))); // the request timeout
      assertThat(flushed).isNotDone();

      ackTimer.releaseAll(); // 5 s passed without the second and third acks

      flushed.get(10, TimeUnit.SECONDS);
      producer.close();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        expected.add("r" + i);
        assertThat(acks.get(i).get().seqNum()).isEqualTo(i);
      }
      assertThat(stored(s2, stream)).isEqualTo(expected);
      assertThat(assertAllOverS2s(s2, stream)).isEqualTo(2);
      assertThat(retries.count()).isEqualTo(2); // one backoff for each of the two batches the timeout failed
    }
  }

  @Test
  void withoutRetriesTheAckTimeoutFailsTheRecordsWithATimeout(EmbeddedS2 s2) throws Exception {
    HandSleeper ackTimer = HandSleeper.held();
    try (S2Client client = client(s2, HandSleeper.immediate()).ackTimer(ackTimer)
        .requestTimeout(Duration.ofMillis(1500)).build()) {
      S2Stream stream = newStream(s2, client);
      s2.faults().stallS2sAppendSessions(sessionsOf(stream), S2sStall.afterAcks(0));
      Producer producer = stream.producer(options(10).matchSeqNum(0).retryPolicy(RetryPolicy.none()).build());

      CompletableFuture<RecordAck> ack = producer.submit(AppendRecord.of("never acknowledged"));
      producer.flushAsync();
      SessionFixture.await("the input's ack timer", () -> ackTimer.count() == 1);
      ackTimer.releaseAll();

      Throwable cause = catchThrowableOfType(ExecutionException.class, () -> ack.get(10, TimeUnit.SECONDS))
          .getCause();
      assertThat(cause).isInstanceOf(S2TimeoutException.class)
          .hasMessageContaining("(S2S append session): no acknowledgement within 1500 ms (the request timeout)");
      assertThat(ackTimer.requested()).containsExactly(Duration.ofMillis(1500));
    }
  }

  @Test
  void submissionsWaitWhileUnacknowledgedBytesAreAtTheBound(EmbeddedS2 s2) throws Exception {
    try (S2Client client = client(s2, HandSleeper.immediate()).ackTimer(HandSleeper.held()).build()) {
      S2Stream stream = newStream(s2, client);
      FaultHandle stall = s2.faults().stallS2sAppendSessions(sessionsOf(stream), S2sStall.afterAcks(0));
      long bound = 64 * 1024;
      Producer producer = stream.producer(ProducerOptions.builder().timer(HandSleeper.held()).linger(Duration.ZERO)
          .maxBatchBytes(16 * 1024).maxUnackedBytes(bound).matchSeqNum(0).build());
      byte[] body = new byte[1016]; // 1024 metered bytes
      List<CompletableFuture<CompletableFuture<RecordAck>>> accepted = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        accepted.add(producer.submitAsync(AppendRecord.of(body)));
      }
      assertThat(accepted).allSatisfy(a -> assertThat(a).isDone()); // 64 KiB: exactly the bound

      CompletableFuture<CompletableFuture<RecordAck>> waiting = producer.submitAsync(AppendRecord.of(body));
      assertThat(stall.awaitTriggered(1, Duration.ofSeconds(10))).isTrue();
      assertThat(waiting).isNotDone();
      assertThat(producer.toString()).contains("unackedBytes=65536");
      assertThat(stored(s2, stream)).isEmpty();

      stall.cancel(); // the server reads, appends and acknowledges again

      waiting.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
      producer.close();
      assertThat(s2.records(BASIN, stream.name())).hasSize(65);
      assertAllOverS2s(s2, stream);
    }
  }

  @Test
  void aServerAdvisingToReconnectIsLeftForANewSessionWithoutAFailure(EmbeddedS2 s2) throws Exception {
    HandSleeper retries = HandSleeper.immediate();
    try (S2Client client = client(s2, retries).build()) {
      S2Stream stream = newStream(s2, client);
      FaultHandle advice = s2.faults().adviseS2sReconnect(sessionsOf(stream), 3);
      s2.clearRequests();
      List<String> submitted = new ArrayList<>();
      List<CompletableFuture<RecordAck>> acks = new ArrayList<>();
      try (Producer producer = stream.producer(options(10).matchSeqNum(0).build())) {
        for (int wave = 0; wave < 10; wave++) {
          for (int i = 0; i < 50; i++) {
            String body = "w" + wave + "-" + i;
            submitted.add(body);
            acks.add(producer.submit(AppendRecord.of(body)));
          }
          producer.flush();
        }
      }

      assertThat(stored(s2, stream)).isEqualTo(submitted);
      assertThat(acks).allSatisfy(a -> assertThat(a).isCompletedWithValueMatching(ack -> ack.batch().isPresent()));
      int sessions = assertAllOverS2s(s2, stream);
      assertThat(sessions).isGreaterThanOrEqualTo(3);
      assertThat(advice.triggered()).isEqualTo(sessions);
      assertThat(retries.count()).isZero(); // no failure, so no batch was sent twice
    }
  }

  @Test
  void aRecordOfEveryByteValueRoundTripsThroughAnAppendSession(EmbeddedS2 s2) throws Exception {
    try (S2Client client = client(s2, HandSleeper.immediate()).build()) {
      S2Stream stream = newStream(s2, client);
      byte[] every = new byte[256];
      for (int i = 0; i < 256; i++) {
        every[i] = (byte) i;
      }
      byte[] name = {(byte) 0xc0, (byte) 0x80};
      byte[] value = {(byte) 0xff, 0, (byte) 0xfe};
      CompletableFuture<RecordAck> future;
      try (Producer producer = stream.producer(options(10).build())) {
        future = producer.submit(AppendRecord.builder().body(every).header(name, value).timestamp(1234).build());
      }
      RecordAck ack = future.get(10, TimeUnit.SECONDS);

      AppendedRecord stored = s2.records(BASIN, stream.name()).get(0);
      assertThat(ack.seqNum()).isZero();
      assertThat(stored.body()).isEqualTo(every);
      assertThat(stored.headers()).singleElement().satisfies(h -> {
        assertThat(h.name()).isEqualTo(name);
        assertThat(h.value()).isEqualTo(value);
      });
      assertThat(new String(stored.body(), StandardCharsets.ISO_8859_1)).hasSize(256);
      assertAllOverS2s(s2, stream);
    }
  }
}
