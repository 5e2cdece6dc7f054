package dev.s2.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Appends: acks, limits, conditions, command records, timestamps, formats. */
class AppendTest {
  static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
  static final ManualClock CLOCK = new ManualClock(NOW);
  static final String BASIN = "append-basin-1";

  @RegisterExtension
  static final EmbeddedS2Extension S2 =
      EmbeddedS2Extension.configure(b -> b.clock(CLOCK).basins(BASIN));

  private static TestHttp http(String stream) {
    TestHttp http = new TestHttp(S2.server()).basin(BASIN);
    http.put("/streams/" + stream, null);
    return http;
  }

  private static String records(String... bodies) {
    StringBuilder sb = new StringBuilder("{\"records\":[");
    for (int i = 0; i < bodies.length; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"body\":\"").append(bodies[i]).append("\"}");
    }
    return sb.append("]}").toString();
  }

  @Test
  void anAppendIsAckedWithItsPositions() {
    TestHttp http = http("acks");
    long now = NOW.toEpochMilli();
    TestHttp.Res first = http.post("/streams/acks/records", records("a", "b"));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json())
        .isEqualTo(
            Map.of(
                "start",
                Map.of("seq_num", 0L, "timestamp", now),
                "end",
                Map.of("seq_num", 2L, "timestamp", now),
                "tail",
                Map.of("seq_num", 2L, "timestamp", now)));
    TestHttp.Res second = http.post("/streams/acks/records", records("c"));
    assertThat(second.json().get("start")).isEqualTo(Map.of("seq_num", 2L, "timestamp", now));

    List<AppendedRecord> stored = S2.server().records(BASIN, "acks");
    assertThat(stored).extracting(AppendedRecord::bodyUtf8).containsExactly("a", "b", "c");
    assertThat(stored).extracting(AppendedRecord::seqNum).containsExactly(0L, 1L, 2L);
    assertThat(S2.server().tailSeqNum(BASIN, "acks")).isEqualTo(3);
  }

  @Test
  void batchLimitsAreCheckedWithMeteredSizes() {
    TestHttp http = http("limits");
    TestHttp.Res empty = http.post("/streams/limits/records", "{\"records\":[]}");
    assertThat(empty.status()).isEqualTo(422);
    assertThat(empty.json())
        .isEqualTo(Map.of("code", "invalid", "message", "record batch must not be empty"));

    String[] many = new String[1001];
    java.util.Arrays.fill(many, "x");
    TestHttp.Res tooMany = http.post("/streams/limits/records", records(many));
    assertThat(tooMany.json())
        .containsEntry("message", "record batch must not exceed 1000 records");
    assertThat(
            http.post("/streams/limits/records", records(java.util.Arrays.copyOf(many, 1000)))
                .status())
        .isEqualTo(200);

    // Metered size: 8 + 2 per header + header bytes + body. Two records of 512 KiB make 1 MiB
    // exactly.
    String half = "y".repeat(512 * 1024 - 8);
    assertThat(http.post("/streams/limits/records", records(half, half)).status()).isEqualTo(200);
    TestHttp.Res tooBig = http.post("/streams/limits/records", records(half, half, "z"));
    assertThat(tooBig.status()).isEqualTo(422);
    assertThat(tooBig.json())
        .containsEntry("message", "record batch must not exceed a metered size of 1 MiB");
    String exact = "w".repeat(1024 * 1024 - 8 - 2 - 2);
    TestHttp.Res withHeader =
        http.post(
            "/streams/limits/records",
            "{\"records\":[{\"headers\":[[\"k\",\"v\"]],\"body\":\"" + exact + "\"}]}");
    assertThat(withHeader.status()).isEqualTo(200);
    assertThat(S2.server().records(BASIN, "limits"))
        .last()
        .extracting(AppendedRecord::meteredSize)
        .isEqualTo(1024 * 1024);
    TestHttp.Res oneOver =
        http.post(
            "/streams/limits/records",
            "{\"records\":[{\"headers\":[[\"k\",\"vv\"]],\"body\":\"" + exact + "\"}]}");
    assertThat(oneOver.json())
        .containsEntry("message", "record must have metered size less than 1 MiB");
  }

  @Test
  void malformedRecordsAreRefused() {
    TestHttp http = http("malformed");
    assertThat(http.post("/streams/malformed/records", "{}").json())
        .containsEntry("code", "bad_json");
    TestHttp.Res header =
        http.post("/streams/malformed/records", "{\"records\":[{\"headers\":[[\"only-one\"]]}]}");
    assertThat(header.status()).isEqualTo(400);
    TestHttp.Res emptyName =
        http.post(
            "/streams/malformed/records",
            "{\"records\":[{\"headers\":[[\"a\",\"b\"],[\"\",\"c\"]]}]}");
    assertThat(emptyName.json())
        .isEqualTo(Map.of("code", "invalid", "message", "invalid header: empty name"));
    TestHttp.Res unknownCommand =
        http.post(
            "/streams/malformed/records", "{\"records\":[{\"headers\":[[\"\",\"explode\"]]}]}");
    assertThat(unknownCommand.json())
        .isEqualTo(Map.of("code", "invalid", "message", "unknown command"));
    TestHttp.Res badTrim =
        http.post(
            "/streams/malformed/records",
            "{\"records\":[{\"headers\":[[\"\",\"trim\"]],\"body\":\"abc\"}]}");
    assertThat(badTrim.json())
        .containsEntry(
            "message",
            "invalid `trim` command: earliest sequence number to trim to was 3 bytes, must be 8");
    TestHttp.Res badBase64 =
        http.post(
            "/streams/malformed/records",
            "{\"records\":[{\"body\":\"%%%\"}]}",
            "s2-format",
            "base64");
    assertThat(badBase64.json())
        .isEqualTo(Map.of("code", "invalid", "message", "invalid Base64 encoding"));
    TestHttp.Res badFormat =
        http.post("/streams/malformed/records", records("x"), "s2-format", "hex");
    assertThat(badFormat.json())
        .isEqualTo(Map.of("code", "bad_header", "message", "Invalid header `s2-format`: hex"));
    TestHttp.Res longToken =
        http.post(
            "/streams/malformed/records",
            "{\"records\":[{\"body\":\"x\"}],\"fencing_token\":\"" + "t".repeat(37) + "\"}");
    assertThat(longToken.status()).isEqualTo(400);
    assertThat(S2.server().records(BASIN, "malformed")).isEmpty();
  }

  @Test
  void matchSeqNumMismatchIs412WithTheExpectedSeqNum() {
    TestHttp http = http("matching");
    assertThat(
            http.post(
                    "/streams/matching/records",
                    "{\"records\":[{\"body\":\"a\"}],\"match_seq_num\":0}")
                .status())
        .isEqualTo(200);
    TestHttp.Res mismatch =
        http.post(
            "/streams/matching/records", "{\"records\":[{\"body\":\"b\"}],\"match_seq_num\":0}");
    assertThat(mismatch.status()).isEqualTo(412);
    assertThat(mismatch.body()).isEqualTo("{\"seq_num_mismatch\":1}");
    assertThat(
            http.post(
                    "/streams/matching/records",
                    "{\"records\":[{\"body\":\"b\"}],\"match_seq_num\":1}")
                .status())
        .isEqualTo(200);
    assertThat(S2.server().records(BASIN, "matching"))
        .extracting(AppendedRecord::bodyUtf8)
        .containsExactly("a", "b");
  }

  @Test
  void fenceCommandSetsTheTokenThatAppendsMustCarry() {
    TestHttp http = http("fenced");
    TestHttp.Res fence =
        http.post(
            "/streams/fenced/records",
            "{\"records\":[{\"headers\":[[\"\",\"fence\"]],\"body\":\"owner-1\"}]}");
    assertThat(fence.status()).isEqualTo(200);

    TestHttp.Res wrong =
        http.post(
            "/streams/fenced/records",
            "{\"records\":[{\"body\":\"x\"}],\"fencing_token\":\"owner-2\"}");
    assertThat(wrong.status()).isEqualTo(412);
    assertThat(wrong.body()).isEqualTo("{\"fencing_token_mismatch\":\"owner-1\"}");

    // Fencing is checked before match_seq_num.
    TestHttp.Res both =
        http.post(
            "/streams/fenced/records",
            "{\"records\":[{\"body\":\"x\"}],\"fencing_token\":\"nope\",\"match_seq_num\":99}");
    assertThat(both.body()).isEqualTo("{\"fencing_token_mismatch\":\"owner-1\"}");

    assertThat(
            http.post(
                    "/streams/fenced/records",
                    "{\"records\":[{\"body\":\"x\"}],\"fencing_token\":\"owner-1\"}")
                .status())
        .isEqualTo(200);
    // Without a token, appends are not fenced.
    assertThat(http.post("/streams/fenced/records", records("y")).status()).isEqualTo(200);

    List<AppendedRecord> stored = S2.server().records(BASIN, "fenced");
    assertThat(stored.get(0).isCommand()).isTrue();
    assertThat(stored.get(0).headers())
        .containsExactly(new RecordHeader(new byte[0], "fence".getBytes()));
    assertThat(stored.get(0).bodyUtf8()).isEqualTo("owner-1");
  }

  @Test
  void trimCommandDropsEarlierRecords() {
    TestHttp http = http("trimmed");
    http.post("/streams/trimmed/records", records("r0", "r1", "r2", "r3"));
    String trimTo2 = Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(2).array());
    TestHttp.Res trim =
        http.post(
            "/streams/trimmed/records",
            "{\"records\":[{\"headers\":[[\"\",\"dHJpbQ==\"]],\"body\":\""
                + trimTo2.replace("\"", "")
                + "\"}]}",
            "s2-format",
            "base64");
    assertThat(trim.status()).isEqualTo(200);
    assertThat(S2.server().records(BASIN, "trimmed"))
        .extracting(AppendedRecord::seqNum)
        .containsExactly(2L, 3L, 4L);

    // The trim point never passes the trim record itself.
    String trimFar =
        Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(1000).array());
    http.post(
        "/streams/trimmed/records",
        "{\"records\":[{\"headers\":[[\"\",\"dHJpbQ==\"]],\"body\":\"" + trimFar + "\"}]}",
        "s2-format",
        "base64");
    assertThat(S2.server().records(BASIN, "trimmed")).extracting(AppendedRecord::seqNum).isEmpty();
    assertThat(S2.server().tailSeqNum(BASIN, "trimmed")).isEqualTo(6);

    // Reading from a trimmed position starts at the first record kept: here none is left before the
    // tail.
    TestHttp.Res read = http.get("/streams/trimmed/records?seq_num=0");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(Map.of("records", List.of()));
  }

  @Test
  void timestampsFollowTheStreamsMode() {
    TestHttp http = http("ts-prefer");
    long now = NOW.toEpochMilli();
    // client-prefer: the client's timestamp, capped at arrival, never going back.
    Map<String, Object> ack =
        http.post(
                "/streams/ts-prefer/records",
                "{\"records\":[{\"body\":\"a\",\"timestamp\":1000},{\"body\":\"b\",\"timestamp\":500},"
                    + "{\"body\":\"c\",\"timestamp\":"
                    + (now + 60_000)
                    + "},{\"body\":\"d\"}]}")
            .json();
    assertThat(S2.server().records(BASIN, "ts-prefer"))
        .extracting(AppendedRecord::timestamp)
        .containsExactly(1000L, 1000L, now, now);
    assertThat(ack.get("start")).isEqualTo(Map.of("seq_num", 0L, "timestamp", 1000L));

    new TestHttp(S2.server())
        .basin(BASIN)
        .post(
            "/streams",
            "{\"stream\":\"ts-uncapped\",\"config\":{\"timestamping\":{\"uncapped\":true}}}");
    http.post(
        "/streams/ts-uncapped/records",
        "{\"records\":[{\"body\":\"a\",\"timestamp\":" + (now + 60_000) + "}]}");
    assertThat(S2.server().records(BASIN, "ts-uncapped").get(0).timestamp())
        .isEqualTo(now + 60_000);

    http.post(
        "/streams",
        "{\"stream\":\"ts-require\",\"config\":{\"timestamping\":{\"mode\":\"client-require\"}}}");
    TestHttp.Res missing = http.post("/streams/ts-require/records", records("a"));
    assertThat(missing.json())
        .isEqualTo(
            Map.of("code", "invalid", "message", "record timestamp was required but was missing"));
    assertThat(
            http.post(
                    "/streams/ts-require/records",
                    "{\"records\":[{\"body\":\"a\",\"timestamp\":7}]}")
                .status())
        .isEqualTo(200);

    http.post(
        "/streams",
        "{\"stream\":\"ts-arrival\",\"config\":{\"timestamping\":{\"mode\":\"arrival\"}}}");
    CLOCK.advance(Duration.ofSeconds(1));
    http.post("/streams/ts-arrival/records", "{\"records\":[{\"body\":\"a\",\"timestamp\":7}]}");
    assertThat(S2.server().records(BASIN, "ts-arrival").get(0).timestamp())
        .isEqualTo(CLOCK.millis());
  }

  @Test
  void bytesRoundTripInBase64AndRawIsUtf8() {
    TestHttp http = http("formats");
    byte[] binary = {(byte) 0xff, 0, (byte) 0xfe, 'a'};
    String b64 = Base64.getEncoder().encodeToString(binary);
    http.post(
        "/streams/formats/records",
        "{\"records\":[{\"headers\":[[\""
            + b64
            + "\",\""
            + b64
            + "\"]],\"body\":\""
            + b64
            + "\"}]}",
        "s2-format",
        "base64");
    http.post("/streams/formats/records", "{\"records\":[{\"body\":\"h\\u00e9 \\ud83d\\ude00\"}]}");
    List<AppendedRecord> stored = S2.server().records(BASIN, "formats");
    assertThat(stored.get(0).body()).isEqualTo(binary);
    assertThat(stored.get(0).headers().get(0).name()).isEqualTo(binary);
    assertThat(stored.get(1).bodyUtf8()).isEqualTo("hé 😀");

    TestHttp.Res base64Read = http.get("/streams/formats/records?seq_num=0", "s2-format", "base64");
    Map<?, ?> first = (Map<?, ?>) ((List<?>) base64Read.json().get("records")).get(0);
    assertThat(first.get("body")).isEqualTo(b64);
    assertThat(first.get("headers")).isEqualTo(List.of(List.of(b64, b64)));
    TestHttp.Res rawRead = http.get("/streams/formats/records?seq_num=0");
    Map<?, ?> lossy = (Map<?, ?>) ((List<?>) rawRead.json().get("records")).get(0);
    assertThat(lossy.get("body")).isEqualTo("\ufffd\u0000\ufffda");
    Map<?, ?> text = (Map<?, ?>) ((List<?>) rawRead.json().get("records")).get(1);
    assertThat(text.get("body")).isEqualTo("hé 😀");

    TestHttp.Res loneSurrogate =
        http.post("/streams/formats/records", "{\"records\":[{\"body\":\"\\ud800\"}]}");
    assertThat(loneSurrogate.status()).isEqualTo(400);
  }

  @Test
  void streamsAreCreatedOnAppendWhenTheBasinSaysSo() {
    TestHttp account = new TestHttp(S2.server());
    account.post(
        "/basins",
        "{\"basin\":\"auto-create-basin\",\"config\":{\"create_stream_on_append\":true}}");
    TestHttp http = account.basin("auto-create-basin");
    assertThat(http.post("/streams/fresh/records", records("a")).status()).isEqualTo(200);
    assertThat(S2.server().streams("auto-create-basin")).containsExactly("fresh");

    TestHttp.Res noStream = account.basin(BASIN).post("/streams/never-made/records", records("a"));
    assertThat(noStream.status()).isEqualTo(404);
    assertThat(noStream.json()).containsEntry("code", "stream_not_found");
    TestHttp.Res noBasin = account.basin("missing-basin").post("/streams/s/records", records("a"));
    assertThat(noBasin.json()).containsEntry("code", "basin_not_found");
  }
}
