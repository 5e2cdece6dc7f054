package dev.s2.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ReadEvent, the SSE event of a read session, told apart by its "event" value. */
class TaggedUnionTest {
  private static final String BATCH =
      "{\"event\":\"batch\",\"data\":{\"records\":[{\"body\":\"hi\","
          + "\"seq_num\":7,\"timestamp\":1700000000000}],\"tail\":{\"seq_num\":8,\"timestamp\":1700000000001}},"
          + "\"id\":\"7,1,10\"}";

  @Test
  void everyVariantRoundTripsWithItsTagFirst() {
    ReadEvent batch = Json.roundTrip(ReadEvent.class, BATCH);
    ReadEvent error =
        Json.roundTrip(
            ReadEvent.class,
            "{\"event\":\"error\",\"data\":\"{\\\"code\\\":\\\"storage\\\",\\\"message\\\":\\\"down\\\"}\"}");
    ReadEvent ping =
        Json.roundTrip(
            ReadEvent.class, "{\"event\":\"ping\",\"data\":{\"timestamp\":1700000000002}}");

    assertThat(batch)
        .isEqualTo(
            ReadEventBatch.of(
                ReadBatch.builder()
                    .records(
                        List.of(
                            SequencedRecord.builder()
                                .body("hi")
                                .seqNum(7)
                                .timestamp(1700000000000L)
                                .build()))
                    .tail(StreamPosition.of(8, 1700000000001L))
                    .build(),
                "7,1,10"));
    assertThat(error).isEqualTo(ReadEventError.of("{\"code\":\"storage\",\"message\":\"down\"}"));
    assertThat(ping).isEqualTo(ReadEventPing.of(PingEventData.of(1700000000002L)));
    ReadEvent.Visitor<String> name =
        new ReadEvent.Visitor<>() {
          @Override
          public String visitReadEventBatch(ReadEventBatch value) {
            return "batch " + value.id();
          }

          @Override
          public String visitReadEventError(ReadEventError value) {
            return "error";
          }

          @Override
          public String visitReadEventPing(ReadEventPing value) {
            return "ping " + value.data().timestamp();
          }
        };
    assertThat(List.of(batch, error, ping))
        .extracting(e -> e.accept(name))
        .containsExactly("batch 7,1,10", "error", "ping 1700000000002");
  }

  @Test
  void theTagMayComeLast() throws IOException {
    assertThat(Json.read(ReadEvent.class, "{\"data\":{\"timestamp\":5},\"event\":\"ping\"}"))
        .isEqualTo(ReadEventPing.of(PingEventData.of(5)));
  }

  @Test
  void aMissingUnknownOrMistypedTagIsRefused() {
    assertThatThrownBy(() -> Json.read(ReadEvent.class, "{\"data\":\"x\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage(
            "ReadEvent at path $ has no 'event'; it must be one of 'batch', 'error', 'ping'");
    assertThatThrownBy(() -> Json.read(ReadEvent.class, "{\"event\":\"heartbeat\",\"data\":\"x\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage(
            "ReadEvent at path $ has the unknown event 'heartbeat'; it must be one of 'batch', 'error', "
                + "'ping'");
    assertThatThrownBy(() -> Json.read(ReadEvent.class, "{\"event\":1,\"data\":\"x\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Expected a string but was NUMBER at path $.event");
    assertThatThrownBy(() -> Json.read(ReadEvent.class, "[\"ping\"]"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Expected an object for ReadEvent but was BEGIN_ARRAY at path $");
  }

  @Test
  void theVariantChecksItsFields() {
    assertThatThrownBy(() -> Json.read(ReadEvent.class, BATCH.replace("7,1,10", "7;1;10")))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("ReadEventBatch.id must match the pattern ^[0-9]+,[0-9]+,[0-9]+$ at path $.id");
    assertThatThrownBy(() -> Json.read(ReadEvent.class, "{\"event\":\"ping\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Required property 'data' missing or null at $");
    assertThatThrownBy(
            () -> Json.read(ReadEvent.class, "{\"event\":\"error\",\"data\":{\"code\":\"x\"}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Expected a string but was BEGIN_OBJECT at path $.data");
  }

  @Test
  void aVariantReadAloneChecksItsTag() {
    assertThatThrownBy(
            () ->
                Json.read(ReadEventPing.class, "{\"event\":\"batch\",\"data\":{\"timestamp\":5}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("ReadEventPing.event must be 'ping', was 'batch' at path $.event");
    assertThatThrownBy(() -> Json.read(ReadEventPing.class, "{\"data\":{\"timestamp\":5}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Required property 'event' missing or null at $");
    assertThat(Json.write(ReadEventPing.class, ReadEventPing.of(PingEventData.of(5))))
        .isEqualTo("{\"event\":\"ping\",\"data\":{\"timestamp\":5}}");
  }

  @Test
  void theBuilderChecksThePattern() {
    ReadBatch empty = ReadBatch.of(List.of());
    assertThatThrownBy(() -> ReadEventBatch.of(empty, "1,2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ReadEventBatch.id must match the pattern ^[0-9]+,[0-9]+,[0-9]+$");
    assertThat(ReadEventBatch.of(empty, "1,2,3").id()).isEqualTo("1,2,3");
  }
}
