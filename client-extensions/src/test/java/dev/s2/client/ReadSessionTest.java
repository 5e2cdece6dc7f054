package dev.s2.client;

import static dev.s2.client.SessionFixture.assertNumbered;
import static dev.s2.client.SessionFixture.await;
import static dev.s2.client.SessionFixture.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.s2.model.StreamPosition;
import dev.s2.testing.InjectedError;
import dev.s2.testing.RecordedRequest;
import dev.s2.testing.RequestMatcher;
import dev.s2.testing.SseInjection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Read sessions against the embedded S2: what they deliver, where they end, caught up, tailing,
 * closing, and how bounds carry over a reconnection. The server and the client share a manual
 * clock, so waits and pings move only when a test says.
 */
class ReadSessionTest extends EmbeddedSessionTest {
  private static List<SequencedRecord> take(Iterator<SequencedRecord> it, int n) {
    List<SequencedRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(it.next());
    }
    return out;
  }

  @Test
  void readsEveryRecordInOrderAndEndsAtTheCountBound() {
    f.append(0, 25);
    List<SequencedRecord> records = new ArrayList<>();
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(25))) {
      assertThat(f.sessionRequests())
          .isEmpty(); // nothing is sent before the first record is asked for
      for (SequencedRecord r : session) {
        records.add(r);
      }
      assertThat(session.isOpen()).isFalse();
      assertThat(session.recordsDelivered()).isEqualTo(25);
      assertThat(session.nextSeqNum()).hasValue(25);
      assertThat(session.reconnects()).isZero();
    }
    assertNumbered(records, 0, 25);
    List<RecordedRequest> requests = f.sessionRequests();
    assertThat(requests).hasSize(1);
    assertThat(query(requests.get(0)))
        .containsExactly(Map.entry("seq_num", "0"), Map.entry("count", "25"));
    assertThat(requests.get(0).header("accept")).hasValue("text/event-stream");
    assertThat(requests.get(0).header("s2-format")).hasValue("base64");
    assertThat(requests.get(0).header("s2-basin")).hasValue(SessionFixture.BASIN);
    assertThat(requests.get(0).header("authorization")).hasValue("Bearer " + f.s2.accessToken());
  }

  @Test
  void bodiesAndHeadersThatAreNotUtf8RoundTrip() {
    byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3, 0x28};
    f.stream.append(
        List.of(AppendRecord.builder().body(notUtf8).header(notUtf8, new byte[] {1, 2}).build()));
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(1))) {
      SequencedRecord r = session.iterator().next();
      assertThat(r.body()).isEqualTo(notUtf8);
      assertThat(r.headers()).containsExactly(RecordHeader.of(notUtf8, new byte[] {1, 2}));
    }
  }

  @Test
  void aStreamOfRecordsClosesTheSessionWhenClosed() {
    f.append(0, 30);
    ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(5));
    try (Stream<SequencedRecord> records = session.stream()) {
      assertThat(records.limit(12).map(SequencedRecord::seqNum).collect(Collectors.toList()))
          .containsExactlyElementsOf(
              java.util.stream.LongStream.range(5, 17).boxed().collect(Collectors.toList()));
      assertThat(session.isOpen()).isTrue();
    }
    assertThat(session.isOpen()).isFalse();
  }

  @Test
  void batchesComeAsS2SentThem() {
    f.append(0, 25);
    List<Integer> sizes = new ArrayList<>();
    List<SequencedRecord> records = new ArrayList<>();
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(25))) {
      for (ReadBatch batch : session.batches()) {
        sizes.add(batch.records().size());
        records.addAll(batch.records());
        assertThat(batch.tail()).isEmpty(); // catch-up batches carry no tail
      }
      assertThat(session.recordsDelivered()).isEqualTo(25);
    }
    assertThat(sizes).containsExactly(10, 10, 5);
    assertNumbered(records, 0, 25);
  }

  @Test
  void aSessionIsConsumedOneWayOnce() {
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0))) {
      session.iterator();
      assertThatThrownBy(session::stream)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "cannot consume this read session with iterator(): it is already consumed with iterator() (a"
                  + " session is consumed one way, once)");
      assertThatThrownBy(() -> session.batches().iterator())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("with batches(): it is already consumed with iterator()");
    }
  }

  @Test
  void invalidArgumentsFailBeforeAnyRequest() {
    assertThatThrownBy(() -> f.stream.readSession(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("options must not be null");
    assertThatThrownBy(() -> f.stream.readSession(ReadOptions.fromSeqNum(0), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sessionOptions must not be null");
    assertThat(f.sessionRequests()).isEmpty();
  }

  @Test
  void aMissingStreamFailsWithTheTypedErrorWithoutRetrying() {
    S2Stream missing = f.client.basin(SessionFixture.BASIN).stream("no-such-stream");
    try (ReadSession session = missing.readSession(ReadOptions.fromSeqNum(0))) {
      Iterator<SequencedRecord> it = session.iterator();
      NotFoundException e = catchThrowableOfType(NotFoundException.class, it::hasNext);
      assertThat(e.status()).isEqualTo(404);
      assertThat(e.code()).hasValue("stream_not_found");
      assertThat(e.attempts()).isEqualTo(1);
      assertThat(e.getMessage())
          .startsWith("GET /v1/streams/no-such-stream/records failed: 404 stream_not_found");
      // The failure is the session's end: asking again gives the same exception, with no new
      // request.
      assertThat(catchThrowableOfType(NotFoundException.class, it::hasNext)).isSameAs(e);
      assertThat(session.isOpen()).isFalse();
      assertThat(session.caughtUp()).isCompletedExceptionally();
    }
    assertThat(f.sleeps).isEmpty();
  }

  @Test
  void aZeroCountEndsAtOnceWithoutARequest() {
    f.append(0, 3);
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(0))) {
      assertThat(session.iterator().hasNext()).isFalse();
    }
    assertThat(f.sessionRequests()).isEmpty();
  }

  @Test
  void aTailingSessionSeesAppendsMadeAfterItStartedAndAnchorsItsStart() throws Exception {
    f.append(0, 3);
    try (ReadSession session = f.stream.readSession(ReadOptions.fromTailOffset(0))) {
      Iterator<SequencedRecord> it = session.iterator();
      CompletableFuture<List<SequencedRecord>> next =
          CompletableFuture.supplyAsync(() -> take(it, 4));
      // The start (the tail, 3) is known from the first ping, before any record.
      assertThat(session.caughtUp().get(10, TimeUnit.SECONDS))
          .isEqualTo(StreamPosition.of(3, CLOCK.millis()));
      assertThat(session.nextSeqNum()).hasValue(3);
      assertThat(session.lastObservedTail()).hasValue(StreamPosition.of(3, CLOCK.millis()));

      f.append(3, 2);
      f.append(5, 2);

      assertNumbered(next.get(10, TimeUnit.SECONDS), 3, 7);
      assertThat(session.lastObservedTail()).hasValue(StreamPosition.of(7, CLOCK.millis()));
    }
  }

  @Test
  void caughtUpFlipsWhenEveryRecordBeforeTheTailWasTaken() throws Exception {
    f.append(0, 25);
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0))) {
      CompletableFuture<StreamPosition> first = session.caughtUp();
      Iterator<SequencedRecord> it = session.iterator();

      assertNumbered(take(it, 25), 0, 25);
      // Catch-up batches carry no tail: all 25 records are taken, but the tail is not known yet.
      assertThat(session.isCaughtUp()).isFalse();
      assertThat(first).isNotDone();

      CompletableFuture<Boolean> more =
          CompletableFuture.supplyAsync(it::hasNext); // reads the ping, then waits
      StreamPosition tail = first.get(10, TimeUnit.SECONDS);
      assertThat(tail.seqNum()).isEqualTo(25);
      assertThat(session.isCaughtUp()).isTrue();
      assertThat(session.caughtUp()).isCompletedWithValue(tail);

      f.append(25, 1);
      assertThat(more.get(10, TimeUnit.SECONDS)).isTrue();
      // The live batch (record 25, tail 26) is held but not taken: behind until it is.
      assertThat(session.isCaughtUp()).isFalse();
      CompletableFuture<StreamPosition> second = session.caughtUp();
      assertThat(second).isNotDone();
      assertThat(it.next().seqNum()).isEqualTo(25);
      assertThat(session.isCaughtUp()).isTrue();
      assertThat(second.get(10, TimeUnit.SECONDS).seqNum()).isEqualTo(26);
      assertThat(first).isCompletedWithValue(tail); // a completed future keeps its tail
    }
  }

  @Test
  void closingMidStreamReleasesTheConnectionAndEndsABlockedConsumer() throws Exception {
    f.append(0, 2);
    int parkedBefore = f.s2.parkedReads();
    ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0));
    Iterator<SequencedRecord> it = session.iterator();
    assertNumbered(take(it, 2), 0, 2);
    CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(it::hasNext);
    StreamPosition tail =
        session.caughtUp().get(10, TimeUnit.SECONDS); // the ping was read: it blocks for more
    assertThat(f.s2.awaitParkedReads(parkedBefore + 1, Duration.ofSeconds(10))).isTrue();

    session.close();

    assertThat(blocked.get(10, TimeUnit.SECONDS)).isFalse(); // ended without error
    awaitServerSessionsAtMost(parkedBefore);
    assertThat(session.isOpen()).isFalse();
    assertThat(it.hasNext()).isFalse();
    assertThat(session.isCaughtUp()).isTrue(); // it was when closed, and a clean end keeps that
    assertThat(session.caughtUp()).isCompletedWithValue(tail);
    session.close(); // idempotent
  }

  @Test
  void closingASessionThatNeverCaughtUpFailsItsCaughtUpFuture() {
    f.append(0, 15);
    ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0));
    Iterator<SequencedRecord> it = session.iterator();
    take(it, 3);
    CompletableFuture<StreamPosition> caughtUp = session.caughtUp();
    session.close();
    ExecutionException e =
        catchThrowableOfType(ExecutionException.class, () -> caughtUp.get(10, TimeUnit.SECONDS));
    assertThat(e)
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("the read session ended before catching up");
  }

  @Test
  void anUntilBoundEndsBeforeTheFirstRecordAtOrAfterIt() {
    List<AppendRecord> records = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      records.add(AppendRecord.builder().body(SessionFixture.body(i)).timestamp(1_000 + i).build());
    }
    f.stream.append(records);
    List<SequencedRecord> read = new ArrayList<>();
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withUntil(1_017))) {
      session.forEach(read::add);
    }
    assertNumbered(read, 0, 17);
  }

  @Test
  void aBytesBoundEndsAtTheLastRecordThatFits() {
    f.append(0, 40); // each record meters 8 + 13 = 21 bytes
    List<SequencedRecord> read = new ArrayList<>();
    try (ReadSession session =
        f.stream.readSession(ReadOptions.fromSeqNum(0).withBytes(21 * 23 + 20))) {
      session.forEach(read::add);
    }
    assertNumbered(read, 0, 23);
  }

  @Test
  void waitEndsASessionThatSawNoRecordForThatLong() throws Exception {
    f.append(0, 3);
    try (ReadSession session =
        f.stream.readSession(ReadOptions.fromSeqNum(0).withWait(Duration.ofSeconds(30)))) {
      Iterator<SequencedRecord> it = session.iterator();
      assertNumbered(take(it, 3), 0, 3);
      CompletableFuture<Boolean> more = CompletableFuture.supplyAsync(it::hasNext);
      session.caughtUp().get(10, TimeUnit.SECONDS);
      assertThat(f.s2.awaitParkedReads(1, Duration.ofSeconds(10))).isTrue();
      CLOCK.advance(Duration.ofSeconds(30));
      assertThat(more.get(10, TimeUnit.SECONDS)).isFalse();
      assertThat(session.isOpen()).isFalse();
    }
  }

  @Test
  void aReconnectionSendsTheWaitLeftSinceTheTail() throws Exception {
    f.append(0, 3);
    try (ReadSession session =
        f.stream.readSession(ReadOptions.fromSeqNum(0).withWait(Duration.ofSeconds(30)))) {
      // After the batch and the ping, the next event (the ping 10 s later) is an error that S2
      // retries.
      f.s2
          .faults()
          .injectIntoReadSessions(
              RequestMatcher.stream(SessionFixture.BASIN, f.stream.name()),
              SseInjection.errorEvent(InjectedError.of(503, "unavailable")).afterEvents(2));
      Iterator<SequencedRecord> it = session.iterator();
      assertNumbered(take(it, 3), 0, 3);
      CompletableFuture<Boolean> more = CompletableFuture.supplyAsync(it::hasNext);
      session.caughtUp().get(10, TimeUnit.SECONDS);
      assertThat(f.s2.awaitParkedReads(1, Duration.ofSeconds(10))).isTrue();

      CLOCK.advance(Duration.ofSeconds(10));
      await("the session reconnected", () -> f.sessionRequests().size() == 2);
      assertThat(query(f.sessionRequests().get(1)))
          .containsExactly(Map.entry("seq_num", "3"), Map.entry("wait", "20"));

      // S2 measures the wait from the tail, so the reconnected session ends 20 s later, not 30.
      assertThat(f.s2.awaitParkedReads(1, Duration.ofSeconds(10))).isTrue();
      CLOCK.advance(Duration.ofSeconds(20));
      assertThat(more.get(10, TimeUnit.SECONDS)).isFalse();
      assertThat(session.reconnects()).isEqualTo(1);
    }
  }

  @Test
  void commandRecordsCanBeLeftOutButStillCountTowardBounds() {
    f.append(0, 2);
    f.stream.append(List.of(AppendRecord.fence("token-1")));
    f.append(3, 2);
    List<SequencedRecord> all = new ArrayList<>();
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(5))) {
      session.forEach(all::add);
    }
    assertThat(all)
        .extracting(SequencedRecord::isCommand)
        .containsExactly(false, false, true, false, false);

    List<Long> seqNums = new ArrayList<>();
    try (ReadSession session =
        f.stream.readSession(
            ReadOptions.fromSeqNum(0).withCount(4),
            ReadSessionOptions.builder().ignoreCommandRecords(true).build())) {
      session.forEach(r -> seqNums.add(r.seqNum()));
      assertThat(session.recordsDelivered()).isEqualTo(3);
      assertThat(session.nextSeqNum()).hasValue(4);
    }
    assertThat(seqNums).containsExactly(0L, 1L, 3L);
  }
}
