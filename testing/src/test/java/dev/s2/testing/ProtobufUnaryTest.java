package dev.s2.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import s2.v1.AppendAck;
import s2.v1.AppendInput;
import s2.v1.AppendRecord;
import s2.v1.Header;
import s2.v1.ReadBatch;

/** Unary appends and reads in protobuf ({@code application/protobuf}), as S2 serves them. */
class ProtobufUnaryTest {
  static final String BASIN = "proto-basin-1";

  @RegisterExtension
  static final EmbeddedS2Extension S2 = EmbeddedS2Extension.configure(b -> b.basins(BASIN));

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return TestHttp.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpRequest.Builder append(
      TestHttp http, String stream, byte[] body, String accept) {
    return http.request(
            "/streams/" + stream + "/records",
            "content-type",
            "application/protobuf",
            "accept",
            accept)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  @Test
  void aProtobufAppendIsAnsweredInWhatTheClientAccepts() throws Exception {
    S2.server().createStream(BASIN, "proto");
    TestHttp http = new TestHttp(S2.server()).basin(BASIN);
    byte[] notUtf8 = {(byte) 0xff, 0x00, (byte) 0xfe};
    AppendInput input =
        AppendInput.newBuilder()
            .addRecords(
                AppendRecord.newBuilder()
                    .addHeaders(
                        Header.newBuilder()
                            .setName(ByteString.copyFrom(notUtf8))
                            .setValue(ByteString.copyFromUtf8("v")))
                    .setBody(ByteString.copyFrom(notUtf8)))
            .addRecords(AppendRecord.newBuilder().setTimestamp(3))
            .build();

    HttpResponse<byte[]> proto =
        send(append(http, "proto", input.toByteArray(), "application/protobuf"));
    assertThat(proto.statusCode()).isEqualTo(200);
    assertThat(proto.headers().firstValue("content-type")).contains("application/protobuf");
    AppendAck ack = AppendAck.parseFrom(proto.body());
    assertThat(ack.getStart().getSeqNum()).isZero();
    assertThat(ack.getEnd().getSeqNum()).isEqualTo(2);
    assertThat(ack.getTail()).isEqualTo(ack.getEnd());

    HttpResponse<byte[]> json =
        send(append(http, "proto", input.toByteArray(), "application/json"));
    assertThat(new String(json.body(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{\"start\":{\"seq_num\":2,");

    List<AppendedRecord> stored = S2.server().records(BASIN, "proto");
    assertThat(stored).hasSize(4);
    assertThat(stored.get(0).body()).isEqualTo(notUtf8);
    assertThat(stored.get(0).headers().get(0).name()).isEqualTo(notUtf8);
    assertThat(stored.get(1).body()).isEmpty();

    HttpResponse<byte[]> read =
        send(
            http.request(
                    "/streams/proto/records?seq_num=0&count=2", "accept", "application/protobuf")
                .GET());
    assertThat(read.headers().firstValue("content-type")).contains("application/protobuf");
    ReadBatch batch = ReadBatch.parseFrom(read.body());
    assertThat(batch.getRecordsCount()).isEqualTo(2);
    assertThat(batch.getRecords(0).getBody().toByteArray()).isEqualTo(notUtf8);
    assertThat(batch.getRecords(0).getHeaders(0).getName().toByteArray()).isEqualTo(notUtf8);
    assertThat(batch.getRecords(1).getSeqNum()).isEqualTo(1);
    assertThat(batch.hasTail()).isFalse();
  }

  @Test
  void aBodyThatIsNotProtobufIsBadProtoAndAnInvalidBatchInvalid() throws Exception {
    S2.server().createStream(BASIN, "bad");
    TestHttp http = new TestHttp(S2.server()).basin(BASIN);
    HttpResponse<byte[]> bad =
        send(append(http, "bad", new byte[] {0x0a, 0x7f, 0x01}, "application/protobuf"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new String(bad.body(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{\"code\":\"bad_proto\",\"message\":\"failed to decode Protobuf message");
    HttpResponse<byte[]> empty = send(append(http, "bad", new byte[0], "application/protobuf"));
    assertThat(empty.statusCode()).isEqualTo(422);
    assertThat(new String(empty.body(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{\"code\":\"invalid\",\"message\":\"record batch must not be empty\"}");
    assertThat(S2.server().records(BASIN, "bad")).isEmpty();
  }
}
