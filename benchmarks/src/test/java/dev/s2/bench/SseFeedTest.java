package dev.s2.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Moshi;
import dev.s2.client.BenchAccess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The precomputed SSE bodies are what S2 would send: every record once, in order, ids counting,
 * then [DONE].
 */
class SseFeedTest {
  private static final com.squareup.moshi.JsonAdapter<Object> JSON =
      new Moshi.Builder().build().adapter(Object.class);

  @Test
  void batchesHoldAtMostAThousandRecordsAndOneMebibyte() {
    assertThat(new SseFeed(16).recordsPerBatch).isEqualTo(1000);
    assertThat(new SseFeed(1024).recordsPerBatch).isEqualTo(1000);
    assertThat(new SseFeed(65536).recordsPerBatch).isEqualTo(15);
    assertThat(15L * (8 + 65536)).isLessThanOrEqualTo(1 << 20);
    assertThat(16L * (8 + 65536)).isGreaterThan(1 << 20);
  }

  @Test
  void eventsCarryEveryRecordInOrderWithCountingIds() throws IOException {
    SseFeed feed = new SseFeed(40);
    long start = SseFeed.BASE_SEQ_NUM + 999_990; // digits carry over inside the first batch
    String text = events(feed, start, 2345);
    List<String> ids = new ArrayList<>();
    long next = start;
    String[] events = text.split("\n\n");
    assertThat(events[events.length - 1]).isEqualTo("data: [DONE]");
    for (int i = 0; i < events.length - 1; i++) {
      String[] lines = events[i].split("\n");
      assertThat(lines[0]).isEqualTo("event: batch");
      ids.add(lines[1]);
      Map<?, ?> batch = (Map<?, ?>) JSON.fromJson(lines[2].substring("data: ".length()));
      for (Object o : (List<?>) batch.get("records")) {
        Map<?, ?> r = (Map<?, ?>) o;
        assertThat(((Number) r.get("seq_num")).longValue()).isEqualTo(next++);
        assertThat(((Number) r.get("timestamp")).longValue()).isEqualTo(SseFeed.TIMESTAMP);
        assertThat(Base64.getDecoder().decode((String) r.get("body"))).hasSize(40);
      }
    }
    assertThat(next).isEqualTo(start + 2345);
    assertThat(ids)
        .containsExactly(
            "id: " + (start + 999) + ",1000,48000",
            "id: " + (start + 1999) + ",2000,96000",
            "id: " + (start + 2344) + ",2345,112560");
    assertThat(feed.eventBytes(2345)).isEqualTo(text.length());
  }

  @Test
  void theTemplateIsRestoredAfterAShorterLastBatch() throws IOException {
    SseFeed feed = new SseFeed(16);
    SseFeed.Scratch scratch = new SseFeed.Scratch();
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    feed.write(first, SseFeed.BASE_SEQ_NUM, 1500, false, scratch);
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    feed.write(again, SseFeed.BASE_SEQ_NUM, 2000, false, scratch);
    assertThat(again.toString(StandardCharsets.US_ASCII))
        .isEqualTo(events(feed, SseFeed.BASE_SEQ_NUM, 2000));
  }

  @Test
  void theSdkDecodesTheEvents() throws IOException {
    SseFeed feed = new SseFeed(1024);
    Buffer body = new Buffer().write(feed.events(2500));
    assertThat(BenchAccess.decodeEvents(body, 8 << 20))
        .isEqualTo(RecordCodecBenchmark.seqNumSum(2500));
  }

  @Test
  void chunkedBodiesFrameEachEvent() throws IOException {
    SseFeed feed = new SseFeed(16);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    feed.write(out, SseFeed.BASE_SEQ_NUM, 1000, true, new SseFeed.Scratch());
    String chunked = out.toString(StandardCharsets.US_ASCII);
    StringBuilder unchunked = new StringBuilder();
    int at = 0;
    while (true) {
      int eol = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, eol), 16);
      if (size == 0) {
        assertThat(chunked.substring(eol)).isEqualTo("\r\n\r\n");
        break;
      }
      unchunked.append(chunked, eol + 2, eol + 2 + size);
      assertThat(chunked.substring(eol + 2 + size, eol + 4 + size)).isEqualTo("\r\n");
      at = eol + 4 + size;
    }
    assertThat(unchunked.toString()).isEqualTo(events(feed, SseFeed.BASE_SEQ_NUM, 1000));
  }

  @Test
  void seqNumsMustKeepThirteenDigits() {
    SseFeed feed = new SseFeed(16);
    assertThatThrownBy(
            () ->
                feed.write(
                    new ByteArrayOutputStream(),
                    999_999_999_999L,
                    10,
                    false,
                    new SseFeed.Scratch()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("seq nums must stay within 13 digits: start 999999999999, count 10");
  }

  private static String events(SseFeed feed, long start, long count) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    feed.write(out, start, count, false, new SseFeed.Scratch());
    return out.toString(StandardCharsets.US_ASCII);
  }
}
