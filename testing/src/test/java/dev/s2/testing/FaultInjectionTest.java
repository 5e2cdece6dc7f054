package dev.s2.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each fault kind, as a client sees it on the wire. */
class FaultInjectionTest {
  static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-05-01T00:00:00Z"));
  static final String BASIN = "fault-basin-1";

  @RegisterExtension
  static final EmbeddedS2Extension S2 =
      EmbeddedS2Extension.configure(
          b ->
              b.clock(CLOCK)
                  .basins(BASIN)
                  .pingInterval(Duration.ofSeconds(10))
                  .sessionBatchRecords(10));

  private static TestHttp http(String stream, int records) {
    return new TestHttp(S2.server())
        .basin(BASIN)
        .streamWithRecords(stream, records, "record-", false);
  }

  @Test
  void failNextAnswersBurstsOfErrorsWithARetryHint() throws Exception {
    TestHttp http = http("burst", 0);
    long before = S2.server().requestCount(Operation.APPEND);
    FaultHandle burst =
        S2.server()
            .faults()
            .failNext(
                3,
                RequestMatcher.operation(Operation.APPEND),
                InjectedError.unavailable().withRetryAfter(Duration.ofMillis(20)));
    for (int i = 0; i < 3; i++) {
      TestHttp.Res refused =
          http.post("/streams/burst/records", "{\"records\":[{\"body\":\"x\"}]}");
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.json())
          .isEqualTo(Map.of("code", "unavailable", "message", "injected fault"));
      assertThat(refused.header("retry-after-ms")).contains("20");
    }
    assertThat(burst.triggered()).isEqualTo(3);
    assertThat(burst.active()).isFalse();
    assertThat(burst.awaitTriggered(3, Duration.ofSeconds(1))).isTrue();
    assertThat(S2.server().records(BASIN, "burst")).isEmpty();
    assertThat(http.post("/streams/burst/records", "{\"records\":[{\"body\":\"x\"}]}").status())
        .isEqualTo(200);
    assertThat(S2.server().requestCount(Operation.APPEND) - before).isEqualTo(4);

    // Other operations and other streams are not touched by a narrower rule.
    S2.server()
        .faults()
        .failNext(1, RequestMatcher.stream(BASIN, "elsewhere"), InjectedError.rateLimited());
    assertThat(http.get("/streams/burst/records/tail").status()).isEqualTo(200);
    TestHttp.Res limited = http.get("/streams/elsewhere/records/tail");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json()).containsEntry("code", "rate_limited");
    assertThat(limited.header("retry-after-ms")).isEmpty();
  }

  @Test
  void failRandomlyIsReproducibleFromItsSeed() {
    TestHttp http = http("random", 0);
    List<Integer> first = statuses(http, 0.3, 99);
    List<Integer> second = statuses(http, 0.3, 99);
    assertThat(first).isEqualTo(second).contains(200, 500);
    assertThat(statuses(http, 0.0, 1)).containsOnly(200);
    assertThat(statuses(http, 1.0, 1)).containsOnly(500);
  }

  private static List<Integer> statuses(TestHttp http, double p, long seed) {
    FaultHandle rule =
        S2.server()
            .faults()
            .failRandomly(
                RequestMatcher.operation(Operation.CHECK_TAIL),
                InjectedError.of(500, "other"),
                p,
                seed);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      out.add(http.get("/streams/random/records/tail").status());
    }
    rule.cancel();
    assertThat(rule.active()).isFalse();
    return out;
  }

  @Test
  void aCutAbortsTheSessionAfterExactlyTheBudget() throws Exception {
    TestHttp http = http("cut-once", 30);
    String path = "/v1/streams/cut-once/records?seq_num=0&count=30";
    RawExchange full = RawExchange.get(S2.server(), BASIN, path, "accept: text/event-stream");
    assertThat(full.complete()).isTrue();
    assertThat(full.body()).endsWith("data: [DONE]\n\n");

    FaultHandle cut =
        S2.server().faults().cutReadSessions(RequestMatcher.readSessions(), SseCut.afterBytes(700));
    RawExchange cutOne = RawExchange.get(S2.server(), BASIN, path, "accept: text/event-stream");
    // Exactly the first 700 bytes of the body arrive, then the connection ends without the last
    // chunk.
    assertThat(cutOne.status()).isEqualTo(200);
    assertThat(cutOne.body()).isEqualTo(full.body().substring(0, 700));
    assertThat(cutOne.complete()).isFalse();
    assertThat(cut.triggered()).isEqualTo(1);
    assertThat(cut.active()).isFalse();

    // With the JDK client the session fails after the events completed before the cut.
    try (SseReader sse = SseReader.open(http, "/streams/cut-once/records?seq_num=0&count=30")) {
      assertThat(sse.nextItem(Duration.ofSeconds(10))).isInstanceOf(SseReader.Event.class);
    }
  }

  @Test
  void aLongReadCutHundredsOfTimesStillDeliversEveryRecordOnce() {
    int total = 3000;
    TestHttp http = http("cut-often", total);
    FaultHandle cuts =
        S2.server()
            .faults()
            .cutReadSessions(
                RequestMatcher.readSessions(), SseCut.randomly(2026, 1, 1200).repeatedly());
    List<String> received = new ArrayList<>();
    long next = 0;
    int sessions = 0;
    boolean done = false;
    while (!done) {
      assertThat(++sessions).as("sessions").isLessThan(20_000);
      try (SseReader sse =
          SseReader.open(
              http,
              "/streams/cut-often/records?seq_num="
                  + next
                  + "&count="
                  + (total - received.size()))) {
        Object item;
        while ((item = sse.nextItem(Duration.ofSeconds(10))) instanceof SseReader.Event) {
          SseReader.Event e = (SseReader.Event) item;
          if (e.data().equals("[DONE]")) {
            done = true;
            break;
          }
          if (e.name().equals("batch")) {
            for (Object r : (List<?>) e.json().get("records")) {
              received.add((String) ((Map<?, ?>) r).get("body"));
            }
            next = Long.parseLong(e.id().split(",")[0]) + 1;
          }
        }
      }
    }
    cuts.cancel();
    assertThat(cuts.triggered()).isGreaterThanOrEqualTo(200);
    assertThat(received).hasSize(total);
    for (int i = 0; i < total; i++) {
      assertThat(received.get(i)).isEqualTo("record-" + i);
    }
  }

  @Test
  void aSilencedSessionSendsNothingUntilReleased() throws InterruptedException {
    TestHttp http = http("silent", 3);
    FaultHandle silence =
        S2.server()
            .faults()
            .silenceReadSessions(RequestMatcher.readSessions(), SseSilence.afterEvents(1));
    try (SseReader sse = SseReader.open(http, "/streams/silent/records?seq_num=0")) {
      assertThat(sse.next().name()).isEqualTo("batch");
      assertThat(silence.awaitTriggered(1, Duration.ofSeconds(10))).isTrue();
      assertThat(S2.server().awaitParkedReads(1, Duration.ofSeconds(10))).isTrue();
      CLOCK.advance(Duration.ofSeconds(60));
      http.post("/streams/silent/records", "{\"records\":[{\"body\":\"more\"}]}");
      assertThat(S2.server().awaitParkedReads(1, Duration.ofSeconds(10))).isTrue();
      assertThat(sse.nothingReceived()).isTrue();

      silence.cancel();
      SseReader.Event resumed = sse.next();
      assertThat(resumed.name()).isEqualTo("ping");
    }
    // The rule applied once: the next session is not silenced.
    try (SseReader sse = SseReader.open(http, "/streams/silent/records?seq_num=0&count=1")) {
      assertThat(sse.next().name()).isEqualTo("batch");
    }
  }

  @Test
  void injectedTextArrivesWhereAsked() {
    TestHttp http = http("inject", 2);
    S2.server()
        .faults()
        .injectIntoReadSessions(RequestMatcher.readSessions(), SseInjection.unknownEvent());
    S2.server()
        .faults()
        .injectIntoReadSessions(
            RequestMatcher.readSessions(), SseInjection.malformedBatch().afterEvents(1));
    try (SseReader sse = SseReader.open(http, "/streams/inject/records?seq_num=0&count=2")) {
      SseReader.Event surprise = sse.next();
      assertThat(surprise.name()).isEqualTo("surprise");
      assertThat(sse.next().name()).isEqualTo("batch");
      SseReader.Event malformed = sse.next();
      assertThat(malformed.name()).isEqualTo("batch");
      assertThat(malformed.data()).isEqualTo("this is not JSON");
      assertThat(sse.next().data()).isEqualTo("[DONE]");
    }

    S2.server()
        .faults()
        .injectIntoReadSessions(RequestMatcher.readSessions(), SseInjection.brokenDataLine());
    try (SseReader sse = SseReader.open(http, "/streams/inject/records?seq_num=0&count=2")) {
      SseReader.Event broken = sse.next();
      assertThat(broken.data()).isEqualTo("{\"records\":[{\"seq_num\":0,\"timestamp\"");
    }
  }

  @Test
  void anErrorEventEndsTheSessionWithoutDone() {
    TestHttp http = http("error-event", 2);
    FaultHandle retryable =
        S2.server()
            .faults()
            .injectIntoReadSessions(
                RequestMatcher.readSessions(),
                SseInjection.errorEvent(InjectedError.unavailable().withMessage("try again"))
                    .afterEvents(1));
    try (SseReader sse = SseReader.open(http, "/streams/error-event/records?seq_num=0")) {
      assertThat(sse.next().name()).isEqualTo("batch");
      SseReader.Event error = sse.next();
      assertThat(error.name()).isEqualTo("error");
      assertThat(error.json()).isEqualTo(Map.of("code", "unavailable", "message", "try again"));
      assertThat(sse.nextItem(Duration.ofSeconds(10))).isInstanceOf(SseReader.End.class);
      assertThat(sse.rawText()).doesNotContain("[DONE]");
    }
    assertThat(retryable.triggered()).isEqualTo(1);

    S2.server()
        .faults()
        .injectIntoReadSessions(
            RequestMatcher.readSessions(),
            SseInjection.errorEvent(InjectedError.of(422, "invalid")));
    try (SseReader sse = SseReader.open(http, "/streams/error-event/records?seq_num=0")) {
      assertThat(sse.next().json()).containsEntry("code", "invalid");
      assertThat(sse.nextItem(Duration.ofSeconds(10))).isInstanceOf(SseReader.End.class);
    }
  }

  @Test
  void requestsAreCountedAndRecordedWithSecretsMasked() {
    TestHttp http = http("counted", 0);
    S2.server().clearRequests();
    http.post(
        "/streams/counted/records",
        "{\"records\":[{\"body\":\"a\"}]}",
        "s2-encryption-key",
        "c2VjcmV0");
    http.get("/streams/counted/records?seq_num=0");
    http.get("/streams/counted/records?seq_num=0");
    assertThat(S2.server().requestCount(Operation.APPEND)).isEqualTo(1);
    assertThat(S2.server().requestCount(Operation.READ)).isEqualTo(2);
    assertThat(S2.server().requestCount(Operation.LIST_BASINS)).isZero();

    List<RecordedRequest> requests = S2.server().requests();
    assertThat(requests).hasSize(3);
    RecordedRequest append = requests.get(0);
    assertThat(append.operation()).isEqualTo(Operation.APPEND);
    assertThat(append.method()).isEqualTo("POST");
    assertThat(append.path()).isEqualTo("/v1/streams/counted/records");
    assertThat(append.basin()).contains(BASIN);
    assertThat(append.stream()).contains("counted");
    assertThat(append.bodyUtf8()).isEqualTo("{\"records\":[{\"body\":\"a\"}]}");
    assertThat(append.header("authorization")).contains("Bearer " + S2.server().accessToken());
    assertThat(append.protocol()).isEqualTo("HTTP/1.1");
    assertThat(append.toString())
        .contains("authorization=****", "s2-encryption-key=****")
        .doesNotContain(S2.server().accessToken(), "c2VjcmV0");
    assertThat(requests.get(1).query()).contains("seq_num=0");
    assertThat(requests.get(1).readSession()).isFalse();
    assertThat(requests.get(2).sequence()).isGreaterThan(requests.get(1).sequence());
  }

  @Test
  void faultArgumentsAreChecked() {
    Faults faults = S2.server().faults();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> faults.failNext(0, RequestMatcher.any(), InjectedError.unavailable()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("times must be positive, got 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> faults.failRandomly(RequestMatcher.any(), InjectedError.unavailable(), 1.5, 1))
        .hasMessage("probability must be in [0, 1], got 1.5");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SseCut.randomly(1, 10, 5))
        .hasMessage("byte bounds must satisfy 0 <= min <= max, got min 10, max 5");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> InjectedError.of(42, "x"))
        .hasMessage("status must be an HTTP status (100..599), got 42");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SseSilence.afterEvents(-1))
        .hasMessage("afterEvents must not be negative, got -1");
  }
}
