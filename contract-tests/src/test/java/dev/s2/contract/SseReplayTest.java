package dev.s2.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.s2.client.ReadOptions;
import dev.s2.client.ReadSession;
import dev.s2.client.S2Client;
import dev.s2.client.S2Exception;
import dev.s2.client.SequencedRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives the SDK's read session through every derived event stream of {@code read}'s 200 ({@code
 * text/event-stream}, S2's SSE framing): the records of its batch events arrive exactly, in order,
 * byte for byte; a session that ends with {@code [DONE]} ends cleanly; one that ends with an {@code
 * error} event ends with the typed exception of the status S2 gives the event's code. Every request
 * and every served event is checked against the spec.
 *
 * <p>The server answers as S2 answers a session in {@code s2-format: base64}, which the SDK always
 * asks for: the stub's raw strings become the base64 of their UTF-8 bytes, and the session must
 * read back those bytes.
 */
class SseReplayTest {
  @RegisterExtension static final ContractWireMock WIREMOCK = ContractWireMock.clientTraffic();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  static Stream<Named<DerivedStub>> eventStreams() {
    return S2Stubs.all().stream()
        .filter(stub -> SseFraming.isEventStream(stub.contentType()))
        .map(stub -> Named.of(stub.name(), stub));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventStreams")
  void replay(DerivedStub derived) throws Exception {
    List<SseFraming.Event> events = SseFraming.parse(derived.body());
    WIREMOCK.stub(served(derived, events));
    List<SequencedRecord> received = new ArrayList<>();
    Throwable thrown;
    try (S2Client client = Clients.of(WIREMOCK.baseUrl(), new RecordingSleeper());
        ReadSession session =
            client.basin(RecordDrivers.BASIN).stream(RecordDrivers.STREAM)
                .readSession(ReadOptions.fromSeqNum(0))) {
      thrown = catchThrowable(() -> session.forEach(received::add));
    }

    List<JsonNode> expected = new ArrayList<>();
    SseFraming.Event error = null;
    for (SseFraming.Event e : events) {
      if ("batch".equals(e.name())) {
        JSON.readTree(e.data()).get("records").forEach(expected::add);
      } else if (SseFraming.ERROR_EVENT.equals(e.name())) {
        error = e;
      }
    }
    assertThat(received.size()).as("records received").isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode want = expected.get(i);
      SequencedRecord got = received.get(i);
      assertThat(got.seqNum()).isEqualTo(want.get("seq_num").asLong());
      assertThat(got.timestamp()).isEqualTo(want.get("timestamp").asLong());
      assertThat(got.body()).isEqualTo(utf8(want.path("body").asText("")));
      List<String> headers = new ArrayList<>();
      want.path("headers")
          .forEach(
              h ->
                  headers.add(
                      Arrays.toString(utf8(h.get(0).asText()))
                          + "="
                          + Arrays.toString(utf8(h.get(1).asText()))));
      assertThat(
              got.headers().stream()
                  .map(h -> Arrays.toString(h.name()) + "=" + Arrays.toString(h.value())))
          .containsExactlyElementsOf(headers);
    }
    if (error == null) {
      assertThat(thrown).as("a session ended by [DONE]").isNull();
    } else {
      JsonNode info;
      try {
        info = JSON.readTree(error.data());
      } catch (java.io.IOException notJson) {
        info = null;
      }
      if (info != null && info.path("code").isTextual() && info.path("message").isTextual()) {
        // S2 writes an ErrorInfo: the typed exception of the status S2 gives its code
        assertThat(thrown).isInstanceOf(S2Exception.class);
        assertThat(thrown.getMessage())
            .contains(info.get("code").asText(), info.get("message").asText());
      } else {
        // the spec types the data as any string: one that is not an ErrorInfo is a malformed event
        assertThat(thrown).isInstanceOf(dev.s2.client.S2DecodingException.class);
      }
    }
    List<HttpExchange> requests = WIREMOCK.exchanges();
    assertThat(requests)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.path()).isEqualTo("/v1/streams/replay%2Fstream%20%E2%9C%93/records");
              assertThat(r.header("Accept")).isEqualTo("text/event-stream");
              assertThat(r.header("s2-format")).isEqualTo("base64");
              assertThat(r.header("s2-basin")).isEqualTo(RecordDrivers.BASIN);
              assertThat(r.header("Authorization")).isEqualTo("Bearer " + Clients.TOKEN);
            });
    assertThat(requests.get(0).query().get("seq_num")).containsExactly("0");
  }

  /**
   * The event stream as S2 sends it to a base64 session: each batch's strings as base64 of their
   * UTF-8 bytes.
   */
  private static DerivedStub served(DerivedStub stub, List<SseFraming.Event> events)
      throws Exception {
    List<SseFraming.Event> out = new ArrayList<>();
    for (SseFraming.Event e : events) {
      if (!"batch".equals(e.name())) {
        out.add(e);
        continue;
      }
      JsonNode data = JSON.readTree(e.data());
      for (JsonNode record : data.path("records")) {
        if (record.path("body").isTextual()) {
          ((ObjectNode) record)
              .put("body", BASE64.encodeToString(utf8(record.get("body").asText())));
        }
        for (JsonNode header : record.path("headers")) {
          for (int i = 0; i < header.size(); i++) {
            ((ArrayNode) header)
                .set(i, TextNode.valueOf(BASE64.encodeToString(utf8(header.get(i).asText()))));
          }
        }
      }
      out.add(new SseFraming.Event(e.name(), e.id(), data.toString()));
    }
    String body = SseFraming.frame(out);
    return new DerivedStub(
        stub.operation(),
        stub.responseKey(),
        stub.status(),
        stub.scenario() + " (base64)",
        stub.contentType(),
        body,
        null,
        stub.headers());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
