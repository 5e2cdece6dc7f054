package dev.s2.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SSE read sessions: catch-up, live tail, pings, bounds, [DONE], Last-Event-ID. */
class SseSessionTest {
  static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-05-01T00:00:00Z"));
  static final String BASIN = "sse-basin-1";

  @RegisterExtension
  static final EmbeddedS2Extension S2 =
      EmbeddedS2Extension.configure(
          b -> b.clock(CLOCK).basins(BASIN).pingInterval(Duration.ofSeconds(10)));

  private static TestHttp http(String stream, int records) {
    TestHttp http = new TestHttp(S2.server()).basin(BASIN);
    http.put("/streams/" + stream, null);
    if (records > 0) {
      append(http, stream, records, 0);
    }
    return http;
  }

  /** Appends {@code n} records with bodies "b<first>".. and timestamps 1, 2, ... from first + 1. */
  private static void append(TestHttp http, String stream, int n, int first) {
    StringBuilder sb = new StringBuilder("{\"records\":[");
    for (int i = first; i < first + n; i++) {
      sb.append(i == first ? "" : ",")
          .append("{\"body\":\"b")
          .append(i)
          .append("\",\"timestamp\":")
          .append(i + 1)
          .append('}');
    }
    assertThat(http.post("/streams/" + stream + "/records", sb.append("]}").toString()).status())
        .isEqualTo(200);
  }

  private static List<String> bodies(SseReader.Event batch) {
    return ((List<?>) batch.json().get("records"))
        .stream().map(r -> (String) ((Map<?, ?>) r).get("body")).toList();
  }

  @Test
  void aSessionCatchesUpThenPingsThenFollowsLiveAppends() {
    TestHttp http = http("live", 3);
    try (SseReader sse = SseReader.open(http, "/streams/live/records?seq_num=0")) {
      assertThat(sse.status()).isEqualTo(200);
      assertThat(sse.headers().get("content-type")).containsExactly("text/event-stream");
      assertThat(sse.headers().get("cache-control")).containsExactly("no-cache, no-transform");

      SseReader.Event catchUp = sse.next();
      assertThat(catchUp.name()).isEqualTo("batch");
      // id: last seq num, records and metered bytes delivered so far on this connection (3 x (8 +
      // 2)).
      assertThat(catchUp.id()).isEqualTo("2,3,30");
      assertThat(bodies(catchUp)).containsExactly("b0", "b1", "b2");
      assertThat(catchUp.json()).doesNotContainKey("tail");

      SseReader.Event caughtUp = sse.next();
      assertThat(caughtUp.name()).isEqualTo("ping");
      assertThat(caughtUp.json())
          .isEqualTo(
              Map.of("timestamp", CLOCK.millis(), "tail", Map.of("seq_num", 3L, "timestamp", 3L)));

      append(http, "live", 2, 3);
      SseReader.Event live = sse.next();
      assertThat(live.name()).isEqualTo("batch");
      assertThat(live.id()).isEqualTo("4,5,50");
      assertThat(bodies(live)).containsExactly("b3", "b4");
      assertThat(live.json().get("tail")).isEqualTo(Map.of("seq_num", 5L, "timestamp", 5L));
    }
  }

  @Test
  void anIdleSessionPingsAtTheInterval() {
    TestHttp http = http("pings", 0);
    try (SseReader sse = SseReader.open(http, "/streams/pings/records?seq_num=0")) {
      assertThat(sse.next().name()).isEqualTo("ping");
      assertThat(S2.server().awaitParkedReads(1, Duration.ofSeconds(10))).isTrue();
      CLOCK.advance(Duration.ofSeconds(9));
      assertThat(S2.server().awaitParkedReads(1, Duration.ofSeconds(10))).isTrue();
      assertThat(sse.nothingReceived()).isTrue();
      CLOCK.advance(Duration.ofSeconds(1));
      SseReader.Event ping = sse.next();
      assertThat(ping.name()).isEqualTo("ping");
      assertThat(ping.json().get("timestamp")).isEqualTo(CLOCK.millis());
    }
  }

  @Test
  void aCountBoundEndsTheSessionWithDone() {
    TestHttp http = http("counted", 5);
    try (SseReader sse = SseReader.open(http, "/streams/counted/records?seq_num=1&count=2")) {
      SseReader.Event batch = sse.next();
      assertThat(bodies(batch)).containsExactly("b1", "b2");
      SseReader.Event done = sse.next();
      assertThat(done.name()).isEqualTo("message");
      assertThat(done.data()).isEqualTo("[DONE]");
      assertThat(sse.nextItem(Duration.ofSeconds(10))).isInstanceOf(SseReader.End.class);
      assertThat(sse.rawText()).endsWith("\n\ndata: [DONE]\n\n");
    }
  }

  @Test
  void aBoundedSessionWithoutWaitEndsAtTheTail() {
    TestHttp http = http("short", 2);
    try (SseReader sse = SseReader.open(http, "/streams/short/records?seq_num=0&count=10")) {
      assertThat(bodies(sse.next())).containsExactly("b0", "b1");
      assertThat(sse.next().data()).isEqualTo("[DONE]");
    }
    try (SseReader sse = SseReader.open(http, "/streams/short/records?seq_num=0&until=2")) {
      assertThat(bodies(sse.next())).containsExactly("b0");
      assertThat(sse.next().data()).isEqualTo("[DONE]");
    }
  }

  @Test
  void waitBoundsTheTimeWithoutRecords() {
    TestHttp http = http("waiting", 1);
    try (SseReader sse = SseReader.open(http, "/streams/waiting/records?seq_num=0&wait=3")) {
      assertThat(bodies(sse.next())).containsExactly("b0");
      assertThat(sse.next().name()).isEqualTo("ping");
      assertThat(S2.server().awaitParkedReads(1, Duration.ofSeconds(10))).isTrue();
      CLOCK.advance(Duration.ofSeconds(3));
      assertThat(sse.next().data()).isEqualTo("[DONE]");
    }
  }

  @Test
  void lastEventIdResumesAfterTheBatchWithBoundsReduced() {
    TestHttp http = http("resume", 6);
    try (SseReader sse =
        SseReader.open(
            http, "/streams/resume/records?seq_num=0&count=5", "last-event-id", "1,2,20")) {
      SseReader.Event batch = sse.next();
      assertThat(bodies(batch)).containsExactly("b2", "b3", "b4");
      assertThat(batch.id()).isEqualTo("4,3,30");
      assertThat(sse.next().data()).isEqualTo("[DONE]");
    }
    TestHttp.Res bad =
        http.get(
            "/streams/resume/records?seq_num=0",
            "accept",
            "text/event-stream",
            "last-event-id",
            "x,1");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json()).containsEntry("code", "bad_header");
  }

  @Test
  void errorsBeforeTheSessionAreOrdinaryAnswers() {
    TestHttp http = http("errors", 1);
    TestHttp.Res past =
        http.get("/streams/errors/records?seq_num=5", "accept", "text/event-stream");
    assertThat(past.status()).isEqualTo(416);
    assertThat(past.body()).isEqualTo("{\"tail\":{\"seq_num\":1,\"timestamp\":1}}");
    TestHttp.Res missing = http.get("/streams/nowhere/records", "accept", "text/event-stream");
    assertThat(missing.status()).isEqualTo(404);
  }

  @Test
  void aDeletedStreamEndsTheSessionWithAnErrorEvent() {
    TestHttp http = http("doomed", 1);
    try (SseReader sse = SseReader.open(http, "/streams/doomed/records?seq_num=0")) {
      sse.next();
      assertThat(sse.next().name()).isEqualTo("ping");
      http.delete("/streams/doomed");
      SseReader.Event error = sse.next();
      assertThat(error.name()).isEqualTo("error");
      assertThat(error.json()).containsEntry("code", "stream_not_found");
      assertThat(sse.nextItem(Duration.ofSeconds(10))).isInstanceOf(SseReader.End.class);
      assertThat(sse.rawText()).doesNotContain("[DONE]");
    }
  }

  @Test
  void sessionsSpeakBase64Too() {
    TestHttp http = http("binary", 0);
    http.post(
        "/streams/binary/records", "{\"records\":[{\"body\":\"/wA=\"}]}", "s2-format", "base64");
    try (SseReader sse =
        SseReader.open(http, "/streams/binary/records?seq_num=0&count=1", "s2-format", "base64")) {
      assertThat(bodies(sse.next())).containsExactly("/wA=");
    }
  }
}
