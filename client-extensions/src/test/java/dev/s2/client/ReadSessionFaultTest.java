package dev.s2.client;

import static dev.s2.client.SessionFixture.assertNumbered;
import static dev.s2.client.SessionFixture.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.s2.testing.FaultHandle;
import dev.s2.testing.InjectedError;
import dev.s2.testing.RecordedRequest;
import dev.s2.testing.RequestMatcher;
import dev.s2.testing.SseCut;
import dev.s2.testing.SseInjection;
import dev.s2.testing.SseSilence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The faults a read session must survive, injected by the embedded S2: cuts at random byte offsets, silence,
 * {@code error} events, malformed events, bursts of 503 and 429 on reconnection; and the bounds and records they
 * must not disturb. Backoff is recorded, never slept.
 */
class ReadSessionFaultTest extends EmbeddedSessionTest {
  private RequestMatcher thisStream() {
    return RequestMatcher.stream(SessionFixture.BASIN, f.stream.name()).and(RequestMatcher.readSessions());
  }

  private static ReadSessionOptions attempts(int n) {
    return ReadSessionOptions.builder().retryPolicy(RetryPolicy.builder().maxAttempts(n).build()).build();
  }

  private static List<SequencedRecord> readAll(ReadSession session) {
    List<SequencedRecord> out = new ArrayList<>();
    session.forEach(out::add);
    return out;
  }

  /** The whole SSE response of a read with this query, as the server sends it. */
  private String rawSse(String query) throws IOException {
    OkHttpClient http = new OkHttpClient();
    Request request = new Request.Builder()
        .url(f.s2.basinEndpoint() + "/streams/" + f.stream.name() + "/records?" + query)
        .header("Accept", "text/event-stream")
        .header("s2-format", "base64")
        .header("s2-basin", SessionFixture.BASIN)
        .header("Authorization", "Bearer " + f.s2.accessToken())
        .build();
    try (Response response = http.newCall(request).execute()) {
      return response.body().string();
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Test
  void everyRecordArrivesOnceInOrderThroughTwoHundredRandomCuts() {
    int total = 6_000;
    f.append(0, total);
    FaultHandle cuts = f.s2.faults().cutReadSessions(thisStream(), SseCut.randomly(42, 1, 3_000).repeatedly());

    List<SequencedRecord> records;
    ResumingReadSession session = (ResumingReadSession) f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(total),
        attempts(20));
    try (session) {
      records = readAll(session);
    }

    assertNumbered(records, 0, total);
    List<RecordedRequest> requests = f.sessionRequests();
    System.out.printf("random cuts: %d records delivered once each over %d connections, %d cuts, %d reconnects,"
            + " %d duplicates dropped%n", records.size(), requests.size(), cuts.triggered(), session.reconnects(),
        session.duplicatesDropped());
    assertThat(cuts.triggered()).isGreaterThanOrEqualTo(200);
    assertThat(session.reconnects()).isEqualTo(requests.size() - 1).isLessThanOrEqualTo(cuts.triggered());
    // Each connection resumes exactly after the last record received, with the count reduced by what was read:
    // the server never had to resend a record.
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
  void whenPingsStopTheWatchdogReconnects() throws Exception {
    f.append(0, 5);
    FaultHandle silence = f.s2.faults().silenceReadSessions(thisStream(), SseSilence.afterEvents(2)); // batch, ping
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
      session.caughtUp().get(10, TimeUnit.SECONDS); // the ping came; then the connection went silent
      f.append(5, 5); // the silenced connection never sends these

      records.addAll(more.get(20, TimeUnit.SECONDS));
      assertNumbered(records, 0, 10);
      assertThat(silence.triggered()).isEqualTo(1);
      assertThat(session.reconnects()).isEqualTo(1);
      assertThat(query(f.sessionRequests().get(1))).containsExactly(Map.entry("seq_num", "5"));
      assertThat(f.sleeps).containsExactly(Duration.ofMillis(100));
    }
  }

  @Test
  void aNonRetryableErrorEventEndsTheSessionWithTheTypedError() {
    f.append(0, 15);
    f.s2.faults().injectIntoReadSessions(thisStream(),
        SseInjection.errorEvent(InjectedError.of(404, "stream_not_found").withMessage("gone")).afterEvents(1));
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
          + "/records (SSE error event) failed: 404 stream_not_found: gone");
      assertThat(session.isOpen()).isFalse();
    }
    assertThat(f.sessionRequests()).hasSize(1);
  }

  @Test
  void aStreamDeletedUnderATailingSessionEndsItWithNotFound() throws Exception {
    f.append(0, 3);
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0))) {
      Iterator<SequencedRecord> it = session.iterator();
      for (int i = 0; i < 3; i++) {
        it.next();
      }
      CompletableFuture<Boolean> more = CompletableFuture.supplyAsync(it::hasNext);
      session.caughtUp().get(10, TimeUnit.SECONDS);

      f.client.basin(SessionFixture.BASIN).streams().delete(f.stream.name());

      Throwable e = catchThrowableOfType(java.util.concurrent.ExecutionException.class,
          () -> more.get(10, TimeUnit.SECONDS)).getCause();
      assertThat(e).isInstanceOf(NotFoundException.class);
      assertThat(((NotFoundException) e).code()).hasValue("stream_not_found");
      assertThat(session.isCaughtUp()).isFalse();
    }
    assertThat(f.sessionRequests()).hasSize(1);
  }

  @Test
  void aRetryableErrorEventResumesAfterTheLastRecord() {
    f.append(0, 25);
    FaultHandle injected = f.s2.faults().injectIntoReadSessions(thisStream(),
        SseInjection.errorEvent(InjectedError.of(503, "unavailable")).afterEvents(1));
    List<SequencedRecord> records;
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(25))) {
      records = readAll(session);
      assertThat(session.reconnects()).isEqualTo(1);
    }
    assertNumbered(records, 0, 25);
    assertThat(injected.triggered()).isEqualTo(1);
    assertThat(query(f.sessionRequests().get(1)))
        .containsExactly(Map.entry("seq_num", "10"), Map.entry("count", "15"));
  }

  private void assertMalformed(SseInjection injection, String problem) {
    f.append(0, 15);
    f.s2.faults().injectIntoReadSessions(thisStream(), injection.afterEvents(1));
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(15))) {
      Iterator<SequencedRecord> it = session.iterator();
      for (int i = 0; i < 10; i++) {
        assertThat(it.next().seqNum()).isEqualTo(i);
      }

      S2DecodingException e = catchThrowableOfType(S2DecodingException.class, it::hasNext);

      assertThat(e).hasMessageStartingWith("GET /v1/streams/" + f.stream.name() + "/records: " + problem);
      assertThat(e.isRetryable()).isFalse();
      assertThat(e.attempts()).isEqualTo(1);
      assertThat(catchThrowableOfType(S2DecodingException.class, it::hasNext)).isSameAs(e);
    }
    assertThat(f.sessionRequests()).hasSize(1);
  }

  @Test
  void aBrokenDataLineIsATypedError() {
    assertMalformed(SseInjection.brokenDataLine(), "a batch event is not a ReadBatch: ");
  }

  @Test
  void anUnknownEventIsATypedError() {
    assertMalformed(SseInjection.unknownEvent(),
        "unknown SSE event 'surprise' (S2 sends batch, ping, error and [DONE])");
  }

  @Test
  void aBatchThatIsNotJsonIsATypedError() {
    assertMalformed(SseInjection.malformedBatch(), "a batch event is not a ReadBatch: ");
  }

  @Test
  void anErrorEventThatIsNotAnErrorInfoIsATypedError() {
    assertMalformed(SseInjection.raw("event: error\ndata: <html>oops</html>\n\n").thenEnd(),
        "an error event is not an ErrorInfo: <html>oops</html>");
  }

  /** Cuts the first connection after its first batch, then answers 503 and 429 (with retry-after-ms). */
  private Iterator<SequencedRecord> cutThenBurst(ReadSession session) {
    f.append(0, 30);
    f.s2.faults().cutReadSessions(thisStream(), SseCut.afterBytes(1_200));
    Iterator<SequencedRecord> it = session.iterator();
    assertThat(it.next().seqNum()).isZero(); // connected, with the cut planned; the errors apply to reconnections
    f.s2.faults().failNext(1, thisStream(), InjectedError.unavailable().withRetryAfter(Duration.ofMillis(250)));
    f.s2.faults().failNext(1, thisStream(), InjectedError.rateLimited().withRetryAfter(Duration.ofMillis(400)));
    return it;
  }

  @Test
  void burstsOf503And429OnReconnectionAreWaitedOutAsTheServerAsks() {
    List<SequencedRecord> records = new ArrayList<>();
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(30), attempts(4))) {
      Iterator<SequencedRecord> it = cutThenBurst(session);
      it.forEachRemaining(records::add);
      assertThat(session.reconnects()).isEqualTo(3);
    }
    assertNumbered(records, 1, 30);
    // Backoff after the cut (base 100 ms, jitter 0), then what the 503 and the 429 asked for.
    assertThat(f.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(400));
    List<RecordedRequest> requests = f.sessionRequests();
    assertThat(requests).hasSize(4);
    for (RecordedRequest r : requests.subList(1, 4)) {
      assertThat(query(r)).containsEntry("seq_num", query(requests.get(1)).get("seq_num"));
    }
  }

  @Test
  void whenTheAttemptBudgetIsSpentTheLastErrorEndsTheSession() {
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(30))) {
      Iterator<SequencedRecord> it = cutThenBurst(session);
      for (int i = 1; i < 10; i++) {
        assertThat(it.next().seqNum()).isEqualTo(i);
      }

      // Default policy, 3 attempts: the cut connection, the 503, the 429.
      RateLimitedException e = catchThrowableOfType(RateLimitedException.class, it::hasNext);

      assertThat(e.attempts()).isEqualTo(3);
      assertThat(e.retryAfter()).hasValue(Duration.ofMillis(400));
      assertThat(session.isOpen()).isFalse();
    }
    assertThat(f.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(250));
  }

  @Test
  void aHealthyConnectionResetsTheBudgetSoAnIdleSessionOutlivesManyDrains() throws Exception {
    // Five connections in a row answer a ping, then a retryable error (a draining server); the default policy
    // allows 3 attempts, but each ping shows a healthy connection.
    String ping = "event: ping\ndata: {\"timestamp\":1,\"tail\":{\"seq_num\":0,\"timestamp\":0}}\n\n";
    String draining = "event: error\ndata: {\"code\":\"server_draining\",\"message\":\"bye\"}\n\n";
    FaultHandle drains = f.s2.faults().injectIntoReadSessions(thisStream(),
        SseInjection.raw(ping + draining).thenEnd().times(5));
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0))) {
      Iterator<SequencedRecord> it = session.iterator();
      CompletableFuture<SequencedRecord> first = CompletableFuture.supplyAsync(it::next);
      assertThat(drains.awaitTriggered(5, Duration.ofSeconds(10))).isTrue();
      SessionFixture.await("the sixth connection", () -> f.sessionRequests().size() == 6);
      f.append(0, 1);

      assertThat(first.get(10, TimeUnit.SECONDS).bodyAsString()).isEqualTo(SessionFixture.body(0));
      assertThat(session.reconnects()).isEqualTo(5);
    }
    assertThat(f.sleeps).containsOnly(Duration.ofMillis(100)).hasSize(5);
  }

  @Test
  void withoutProgressTheBudgetRunsOut() {
    String draining = "event: error\ndata: {\"code\":\"server_draining\",\"message\":\"bye\"}\n\n";
    f.s2.faults().injectIntoReadSessions(thisStream(), SseInjection.raw(draining).thenEnd().times(5));
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0))) {
      ServerErrorException e = catchThrowableOfType(ServerErrorException.class, () -> session.iterator().hasNext());
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.code()).hasValue("server_draining");
      assertThat(e.attempts()).isEqualTo(3);
    }
    assertThat(f.sessionRequests()).hasSize(3);
    assertThat(f.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void aCutJustBeforeDoneEndsABoundedReadCleanly() throws IOException {
    f.append(0, 10);
    String whole = rawSse("seq_num=0&count=100");
    assertThat(whole).endsWith("data: [DONE]\n\n");
    int length = whole.getBytes(StandardCharsets.UTF_8).length;
    f.s2.faults().cutReadSessions(thisStream(), SseCut.afterBytes(length - 4)); // in the middle of [DONE]

    List<SequencedRecord> records;
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(100))) {
      records = readAll(session);
      // The reconnection starts at the tail, where a bounded read without wait gets 416: nothing is left.
      assertThat(session.reconnects()).isEqualTo(1);
      assertThat(session.isCaughtUp()).isTrue();
      assertThat(session.lastObservedTail().get().seqNum()).isEqualTo(10);
    }
    assertNumbered(records, 0, 10);
    List<RecordedRequest> requests = f.sessionRequests(); // the raw read, the session's read, its reconnection
    assertThat(requests).hasSize(3);
    assertThat(query(requests.get(2))).containsExactly(Map.entry("seq_num", "10"), Map.entry("count", "90"));
  }

  @Test
  void aRecordSentAgainIsDeliveredOnce() {
    f.append(0, 15);
    long timestamp = f.s2.records(SessionFixture.BASIN, f.stream.name()).get(0).timestamp();
    String again = "event: batch\nid: 0,11,231\ndata: {\"records\":[{\"seq_num\":0,\"timestamp\":" + timestamp
        + ",\"body\":\"" + Base64.getEncoder().encodeToString(SessionFixture.body(0).getBytes(StandardCharsets.UTF_8))
        + "\"}]}\n\n";
    f.s2.faults().injectIntoReadSessions(thisStream(), SseInjection.raw(again).afterEvents(1));

    List<SequencedRecord> records;
    ResumingReadSession session = (ResumingReadSession) f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(15));
    try (session) {
      records = readAll(session);
    }
    assertNumbered(records, 0, 15);
    assertThat(session.duplicatesDropped()).isEqualTo(1);
  }

  private void assertBoundHoldsAcrossACut(Function<ReadOptions, ReadOptions> bound, int expected,
      Map.Entry<String, Function<Long, String>> reduced) {
    List<AppendRecord> batch = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      batch.add(AppendRecord.builder().body(SessionFixture.body(i)).timestamp(1_000 + i).build());
    }
    f.stream.append(batch);
    f.s2.faults().cutReadSessions(thisStream(), SseCut.afterBytes(1_200)); // in the second event
    List<SequencedRecord> records;
    try (ReadSession session = f.stream.readSession(bound.apply(ReadOptions.fromSeqNum(0)))) {
      records = readAll(session);
      assertThat(session.reconnects()).isEqualTo(1);
    }
    assertNumbered(records, 0, expected);
    Map<String, String> resumed = query(f.sessionRequests().get(1));
    long from = Long.parseLong(resumed.get("seq_num"));
    assertThat(from).isGreaterThan(0);
    assertThat(resumed).containsEntry(reduced.getKey(), reduced.getValue().apply(from));
  }

  @Test
  void aCountBoundHoldsAcrossAReconnection() {
    assertBoundHoldsAcrossACut(o -> o.withCount(37), 37, Map.entry("count", from -> Long.toString(37 - from)));
  }

  @Test
  void aBytesBoundHoldsAcrossAReconnection() {
    long bytes = 21 * 33 + 7; // each record meters 8 + 13 bytes
    assertBoundHoldsAcrossACut(o -> o.withBytes(bytes), 33,
        Map.entry("bytes", from -> Long.toString(bytes - 21 * from)));
  }

  @Test
  void anUntilBoundHoldsAcrossAReconnection() {
    assertBoundHoldsAcrossACut(o -> o.withUntil(1_041), 41, Map.entry("until", from -> "1041"));
  }
}
