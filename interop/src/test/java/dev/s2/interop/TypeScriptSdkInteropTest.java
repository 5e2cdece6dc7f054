package dev.s2.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.s2.interop.TsSdk.Ack;
import dev.s2.interop.TsSdk.Rec;
import dev.s2.interop.TsSdk.Transport;
import dev.s2.testing.AppendedRecord;
import dev.s2.testing.EmbeddedS2Extension;
import dev.s2.testing.Operation;
import dev.s2.testing.RecordHeader;
import dev.s2.testing.RecordedRequest;
import dev.s2.testing.S2sStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S2's official TypeScript SDK against the embedded S2, over both of its transports: what it
 * appends is what the server stores, and what the server holds is what it reads, byte for byte
 * (bodies and headers that are not UTF-8 included). Each test also proves from the server's request
 * log which path the SDK took.
 */
class TypeScriptSdkInteropTest {
  static final String BASIN = "interop-basin-1";

  @RegisterExtension
  static final EmbeddedS2Extension S2 = EmbeddedS2Extension.configure(b -> b.basins(BASIN));

  static TsSdk sdk;
  static String unavailable;

  @BeforeAll
  static void sdk() {
    unavailable = TsSdk.unavailableReason();
    if (unavailable != null) {
      System.err.println(
          "interop: " + unavailable); // the one line; each test then reports itself skipped
    } else {
      sdk = TsSdk.installed();
    }
  }

  @BeforeEach
  void needsTheSdk() {
    assumeTrue(unavailable == null, unavailable);
  }

  static TsSdk.Endpoint endpoint() {
    return new TsSdk.Endpoint(
        S2.server().accountEndpoint(), S2.server().basinEndpoint(), S2.server().accessToken());
  }

  /** (transport, compression): fetch, S2S plain, S2S with gzip frames (node 20 has no zstd). */
  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of(Transport.FETCH, "none"),
        Arguments.of(Transport.S2S, "none"),
        Arguments.of(Transport.S2S, "gzip"));
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Records that a lossy text path would break: invalid UTF-8, every byte value, empty, large, many
   * headers.
   */
  static List<List<Rec>> batches() {
    byte[] everyByte = new byte[256];
    for (int i = 0; i < 256; i++) {
      everyByte[i] = (byte) i;
    }
    byte[] large = new byte[3000];
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) (i * 31 + 7);
    }
    List<Rec> first =
        List.of(
            Rec.of(utf8("héllo, wörld ✓"), utf8("content-type"), utf8("text/plain; charset=utf-8")),
            Rec.of(
                bytes(0xff, 0xfe, 0x00, 0xc3, 0x28, 0xa0, 0xa1),
                bytes(0xc0, 0x80),
                bytes(0xed, 0xa0, 0x80)),
            Rec.of(new byte[0]),
            Rec.of(
                everyByte,
                utf8("dup"),
                utf8("1"),
                utf8("dup"),
                bytes(0xf8, 0x88, 0x80, 0x80, 0x80)));
    List<Rec> second =
        List.of(
            Rec.of(large, utf8("big"), new byte[0]),
            Rec.of(utf8("last"), utf8("a"), utf8("b"), utf8("c"), utf8("d")));
    return List.of(first, second);
  }

  private static List<Rec> flat(List<List<Rec>> batches) {
    List<Rec> all = new ArrayList<>();
    batches.forEach(all::addAll);
    return all;
  }

  private static void assertSameBytes(AppendedRecord stored, Rec expected) {
    assertThat(stored.body()).as("body of " + stored).isEqualTo(expected.body());
    assertThat(stored.headers()).as("headers of " + stored).hasSize(expected.headers().size());
    for (int h = 0; h < expected.headers().size(); h++) {
      RecordHeader header = stored.headers().get(h);
      assertThat(header.name()).isEqualTo(expected.headers().get(h)[0]);
      assertThat(header.value()).isEqualTo(expected.headers().get(h)[1]);
    }
  }

  private static List<RecordedRequest> requests(Operation op, String stream) {
    return S2.server().requests().stream()
        .filter(r -> r.operation() == op && r.stream().orElse("").equals(stream))
        .toList();
  }

  @Test
  void theProjectInstalledThePinnedSdk() throws Exception {
    assertThat(sdk.installedVersion()).isEqualTo(TsSdk.VERSION);
  }

  @ParameterizedTest(name = "{0}, compression {1}")
  @MethodSource("paths")
  void whatTypeScriptAppendsIsWhatTheServerStores(Transport transport, String compression) {
    String stream = "ts-appends-" + transport.option + "-" + compression;
    S2.server().createStream(BASIN, stream);
    S2.server().clearRequests();
    List<List<Rec>> batches = batches();

    List<Ack> acks = sdk.append(endpoint(), BASIN, stream, batches, transport, compression);

    assertThat(acks).containsExactly(new Ack(0, 4, 4), new Ack(4, 6, 6));
    List<AppendedRecord> stored = S2.server().records(BASIN, stream);
    List<Rec> expected = flat(batches);
    assertThat(stored).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(stored.get(i).seqNum()).isEqualTo(i);
      assertSameBytes(stored.get(i), expected.get(i));
    }

    // Which path the SDK took, from the server's request log.
    List<RecordedRequest> appends = requests(Operation.APPEND, stream);
    assertThat(appends).allSatisfy(r -> assertThat(r.header("s2-basin")).contains(BASIN));
    S2sStats stats = S2.server().s2sStats();
    if (transport == Transport.S2S) {
      assertThat(appends)
          .hasSize(1)
          .allSatisfy(
              r -> {
                assertThat(r.s2sSession()).isTrue();
                assertThat(r.header("content-type")).contains("s2s/proto");
                assertThat(r.protocol()).isEqualTo("HTTP/2.0");
              });
      assertThat(stats.appendSessions()).isEqualTo(1);
      assertThat(stats.framesReceived()).isEqualTo(2);
      // The SDK compresses the 1 KiB+ input (the second batch) with gzip when asked, and advertises
      // it.
      assertThat(stats.compressedFramesReceived()).isEqualTo(compression.equals("gzip") ? 1 : 0);
      assertThat(appends.get(0).header("accept-encoding"))
          .isEqualTo(
              compression.equals("gzip")
                  ? java.util.Optional.of("gzip")
                  : java.util.Optional.empty());
    } else {
      // One unary append per batch; with bytes records the SDK's fetch transport sends protobuf,
      // not JSON.
      assertThat(appends)
          .hasSize(2)
          .allSatisfy(
              r -> {
                assertThat(r.s2sSession()).isFalse();
                assertThat(r.header("content-type")).contains("application/protobuf");
                assertThat(r.header("accept")).contains("application/protobuf");
                assertThat(r.protocol()).isEqualTo("HTTP/1.1");
              });
      assertThat(stats.appendSessions()).isZero();
    }
  }

  @ParameterizedTest(name = "{0}, compression {1}")
  @MethodSource("paths")
  void whatTheServerHoldsIsWhatTypeScriptReads(Transport transport, String compression)
      throws Exception {
    String stream = "ts-reads-" + transport.option + "-" + compression;
    S2.server().createStream(BASIN, stream);
    List<Rec> expected = flat(batches());
    appendRaw(stream, expected);
    List<AppendedRecord> stored = S2.server().records(BASIN, stream);
    S2.server().clearRequests();

    List<Rec> read =
        sdk.read(endpoint(), BASIN, stream, 0, expected.size(), transport, compression);

    assertThat(read).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      Rec got = read.get(i);
      assertThat(got.seqNum()).isEqualTo(stored.get(i).seqNum());
      assertThat(got.timestamp()).isEqualTo(stored.get(i).timestamp());
      assertThat(got.body()).as("body of record " + i).isEqualTo(expected.get(i).body());
      assertThat(got.headers()).hasSize(expected.get(i).headers().size());
      for (int h = 0; h < got.headers().size(); h++) {
        assertThat(got.headers().get(h)[0]).isEqualTo(expected.get(i).headers().get(h)[0]);
        assertThat(got.headers().get(h)[1]).isEqualTo(expected.get(i).headers().get(h)[1]);
      }
    }

    List<RecordedRequest> reads = requests(Operation.READ, stream);
    assertThat(reads)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.header("s2-basin")).contains(BASIN));
    S2sStats stats = S2.server().s2sStats();
    if (transport == Transport.S2S) {
      assertThat(reads)
          .hasSize(1)
          .allSatisfy(
              r -> {
                assertThat(r.s2sSession()).isTrue();
                assertThat(r.protocol()).isEqualTo("HTTP/2.0");
              });
      assertThat(stats.readSessions()).isEqualTo(1);
      // One batch of all six records (over 1 KiB): gzip-compressed when the SDK advertised gzip.
      assertThat(stats.framesSent()).isEqualTo(1);
      assertThat(stats.compressedFramesSent()).isEqualTo(compression.equals("gzip") ? 1 : 0);
    } else {
      assertThat(reads)
          .hasSize(1)
          .allSatisfy(
              r -> {
                assertThat(r.readSession()).as("an SSE read session").isTrue();
                assertThat(r.header("s2-format")).contains("base64");
                assertThat(r.s2sSession()).isFalse();
                assertThat(r.protocol()).isEqualTo("HTTP/1.1");
              });
      assertThat(stats.readSessions()).isZero();
    }
  }

  /** Appends through a plain HTTP/1.1 request in base64 JSON, not through any SDK. */
  private static void appendRaw(String stream, List<Rec> records) throws Exception {
    StringBuilder json = new StringBuilder("{\"records\":[");
    for (int i = 0; i < records.size(); i++) {
      Rec r = records.get(i);
      json.append(i == 0 ? "" : ",").append("{\"headers\":[");
      for (int h = 0; h < r.headers().size(); h++) {
        json.append(h == 0 ? "" : ",")
            .append("[\"")
            .append(b64(r.headers().get(h)[0]))
            .append("\",\"")
            .append(b64(r.headers().get(h)[1]))
            .append("\"]");
      }
      json.append("],\"body\":\"").append(b64(r.body())).append("\"}");
    }
    json.append("]}");
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(S2.server().basinEndpoint() + "/streams/" + stream + "/records"))
            .header("authorization", "Bearer " + S2.server().accessToken())
            .header("s2-basin", BASIN)
            .header("s2-format", "base64")
            .header("content-type", "application/json")
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(json.toString()))
            .build();
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
