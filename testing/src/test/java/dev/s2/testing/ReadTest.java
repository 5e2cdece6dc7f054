package dev.s2.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Unary reads: start positions, bounds, clamp, 416, long polls, check tail. */
class ReadTest {
  static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
  static final ManualClock CLOCK = new ManualClock(T0);
  static final String BASIN = "read-basin-1";

  @RegisterExtension
  static final EmbeddedS2Extension S2 =
      EmbeddedS2Extension.configure(b -> b.clock(CLOCK).basins(BASIN));

  /**
   * Stream "ten": records 0..9 with timestamps 100, 200, ..., 1000 and bodies "r0".."r9" (metered
   * 10 bytes).
   */
  @BeforeAll
  static void tenRecords() {
    TestHttp http = new TestHttp(S2.server()).basin(BASIN);
    http.put("/streams/ten", null);
    StringBuilder sb = new StringBuilder("{\"records\":[");
    for (int i = 0; i < 10; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"body\":\"r")
          .append(i)
          .append("\",\"timestamp\":")
          .append((i + 1) * 100)
          .append('}');
    }
    assertThat(http.post("/streams/ten/records", sb.append("]}").toString()).status())
        .isEqualTo(200);
  }

  private static TestHttp http() {
    return new TestHttp(S2.server()).basin(BASIN);
  }

  private static List<Long> seqNums(TestHttp.Res res) {
    assertThat(res.status()).as(res.body()).isEqualTo(200);
    return ((List<?>) res.json().get("records"))
        .stream().map(r -> (Long) ((Map<?, ?>) r).get("seq_num")).toList();
  }

  @Test
  void readsFromASeqNumATimestampOrATailOffset() {
    assertThat(seqNums(http().get("/streams/ten/records?seq_num=7"))).containsExactly(7L, 8L, 9L);
    assertThat(seqNums(http().get("/streams/ten/records?timestamp=450")))
        .containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(seqNums(http().get("/streams/ten/records?tail_offset=2"))).containsExactly(8L, 9L);
    assertThat(seqNums(http().get("/streams/ten/records?tail_offset=50"))).hasSize(10);

    TestHttp.Res one = http().get("/streams/ten/records?seq_num=3&count=1");
    assertThat(one.body())
        .isEqualTo("{\"records\":[{\"seq_num\":3,\"timestamp\":400,\"body\":\"r3\"}]}");
  }

  @Test
  void boundsStopTheRead() {
    assertThat(seqNums(http().get("/streams/ten/records?seq_num=0&count=3")))
        .containsExactly(0L, 1L, 2L);
    assertThat(seqNums(http().get("/streams/ten/records?seq_num=0&bytes=25")))
        .containsExactly(0L, 1L);
    assertThat(seqNums(http().get("/streams/ten/records?seq_num=0&until=350")))
        .containsExactly(0L, 1L, 2L);
    assertThat(seqNums(http().get("/streams/ten/records?seq_num=0&count=0"))).isEmpty();
    assertThat(seqNums(http().get("/streams/ten/records?seq_num=2&count=5&until=500")))
        .containsExactly(2L, 3L);
  }

  @Test
  void startingPastTheTailIs416WithTheTailUnlessClamped() {
    TestHttp.Res past = http().get("/streams/ten/records?seq_num=11");
    assertThat(past.status()).isEqualTo(416);
    assertThat(past.body()).isEqualTo("{\"tail\":{\"seq_num\":10,\"timestamp\":1000}}");
    // At the tail, a read that may not wait is 416 too, clamped or not.
    assertThat(http().get("/streams/ten/records?seq_num=10").status()).isEqualTo(416);
    assertThat(http().get("/streams/ten/records?seq_num=11&clamp=true").status()).isEqualTo(416);
    assertThat(http().get("/streams/ten/records?timestamp=1001").status()).isEqualTo(416);
    // A timestamp at or before the last one resolves normally.
    assertThat(seqNums(http().get("/streams/ten/records?timestamp=1000"))).containsExactly(9L);
  }

  @Test
  void aClampedReadThatMayWaitLongPollsFromTheTail() throws Exception {
    TestHttp http = http();
    http.put("/streams/clamped", null);
    http.post("/streams/clamped/records", "{\"records\":[{\"body\":\"old\"}]}");
    CompletableFuture<HttpResponse<String>> poll =
        TestHttp.CLIENT.sendAsync(
            http.request("/streams/clamped/records?seq_num=99&clamp=true&wait=5").GET().build(),
            HttpResponse.BodyHandlers.ofString());
    awaitWaiting("clamped");
    CLOCK.advance(Duration.ofSeconds(5));
    HttpResponse<String> answer = poll.get(10, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("{\"records\":[]}");
  }

  @Test
  void invalidParametersAreRefused() {
    TestHttp.Res two = http().get("/streams/ten/records?seq_num=1&timestamp=2");
    assertThat(two.status()).isEqualTo(422);
    assertThat(two.json())
        .isEqualTo(
            Map.of(
                "code",
                "invalid",
                "message",
                "only one of seq_num, timestamp, or tail_offset can be provided"));
    TestHttp.Res until = http().get("/streams/ten/records?timestamp=500&until=500");
    assertThat(until.json())
        .isEqualTo(
            Map.of("code", "invalid", "message", "start `timestamp` exceeds or equal to `until`"));
    TestHttp.Res notNumber = http().get("/streams/ten/records?seq_num=abc");
    assertThat(notNumber.status()).isEqualTo(400);
    assertThat(notNumber.json())
        .isEqualTo(
            Map.of(
                "code",
                "bad_query",
                "message",
                "Failed to deserialize query string: seq_num: invalid digit found in string"));
    assertThat(http().get("/streams/ten/records?clamp=yes").status()).isEqualTo(400);
    assertThat(http().get("/streams/ten/records?seq_num=1&seq_num=2").status()).isEqualTo(400);
    assertThat(http().get("/streams/nope/records?seq_num=0").status()).isEqualTo(404);
  }

  @Test
  void unaryReadsAreCappedAtOneBatch() {
    TestHttp http = http();
    http.put("/streams/big", null);
    for (int batch = 0; batch < 2; batch++) {
      StringBuilder sb = new StringBuilder("{\"records\":[");
      for (int i = 0; i < 1000; i++) {
        sb.append(i == 0 ? "" : ",").append("{\"body\":\"x\"}");
      }
      http.post("/streams/big/records", sb.append("]}").toString());
    }
    assertThat(seqNums(http.get("/streams/big/records?seq_num=0"))).hasSize(1000);
    assertThat(seqNums(http.get("/streams/big/records?seq_num=0&count=5000"))).hasSize(1000);
    assertThat(seqNums(http.get("/streams/big/records?seq_num=1500"))).hasSize(500);
  }

  @Test
  void checkTailAnswersTheNextSeqNumAndLastTimestamp() {
    TestHttp.Res tail = http().get("/streams/ten/records/tail");
    assertThat(tail.status()).isEqualTo(200);
    assertThat(tail.body()).isEqualTo("{\"tail\":{\"seq_num\":10,\"timestamp\":1000}}");
    http().put("/streams/empty", null);
    assertThat(http().get("/streams/empty/records/tail").body())
        .isEqualTo("{\"tail\":{\"seq_num\":0,\"timestamp\":0}}");
    assertThat(http().get("/streams/nope/records/tail").status()).isEqualTo(404);
  }

  @Test
  void aLongPollAnswersWithTheFirstRecordsAppended() throws Exception {
    TestHttp http = http();
    http.put("/streams/poll", null);
    CompletableFuture<HttpResponse<String>> poll =
        TestHttp.CLIENT.sendAsync(
            http.request("/streams/poll/records?seq_num=0&wait=30").GET().build(),
            HttpResponse.BodyHandlers.ofString());
    awaitWaiting("poll");
    http.post("/streams/poll/records", "{\"records\":[{\"body\":\"late\",\"timestamp\":5}]}");
    HttpResponse<String> answer = poll.get(10, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body())
        .isEqualTo(
            "{\"records\":[{\"seq_num\":0,\"timestamp\":5,\"body\":\"late\"}],\"tail\":{\"seq_num\":1,\"timestamp\":5}}");
  }

  @Test
  void aLongPollEndsEmptyWhenTheWaitIsOver() throws Exception {
    TestHttp http = http();
    http.put("/streams/quiet", null);
    CompletableFuture<HttpResponse<String>> poll =
        TestHttp.CLIENT.sendAsync(
            http.request("/streams/quiet/records?seq_num=0&wait=5").GET().build(),
            HttpResponse.BodyHandlers.ofString());
    awaitWaiting("quiet");
    CLOCK.advance(Duration.ofSeconds(4));
    assertThat(poll).isNotDone();
    CLOCK.advance(Duration.ofSeconds(1));
    HttpResponse<String> answer = poll.get(10, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("{\"records\":[]}");
  }

  /** Waits until the read is parked on the server, its deadline fixed. */
  private static void awaitWaiting(String stream) {
    assertThat(S2.server().awaitParkedReads(1, Duration.ofSeconds(10)))
        .as("a parked read on " + stream)
        .isTrue();
  }
}
