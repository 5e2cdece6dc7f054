package dev.s2.client;

import static dev.s2.client.SessionFixture.assertNumbered;
import static dev.s2.client.SessionFixture.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.s2.testing.EmbeddedS2;
import dev.s2.testing.FaultHandle;
import dev.s2.testing.InjectedError;
import dev.s2.testing.RecordedRequest;
import dev.s2.testing.RequestMatcher;
import dev.s2.testing.S2sCut;
import dev.s2.testing.S2sInjection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Read sessions over S2S against the embedded S2 (manual clock, 10 records per batch frame): the same guarantees
 * as over SSE (resume from the next seq num after cuts, exactly once and in order; heartbeats as the watchdog's
 * food and the tail's carrier; caught up), terminal frames as typed exceptions, compressed batches, malformed
 * frames, a server advising to reconnect. Each test proves from the server's log that S2S carried the session.
 */
class S2sReadSessionTest extends EmbeddedSessionTest {

  @Override
  @BeforeEach
  void openFixture(EmbeddedS2 s2) {
    f = new SessionFixture(s2, CLOCK, RetryPolicy.defaults(), SessionTransport.S2S, Compression.NONE);
  }

  @AfterEach
  void clearFaults() {
    f.s2.faults().clear();
  }

  private RequestMatcher thisStream() {
    return RequestMatcher.s2sReadSessions().and(RequestMatcher.stream(SessionFixture.BASIN, f.stream.name()));
  }

  private static ReadSessionOptions attempts(int n) {
    return ReadSessionOptions.builder().retryPolicy(RetryPolicy.builder().maxAttempts(n).build()).build();
  }

  private static List<SequencedRecord> readAll(ReadSession session) {
    List<SequencedRecord> out = new ArrayList<>();
    session.forEach(out::add);
    return out;
  }

  /** Asserts every read of this stream was an S2S session over HTTP/2, and returns them. */
  private List<RecordedRequest> assertAllOverS2s() {
    List<RecordedRequest> requests = f.sessionRequests();
    assertThat(requests).isNotEmpty().allSatisfy(r -> {
      assertThat(r.s2sSession()).as("an S2S session: " + r).isTrue();
      assertThat(r.method()).isEqualTo("GET");
      assertThat(r.protocol()).isEqualTo("HTTP/2.0");
      assertThat(r.header("accept")).as("not an SSE request").isEmpty();
    });
    return requests;
  }

  @Test
  void everyRecordArrivesOnceInOrderThroughTwoHundredRandomCuts() {
    int total = 20_000;
    f.append(0, total);
    // Half the sessions are cut at a random byte (usually inside a frame), half after a random number of frames.
    FaultHandle bytes = f.s2.faults().cutS2sSessions(thisStream().and(r -> r.sequence() % 2 == 0),
        S2sCut.randomly(S2sCut.Measure.BYTES_SENT, 42, 1, 3_000).repeatedly());
    FaultHandle frames = f.s2.faults().cutS2sSessions(thisStream().and(r -> r.sequence() % 2 == 1),
        S2sCut.randomly(S2sCut.Measure.FRAMES_SENT, 43, 1, 15).repeatedly().closingConnection());

    List<SequencedRecord> records;
    ResumingReadSession session = (ResumingReadSession) f.stream.readSession(
        ReadOptions.fromSeqNum(0).withCount(total), attempts(20));
    try (session) {
      records = readAll(session);
      assertThat(session.overS2s()).isTrue();
    }

    assertNumbered(records, 0, total);
    List<RecordedRequest> requests = assertAllOverS2s();
    int cuts = bytes.triggered() + frames.triggered();
    System.out.printf("S2S random cuts: %d records delivered once each over %d sessions, %d cuts (%d inside"
            + " frames, %d between frames closing the connection), %d reconnects, %d duplicates dropped%n",
        records.size(), requests.size(), cuts, bytes.triggered(), frames.triggered(), session.reconnects(),
        session.duplicatesDropped());
    assertThat(cuts).isGreaterThanOrEqualTo(200);
    assertThat(bytes.triggered()).isPositive();
    assertThat(frames.triggered()).isPositive();
    // Every cut made the session reconnect, except one that falls after the last record (the count is reached).
    assertThat(session.reconnects()).isEqualTo(requests.size() - 1).isBetween(cuts - 1, cuts);
    // Each session resumes right after the last record received, with the count reduced by what was read.
    long previous = -1;
    for (RecordedRequest r : requests) {
      Map<String, String> q = query(r);
      long start = Long.parseLong(q.get("seq_num"));
      assertThat(start).isGreaterThanOrEqualTo(previous);
      assertThat(q).containsEntry("count", Long.toString(total - start));
      previous = start;
    }
    assertThat(session.duplicatesDropped()).isZero();
  }

  @Test
  void heartbeatsCarryTheTailAndSilenceMakesTheWatchdogReconnect() throws Exception {
    f.append(0, 5);
    ReadSessionOptions options = ReadSessionOptions.builder().idleTimeout(Duration.ofMillis(300)).build();
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0), options)) {
      Iterator<SequencedRecord> it = session.iterator();
      List<SequencedRecord> records = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        records.add(it.next());
      }
      CompletableFuture<List<SequencedRecord>> more = CompletableFuture.supplyAsync(() -> {
        List<SequencedRecord> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          out.add(it.next());
        }
        return out;
      });
      // The heartbeat S2 sends on reaching the tail: an empty ReadBatch with the tail.
      assertThat(session.caughtUp().get(10, TimeUnit.SECONDS).seqNum()).isEqualTo(5);
      assertThat(session.lastObservedTail()).hasValueSatisfying(t -> assertThat(t.seqNum()).isEqualTo(5));
      // The server's clock does not move: no heartbeat follows, and after 300 ms the watchdog reconnects.
      SessionFixture.await("a reconnection after the idle timeout", () -> session.reconnects() >= 1);
      f.append(5, 5);

      records.addAll(more.get(20, TimeUnit.SECONDS));
      assertNumbered(records, 0, 10);
      List<RecordedRequest> requests = assertAllOverS2s();
      assertThat(query(requests.get(1))).containsEntry("seq_num", "5");
      assertThat(f.sleeps).isNotEmpty().allMatch(d -> d.equals(Duration.ofMillis(100)));
    }
  }

  @Test
  void aTerminal404EndsTheSessionWithTheTypedErrorAndNoRetry() {
    f.append(0, 15);
    f.s2.faults().injectIntoS2sSessions(thisStream(),
        S2sInjection.terminal(InjectedError.of(404, "stream_not_found").withMessage("gone")).afterFrames(1));
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(15))) {
      Iterator<SequencedRecord> it = session.iterator();
      List<SequencedRecord> records = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        records.add(it.next());
      }
      assertNumbered(records, 0, 10);

      NotFoundException e = catchThrowableOfType(NotFoundException.class, it::hasNext);

      assertThat(e.status()).isEqualTo(404);
      assertThat(e.code()).hasValue("stream_not_found");
      assertThat(e.errorMessage()).isEqualTo("gone");
      assertThat(e.isRetryable()).isFalse();
      assertThat(e.getMessage()).isEqualTo("GET /v1/streams/" + f.stream.name()
          + "/records (S2S terminal frame) failed: 404 stream_not_found: gone");
      assertThat(session.isOpen()).isFalse();
    }
    assertThat(assertAllOverS2s()).hasSize(1);
  }

  @Test
  void aTerminal503IsRetriedFromTheNextSeqNum() {
    f.append(0, 30);
    FaultHandle unavailable = f.s2.faults().injectIntoS2sSessions(thisStream(),
        S2sInjection.terminal(InjectedError.unavailable()).afterFrames(2));
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(30))) {
      assertNumbered(readAll(session), 0, 30);
      assertThat(session.reconnects()).isEqualTo(1);
    }
    assertThat(unavailable.triggered()).isEqualTo(1);
    List<RecordedRequest> requests = assertAllOverS2s();
    assertThat(requests).hasSize(2);
    assertThat(query(requests.get(1))).containsEntry("seq_num", "20").containsEntry("count", "10");
    assertThat(f.sleeps).containsExactly(Duration.ofMillis(100));
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void batchesOfOneKibibyteOrMoreComeCompressedAsTheClientAsked(Compression compression) {
    f.close();
    f = new SessionFixture(f.s2, CLOCK, RetryPolicy.defaults(), SessionTransport.S2S, compression);
    List<AppendRecord> appended = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      byte[] body = new byte[300];
      for (int j = 0; j < body.length; j++) {
        body[j] = (byte) (0x80 + (i + j) % 50); // not UTF-8, compressible
      }
      appended.add(AppendRecord.builder().body(body).header(new byte[] {(byte) 0xff}, new byte[] {0, 1}).build());
    }
    f.stream.append(appended);
    f.s2.clearRequests();

    List<SequencedRecord> read;
    long compressedFrames;
    try (ResumingReadSession session = (ResumingReadSession) f.stream.readSession(ReadOptions.fromSeqNum(0)
        .withCount(20))) {
      read = readAll(session);
      compressedFrames = session.compressedFrames();
    }

    assertThat(read).hasSize(20);
    for (int i = 0; i < 20; i++) {
      assertThat(read.get(i).body()).isEqualTo(appended.get(i).body());
      assertThat(read.get(i).headers()).isEqualTo(appended.get(i).headers());
    }
    // Two batches of 10 records, about 3 KiB each, both compressed when asked for. (Counted by the client: the
    // server counts a frame once its write completed, which the client's reset after the last record may prevent.)
    assertThat(compressedFrames).isEqualTo(compression == Compression.NONE ? 0 : 2);
    assertThat(assertAllOverS2s()).singleElement()
        .satisfies(r -> assertThat(r.header("accept-encoding")).contains(compression.acceptEncoding()));
  }

  @Test
  void malformedFramesEndTheSessionWithATypedDecodingError() {
    f.append(0, 10);
    f.s2.faults().injectIntoS2sSessions(thisStream(), S2sInjection.unknownCompression().afterFrames(1));
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(20))) {
      Iterator<SequencedRecord> it = session.iterator();
      for (int i = 0; i < 10; i++) {
        it.next();
      }
      S2DecodingException e = catchThrowableOfType(S2DecodingException.class, it::hasNext);
      assertThat(e.getMessage()).isEqualTo("GET /v1/streams/" + f.stream.name()
          + "/records: a frame with compression bits 11, which S2 does not define");
      assertThat(e.isRetryable()).isFalse();
    }
    f.s2.faults().clear();
    f.s2.faults().injectIntoS2sSessions(thisStream(), S2sInjection.notProtobuf());
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(10))) {
      S2DecodingException e = catchThrowableOfType(S2DecodingException.class, () -> session.iterator().hasNext());
      assertThat(e.getMessage()).startsWith("GET /v1/streams/" + f.stream.name()
          + "/records: a frame is not a ReadBatch: ");
    }
    f.s2.faults().clear();
    f.s2.faults().injectIntoS2sSessions(thisStream(), S2sInjection.oversizedLength());
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(10))) {
      S2DecodingException e = catchThrowableOfType(S2DecodingException.class, () -> session.iterator().hasNext());
      assertThat(e.getMessage()).endsWith(": a frame of 2097153 bytes exceeds the limit of 2097152");
    }
  }

  @Test
  void aFrameLargerThanTheBufferIsRefusedNotBuffered() {
    f.stream.append(List.of(AppendRecord.of(new byte[70_000]))); // one frame of about 70 KB
    ReadSessionOptions options = ReadSessionOptions.builder().bufferBytes(64 * 1024).build();
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(1), options)) {
      S2DecodingException e = catchThrowableOfType(S2DecodingException.class, () -> session.iterator().hasNext());
      assertThat(e.getMessage()).contains("exceeds the limit of 65536");
    }
  }

  @Test
  void aServerAdvisingToReconnectIsLeftAtABatchBoundaryWithoutAFailure() {
    f.append(0, 100);
    FaultHandle advice = f.s2.faults().adviseS2sReconnect(thisStream(), 2);
    List<SequencedRecord> records;
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(100))) {
      records = readAll(session);
      assertThat(session.reconnects()).isPositive();
    }

    assertNumbered(records, 0, 100);
    assertThat(advice.triggered()).isPositive();
    assertThat(f.sleeps).as("no failure, so no backoff").isEmpty();
    List<RecordedRequest> requests = assertAllOverS2s();
    // Each session reads its frames until the third (the first advised), then the next starts right after it.
    assertThat(requests).hasSize(4);
    assertThat(requests.stream().map(r -> query(r).get("seq_num"))).containsExactly("0", "30", "60", "90");
  }
}
