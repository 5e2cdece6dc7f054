package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The SSE framing: S2's events, the format's line rules, and the bound on one event. */
class SseEventReaderTest {
  private static SseEventReader reader(String text, long limit) {
    return new SseEventReader(new Buffer().writeUtf8(text), limit);
  }

  private static List<String> all(SseEventReader reader) throws Exception {
    List<String> out = new ArrayList<>();
    for (SseEventReader.Event e = reader.next(); e != null; e = reader.next()) {
      out.add(e.kind + (e.id == null ? "" : "#" + e.id) + ":" + e.data.readUtf8());
    }
    return out;
  }

  @Test
  void readsS2sEventsInOrder() throws Exception {
    String text =
        "event: batch\nid: 2,3,30\ndata: {\"records\":[]}\n\n"
            + "event: ping\ndata: {\"timestamp\":5,\"tail\":{\"seq_num\":3,\"timestamp\":3}}\n\n"
            + "event: error\ndata: {\"code\":\"unavailable\",\"message\":\"m\"}\n\n"
            + "data: [DONE]\n\n";

    assertThat(all(reader(text, 1024)))
        .containsExactly(
            "BATCH#2,3,30:{\"records\":[]}",
            "PING:{\"timestamp\":5,\"tail\":{\"seq_num\":3,\"timestamp\":3}}",
            "ERROR:{\"code\":\"unavailable\",\"message\":\"m\"}",
            "DONE:[DONE]");
  }

  @Test
  void followsTheFormatsLineRules() throws Exception {
    // CRLF endings, a comment, a field without a space after the colon, data split over lines
    // (joined with LF),
    // a retry field and an unknown field (both ignored), stray blank lines.
    String text =
        "\r\n: keep-alive\r\nevent:batch\r\nretry: 10\r\nx-other: y\r\ndata: {\"records\":\r\ndata: []}\r\n\r\n"
            + "\n\nevent: message\ndata: [DONE]\n\n";

    assertThat(all(reader(text, 1024))).containsExactly("BATCH:{\"records\":\n[]}", "DONE:[DONE]");
  }

  @Test
  void theEndOfTheBodyEndsTheEventsAndDropsAPartialOne() throws Exception {
    SseEventReader r = reader("event: ping\ndata: {}\n\nevent: batch\ndata: {\"rec", 1024);

    assertThat(r.next().kind).isEqualTo(SseEventReader.Kind.PING);
    assertThat(r.next()).isNull();
    assertThat(reader("", 1024).next()).isNull();
  }

  @Test
  void anUnknownEventNameIsMalformed() {
    SseEventReader.Malformed e =
        catchThrowableOfType(
            SseEventReader.Malformed.class,
            () -> reader("event: surprise\ndata: {\"hello\":\"world\"}\n\n", 1024).next());

    assertThat(e)
        .hasMessage("unknown SSE event 'surprise' (S2 sends batch, ping, error and [DONE])");
  }

  @Test
  void anUnnamedEventOtherThanDoneIsMalformed() {
    SseEventReader.Malformed e =
        catchThrowableOfType(
            SseEventReader.Malformed.class, () -> reader("data: [DONE] and more\n\n", 1024).next());

    assertThat(e)
        .hasMessage("an SSE event without a name must be data: [DONE], was data: [DONE] and more");
  }

  @Test
  void aNamedEventWithoutDataIsMalformed() {
    SseEventReader.Malformed e =
        catchThrowableOfType(
            SseEventReader.Malformed.class,
            () -> reader("event: batch\nid: 1,1,1\n\n", 1024).next());

    assertThat(e).hasMessage("an SSE batch event without data");
  }

  @Test
  void anEventLargerThanTheLimitIsRefusedBeforeItIsBuffered() throws Exception {
    String big = "event: batch\ndata: " + "x".repeat(5000) + "\n\n";
    Buffer source = new Buffer().writeUtf8(big);
    SseEventReader r = new SseEventReader(source, 1000);

    SseEventReader.Malformed e = catchThrowableOfType(SseEventReader.Malformed.class, r::next);

    assertThat(e)
        .hasMessage(
            "an SSE event is larger than the session's buffer of 1000 bytes (ReadSessionOptions.bufferBytes)");
    // The limit also counts the lines before: 13 bytes of "event: batch\n" leave 987 for the data
    // line.
    assertThat(
            catchThrowableOfType(
                SseEventReader.Malformed.class,
                () ->
                    new SseEventReader(
                            new Buffer()
                                .writeUtf8("event: batch\ndata: " + "x".repeat(980) + "\n\n"),
                            1000)
                        .next()))
        .hasMessageContaining("larger than");
    assertThat(
            new SseEventReader(
                    new Buffer().writeUtf8("event: batch\ndata: " + "x".repeat(960) + "\n\n"), 1000)
                .next()
                .data
                .size())
        .isEqualTo(960);
  }
}
