package dev.s2.client;

import static dev.s2.client.ProducerFixtures.appends;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.s2.client.ProducerFixtures.Append;
import dev.s2.client.ProducerFixtures.HandSleeper;
import dev.s2.testing.AppendedRecord;
import dev.s2.testing.EmbeddedS2;
import dev.s2.testing.EmbeddedS2Extension;
import dev.s2.testing.InjectedError;
import dev.s2.testing.Operation;
import dev.s2.testing.RequestMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The producer against the embedded S2: batch boundaries, the unacked bound, flush, close,
 * failures, conflicts.
 */
@Timeout(60)
class ProducerTest {
  private static final String BASIN = "producer-tests";

  @RegisterExtension
  static final EmbeddedS2Extension S2 = EmbeddedS2Extension.configure(b -> b.basins(BASIN));

  private final HandSleeper timer = HandSleeper.held();
  private HandSleeper retries = HandSleeper.immediate();
  private S2Client client;
  private S2Stream stream;
  private EmbeddedS2 s2;

  @BeforeEach
  void setUp(EmbeddedS2 s2) {
    this.s2 = s2;
    client = ProducerFixtures.client(s2, retries).build();
    String name = "p-" + System.nanoTime();
    s2.createStream(BASIN, name);
    stream = client.basin(BASIN).stream(name);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private ProducerOptions.Builder options() {
    return ProducerOptions.builder().timer(timer);
  }

  private List<String> stored() {
    return s2.records(BASIN, stream.name()).stream()
        .map(AppendedRecord::bodyUtf8)
        .collect(Collectors.toList());
  }

  private List<Append> sent() {
    return appends(s2, stream.name());
  }

  private long requests(Operation operation) {
    return s2.requests().stream()
        .filter(r -> r.operation() == operation && stream.name().equals(r.stream().orElse(null)))
        .count();
  }

  private RequestMatcher appendsToThisStream() {
    return RequestMatcher.operation(Operation.APPEND)
        .and(RequestMatcher.stream(BASIN, stream.name()));
  }

  /** A client whose retries wait until the test releases them. */
  private void holdRetries(EmbeddedS2 s2) {
    retries = HandSleeper.held();
    client.close();
    client = ProducerFixtures.client(s2, retries).build();
    stream = client.basin(BASIN).stream(stream.name());
  }

  private static RecordAck await(CompletableFuture<RecordAck> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  @Test
  void theReadmeSnippetRuns() {
    List<String> printed = new java.util.concurrent.CopyOnWriteArrayList<>();
    // README: the producer (with println replaced by printed::add)
    try (Producer producer = client.basin(BASIN).stream(stream.name()).producer()) {
      for (String event : List.of("signed-up", "paid", "shipped")) {
        producer
            .submit(AppendRecord.of(event))
            .thenAccept(ack -> printed.add(event + " is record " + ack.seqNum()));
      }
      producer.flush(); // all three are acknowledged
    } // close(): sends the rest, waits for every ack
    assertThat(printed)
        .containsExactly("signed-up is record 0", "paid is record 1", "shipped is record 2");
    assertThat(stored()).containsExactly("signed-up", "paid", "shipped");
  }

  @Test
  void theLingerSendsABatchAfterItsFirstRecordAndAStaleTimerSendsNothing() throws Exception {
    Producer producer = stream.producer(options().maxBatchRecords(4).build());
    CompletableFuture<RecordAck> a = producer.submit(AppendRecord.of("a"));
    CompletableFuture<RecordAck> b = producer.submit(AppendRecord.of("b"));

    assertThat(timer.requested())
        .containsExactly(Duration.ofMillis(5)); // one linger per batch, from its first record
    assertThat(s2.requests().stream().filter(r -> stream.name().equals(r.stream().orElse(null))))
        .isEmpty();
    assertThat(a).isNotDone();

    timer.release(0);
    assertThat(await(a).seqNum()).isZero();
    assertThat(await(b).seqNum()).isEqualTo(1);
    assertThat(await(b).batch().orElseThrow().start().seqNum()).isZero();
    assertThat(await(b).batch().orElseThrow().end().seqNum()).isEqualTo(2);

    // A full batch goes at once; its own linger, firing later, must not cut the next batch short.
    List<CompletableFuture<RecordAck>> full = new ArrayList<>();
    for (String s : List.of("c", "d", "e", "f")) {
      full.add(producer.submit(AppendRecord.of(s)));
    }
    assertThat(await(full.get(3)).seqNum()).isEqualTo(5);
    CompletableFuture<RecordAck> g = producer.submit(AppendRecord.of("g"));
    timer.release(1); // the full batch's linger: stale
    CompletableFuture<RecordAck> h = producer.submit(AppendRecord.of("h"));
    assertThat(timer.count()).isEqualTo(3);
    timer.release(2); // g's linger
    assertThat(await(h).seqNum()).isEqualTo(7);

    assertThat(sent())
        .extracting(x -> x.bodies)
        .containsExactly(List.of("a", "b"), List.of("c", "d", "e", "f"), List.of("g", "h"));
    assertThat(sent()).extracting(x -> x.matchSeqNum).containsExactly(0L, 2L, 6L);
    assertThat(requests(Operation.CHECK_TAIL)).isEqualTo(1); // once, before the first append
    producer.close();
  }

  @Test
  void batchesHoldAtMostTheRecordAndByteLimits() throws Exception {
    // One append at a time, so that the server's log holds each batch once (no append overtakes
    // another).
    Producer byCount = stream.producer(options().maxBatchRecords(3).maxInflightBatches(1).build());
    for (int i = 0; i < 7; i++) {
      byCount.submit(AppendRecord.of("n" + i));
    }
    byCount.flush(); // the seventh record waits for no linger
    assertThat(sent()).extracting(x -> x.records).containsExactly(3, 3, 1);
    assertThat(sent()).extracting(x -> x.matchSeqNum).containsExactly(0L, 3L, 6L);
    byCount.close();

    // 30-byte bodies meter 38 bytes: two fit in 100 bytes, three do not.
    Producer byBytes =
        stream.producer(
            options().maxBatchBytes(100).maxUnackedBytes(1000).maxInflightBatches(1).build());
    String body = "x".repeat(30);
    for (int i = 0; i < 5; i++) {
      byBytes.submit(AppendRecord.of(body));
    }
    byBytes.close();
    assertThat(sent()).extracting(x -> x.records).containsExactly(3, 3, 1, 2, 2, 1);
    assertThatThrownBy(
            () ->
                stream
                    .producer(options().maxBatchBytes(100).build())
                    .submit(AppendRecord.of("y".repeat(93))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a record of 101 metered bytes exceeds maxBatchBytes (100)");

    // The service's own limit: three records of 300 KiB fill 1 MiB, a fourth would not fit.
    Producer big = stream.producer(options().build());
    List<CompletableFuture<RecordAck>> acks = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      acks.add(big.submit(AppendRecord.of(new byte[300 * 1024])));
    }
    big.close();
    List<Long> batchStarts = new ArrayList<>();
    for (CompletableFuture<RecordAck> f : acks) {
      batchStarts.add(await(f).batch().orElseThrow().start().seqNum());
    }
    assertThat(batchStarts).containsExactly(12L, 12L, 12L, 15L, 15L, 15L, 18L);
    assertThat(stored()).hasSize(19);
  }

  @Test
  void theUnackedBoundBlocksSubmitAndMakesSubmitAsyncWait(EmbeddedS2 s2) throws Exception {
    holdRetries(s2);
    // The first append is refused with a long retry-after; the retry waits on the held sleeper:
    // acks stall.
    s2.faults()
        .failNext(
            1,
            appendsToThisStream(),
            InjectedError.unavailable().withRetryAfter(Duration.ofSeconds(10)));
    // 42-byte bodies meter 50 bytes: two fit under the bound of 100. One append at a time: the
    // first one fails.
    Producer producer =
        stream.producer(
            options()
                .linger(Duration.ZERO)
                .maxBatchBytes(100)
                .maxUnackedBytes(100)
                .maxInflightBatches(1)
                .build());
    String body = "z".repeat(41);
    CompletableFuture<RecordAck> first = producer.submit(AppendRecord.of(body + 1));
    CompletableFuture<RecordAck> second = producer.submit(AppendRecord.of(body + 2));
    CompletableFuture<CompletableFuture<RecordAck>> third =
        producer.submitAsync(AppendRecord.of(body + 3));
    CompletableFuture<RecordAck> fourth = new CompletableFuture<>();
    Thread blocked =
        new Thread(() -> fourth.complete(producer.submit(AppendRecord.of(body + 4)).join()));
    blocked.start();
    awaitWaiting(blocked);
    awaitWaits(retries, 1);

    assertThat(retries.requested())
        .containsExactly(Duration.ofSeconds(10)); // the service's retry-after-ms
    assertThat(third).isNotDone();
    assertThat(fourth).isNotDone();
    assertThat(first).isNotDone();

    retries.releaseAll();
    assertThat(third.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS).seqNum()).isEqualTo(2);
    assertThat(fourth.get(10, TimeUnit.SECONDS).seqNum()).isEqualTo(3);
    blocked.join(10_000);
    assertThat(await(first).seqNum()).isZero();
    assertThat(await(second).seqNum()).isEqualTo(1);
    producer.close();
    assertThat(stored()).containsExactly(body + 1, body + 2, body + 3, body + 4);
  }

  @Test
  void theBoundOnUnackedRecordsBlocksSubmitLikeTheBoundOnBytes(EmbeddedS2 s2) throws Exception {
    holdRetries(s2);
    s2.faults()
        .failNext(
            1,
            appendsToThisStream(),
            InjectedError.unavailable().withRetryAfter(Duration.ofSeconds(10)));
    // Tiny records, far below the bound on bytes: the bound of 3 records stops the fourth.
    Producer producer =
        stream.producer(
            options()
                .linger(Duration.ZERO)
                .maxBatchRecords(1)
                .maxUnackedRecords(3)
                .maxInflightBatches(1)
                .build());
    List<CompletableFuture<RecordAck>> accepted = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      accepted.add(producer.submit(AppendRecord.of("r" + i)));
    }
    CompletableFuture<CompletableFuture<RecordAck>> fourth =
        producer.submitAsync(AppendRecord.of("r3"));
    CompletableFuture<RecordAck> fifth = new CompletableFuture<>();
    Thread blocked =
        new Thread(() -> fifth.complete(producer.submit(AppendRecord.of("r4")).join()));
    blocked.start();
    awaitWaiting(blocked);
    awaitWaits(retries, 1);

    assertThat(producer.toString()).contains("unackedRecords=3");
    assertThat(fourth).isNotDone();
    assertThat(fifth).isNotDone();

    retries.releaseAll();
    assertThat(fourth.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS).seqNum()).isEqualTo(3);
    assertThat(fifth.get(10, TimeUnit.SECONDS).seqNum()).isEqualTo(4);
    blocked.join(10_000);
    for (int i = 0; i < 3; i++) {
      assertThat(await(accepted.get(i)).seqNum()).isEqualTo(i);
    }
    producer.close();
    assertThat(stored()).containsExactly("r0", "r1", "r2", "r3", "r4");
  }

  @Test
  void submitAsyncRefusesToQueueMoreThanTheBoundWhileWaiting(EmbeddedS2 s2) {
    holdRetries(s2);
    s2.faults().failNext(1, appendsToThisStream(), InjectedError.unavailable());
    Producer producer =
        stream.producer(
            options()
                .linger(Duration.ZERO)
                .maxBatchBytes(100)
                .maxUnackedBytes(100)
                .maxInflightBatches(1)
                .build());
    String body = "q".repeat(42); // 50 metered bytes
    producer.submitAsync(AppendRecord.of(body)); // accepted: 50
    producer.submitAsync(AppendRecord.of(body)); // accepted: 100
    CompletableFuture<CompletableFuture<RecordAck>> waiting1 =
        producer.submitAsync(AppendRecord.of(body));
    CompletableFuture<CompletableFuture<RecordAck>> waiting2 =
        producer.submitAsync(AppendRecord.of(body));
    assertThat(waiting1).isNotDone();
    assertThat(waiting2).isNotDone();
    assertThatThrownBy(() -> producer.submitAsync(AppendRecord.of(body)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "records waiting to be accepted by the producer of stream `"
                + stream.name()
                + "` of basin `"
                + BASIN
                + "` would exceed maxUnackedBytes (100): wait for submitAsync's future before submitting more");
    awaitWaits(retries, 1);
    retries.releaseAll();
    producer.close();
    assertThat(stored()).hasSize(4);
  }

  @Test
  void anInterruptedSubmitWithdrawsItsRecord(EmbeddedS2 s2) throws Exception {
    holdRetries(s2);
    s2.faults().failNext(1, appendsToThisStream(), InjectedError.unavailable());
    Producer producer =
        stream.producer(
            options()
                .linger(Duration.ZERO)
                .maxBatchBytes(100)
                .maxUnackedBytes(100)
                .maxInflightBatches(1)
                .build());
    producer.submit(AppendRecord.of("w".repeat(92))); // 100 metered bytes: the bound is reached
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                producer.submit(AppendRecord.of("never"));
                thrown.complete(null);
              } catch (RuntimeException e) {
                thrown.complete(e);
              }
            });
    t.start();
    awaitWaiting(t);
    t.interrupt();
    assertThat(thrown.get(10, TimeUnit.SECONDS))
        .isInstanceOf(S2InterruptedException.class)
        .hasMessageContaining("the record was not submitted");
    awaitWaits(retries, 1);
    retries.releaseAll();
    producer.close();
    assertThat(stored()).containsExactly("w".repeat(92));
  }

  @Test
  void flushWaitsForEverythingSubmittedAndCloseDrainsThenRefuses() throws Exception {
    Producer producer = stream.producer(options().build());
    assertThat(producer.flushAsync()).isCompleted(); // nothing pending
    List<CompletableFuture<RecordAck>> acks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      acks.add(producer.submit(AppendRecord.of("f" + i)));
    }
    CompletableFuture<Void> flushed = producer.flushAsync();
    flushed.get(10, TimeUnit.SECONDS);
    assertThat(acks)
        .allMatch(CompletableFuture::isDone); // futures complete before the flush that covers them
    assertThat(sent()).hasSize(1); // the flush sent the open batch without waiting for its linger

    CompletableFuture<RecordAck> after = producer.submit(AppendRecord.of("after-flush"));
    producer.close();
    assertThat(after).isCompleted();
    assertThat(await(after).seqNum()).isEqualTo(5);
    producer.close(); // idempotent
    assertThat(producer.closeAsync()).isCompleted();
    assertThatThrownBy(() -> producer.submit(AppendRecord.of("late")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the producer of stream `"
                + stream.name()
                + "` of basin `"
                + BASIN
                + "` is closed and accepts no more records");
    assertThatThrownBy(producer::flush)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
    assertThat(stored()).containsExactly("f0", "f1", "f2", "f3", "f4", "after-flush");
  }

  @Test
  void aFlushOrCloseFromAFutureCallbackIsRefusedInsteadOfDeadlocking() throws Exception {
    Producer producer = stream.producer(options().build());
    CompletableFuture<Throwable> fromCallback = new CompletableFuture<>();
    producer
        .submit(AppendRecord.of("x"))
        .thenRun(
            () -> {
              try {
                producer.flush();
                fromCallback.complete(null);
              } catch (RuntimeException e) {
                fromCallback.complete(e);
              }
            });
    producer.flush();
    assertThat(fromCallback.get(10, TimeUnit.SECONDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "flush() called from a callback of this producer's futures would wait for that callback"
                + " itself: use the Async form");
    producer.close();
  }

  @Test
  void aNonRetryableFailureFailsEveryPendingRecordAndNothingAfterItIsSent(EmbeddedS2 s2) {
    holdRetries(s2);
    // The tail check is held (its retry waits on the test) until every record is submitted.
    s2.faults()
        .failNext(
            1,
            RequestMatcher.operation(Operation.CHECK_TAIL)
                .and(RequestMatcher.stream(BASIN, stream.name())),
            InjectedError.unavailable());
    s2.faults()
        .failNext(
            1,
            appendsToThisStream(),
            InjectedError.of(403, "permission_denied").withMessage("no append for you"));
    Producer producer = stream.producer(options().maxBatchRecords(2).maxInflightBatches(1).build());
    List<CompletableFuture<RecordAck>> acks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      acks.add(
          producer.submit(AppendRecord.of("d" + i))); // [d0 d1] sent first, [d2 d3] next, [d4] open
    }
    awaitWaits(retries, 1);
    retries.releaseAll();
    for (CompletableFuture<RecordAck> f : acks) {
      assertThat(failureOf(f))
          .as("the future of a pending record fails with the typed error")
          .isInstanceOf(PermissionDeniedException.class)
          .extracting(e -> ((PermissionDeniedException) e).errorMessage())
          .isEqualTo("no append for you");
    }
    assertThat(requests(Operation.APPEND)).isEqualTo(1);
    assertThat(stored()).isEmpty();

    ProducerFailedException later =
        catchThrowableOfType(
            ProducerFailedException.class, () -> producer.submit(AppendRecord.of("late")));
    assertThat(later)
        .hasMessageStartingWith(
            "the producer of stream `"
                + stream.name()
                + "` of basin `"
                + BASIN
                + "` stopped after a failure and accepts no more records: ")
        .hasMessageContaining("403 permission_denied: no append for you")
        .hasCauseInstanceOf(PermissionDeniedException.class);
    assertThat(later.isRetryable()).isFalse();
    assertThat(producer.submitAsync(AppendRecord.of("late"))).isCompletedExceptionally();
    assertThatThrownBy(producer::flush).isInstanceOf(ProducerFailedException.class);
    assertThatThrownBy(producer::close).isInstanceOf(ProducerFailedException.class);
    assertThat(requests(Operation.APPEND)).isEqualTo(1);
  }

  @Test
  void anotherWriterComingInBetweenStopsTheProducerWithThe412AndNothingIsDuplicated()
      throws Exception {
    Producer producer = stream.producer(options().build());
    CompletableFuture<RecordAck> mine = producer.submit(AppendRecord.of("mine-1"));
    producer.flush();
    assertThat(await(mine).seqNum()).isZero();

    stream.append(List.of(AppendRecord.of("intruder"))); // another writer
    CompletableFuture<RecordAck> next = producer.submit(AppendRecord.of("mine-2"));
    CompletableFuture<RecordAck> queued = producer.submit(AppendRecord.of("mine-3"));
    assertThatThrownBy(producer::flush)
        .isInstanceOf(ProducerFailedException.class)
        .hasCauseInstanceOf(AppendConditionFailedException.class);
    AppendConditionFailedException e = (AppendConditionFailedException) failureOf(next);
    assertThat(e.status()).isEqualTo(412);
    assertThat(e.expectedSeqNum()).hasValue(2);
    assertThat(failureOf(queued)).isSameAs(e);
    assertThat(stored()).containsExactly("mine-1", "intruder");
  }

  @Test
  void aRetryAnsweredWithTheBatchEndAfterARefusedAttemptIsAnotherWriterNotALostAck(EmbeddedS2 s2)
      throws Exception {
    holdRetries(s2);
    s2.faults()
        .failNext(1, appendsToThisStream(), InjectedError.unavailable()); // 503: not appended
    Producer producer = stream.producer(options().matchSeqNum(0).build());
    CompletableFuture<RecordAck> a = producer.submit(AppendRecord.of("a"));
    CompletableFuture<RecordAck> b = producer.submit(AppendRecord.of("b"));
    timer.releaseAll();
    awaitWaits(retries, 1); // the 503 arrived: the retry waits on the held sleeper
    stream.append(
        List.of(AppendRecord.of("x"), AppendRecord.of("y"))); // exactly as many records, meanwhile
    retries.releaseAll();
    // The retry is answered 412 with tail 2 = match + count; but no attempt of ours could have
    // appended.
    AppendConditionFailedException e = (AppendConditionFailedException) failureOf(a);
    assertThat(e.status()).isEqualTo(412);
    assertThat(e.expectedSeqNum()).hasValue(2);
    assertThat(failureOf(b)).isSameAs(e);
    assertThat(stored()).containsExactly("x", "y");
    assertThat(requests(Operation.CHECK_TAIL)).isZero();
  }

  @Test
  void aGivenMatchSeqNumSkipsTheTailCheckAndAWrongOneFailsAtOnce() throws Exception {
    stream.append(List.of(AppendRecord.of("existing")));
    Producer right = stream.producer(options().matchSeqNum(1).build());
    CompletableFuture<RecordAck> next = right.submit(AppendRecord.of("next"));
    right.close();
    assertThat(await(next).seqNum()).isEqualTo(1);
    assertThat(requests(Operation.CHECK_TAIL)).isZero();

    Producer wrong = stream.producer(options().matchSeqNum(5).build());
    CompletableFuture<RecordAck> f = wrong.submit(AppendRecord.of("lost"));
    assertThatThrownBy(wrong::close)
        .isInstanceOf(ProducerFailedException.class)
        .hasMessageContaining("412");
    assertThat(((AppendConditionFailedException) failureOf(f)).expectedSeqNum()).hasValue(2);
    assertThat(stored()).containsExactly("existing", "next");
  }

  @Test
  void theFencingTokenTravelsWithEveryBatchAndFollowsFenceRecordsSubmittedThroughTheProducer()
      throws Exception {
    stream.append(List.of(AppendRecord.fence("writer-1")));
    Producer producer =
        stream.producer(
            options().fencingToken("writer-1").maxBatchRecords(2).maxInflightBatches(1).build());
    producer.submit(AppendRecord.of("r1"));
    producer.submit(AppendRecord.fence("writer-2")); // batch 1 carries writer-1 and sets writer-2
    CompletableFuture<RecordAck> r2 = producer.submit(AppendRecord.of("r2"));
    producer.close();
    assertThat(await(r2).seqNum()).isEqualTo(3);
    assertThat(sent())
        .extracting(x -> x.fencingToken)
        .containsExactly(null, "writer-1", "writer-2");

    Producer fencedOut = stream.producer(options().fencingToken("writer-1").build());
    CompletableFuture<RecordAck> refused = fencedOut.submit(AppendRecord.of("stale writer"));
    assertThatThrownBy(fencedOut::close).isInstanceOf(ProducerFailedException.class);
    AppendConditionFailedException e = (AppendConditionFailedException) failureOf(refused);
    assertThat(e.status()).isEqualTo(412);
    assertThat(e.expectedFencingToken()).hasValue("writer-2");
    assertThat(e.getMessage())
        .contains("fencing token mismatch: the stream's fencing token is 'writer-2'");
    assertThat(stored()).containsExactly("writer-1", "r1", "writer-2", "r2");
  }

  @Test
  void aMissingStreamFailsTheRecordsWithNotFound() {
    S2Stream missing = client.basin(BASIN).stream("missing-" + System.nanoTime());
    Producer producer = missing.producer(options().build());
    CompletableFuture<RecordAck> f = producer.submit(AppendRecord.of("x"));
    assertThatThrownBy(producer::close)
        .isInstanceOf(ProducerFailedException.class)
        .hasCauseInstanceOf(NotFoundException.class);
    assertThat(failureOf(f)).isInstanceOf(NotFoundException.class);
  }

  /** The exception a future failed with (waiting for it at most 10 s). */
  static Throwable failureOf(CompletableFuture<?> f) {
    ExecutionException e =
        catchThrowableOfType(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    assertThat(e).as("the future failed").isNotNull();
    return e.getCause();
  }

  /** Waits (no sleep) until the sleeper was asked for {@code n} waits. */
  static void awaitWaits(HandSleeper sleeper, int n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sleeper.count() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + n + " waits, got " + sleeper);
      }
      Thread.onSpinWait();
    }
  }

  /** Waits (no sleep) until a thread blocks: it is then parked in the producer's submit. */
  private static void awaitWaiting(Thread t) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (t.getState() != Thread.State.WAITING) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the thread never blocked: " + t.getState());
      }
      Thread.onSpinWait();
    }
  }
}
