package dev.s2.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.s2.client.AppendRecord;
import dev.s2.client.Compression;
import dev.s2.client.Producer;
import dev.s2.client.ProducerOptions;
import dev.s2.client.ReadOptions;
import dev.s2.client.ReadSession;
import dev.s2.client.RecordAck;
import dev.s2.client.S2Client;
import dev.s2.client.SequencedRecord;
import dev.s2.client.SessionTransport;
import dev.s2.interop.TsSdk.Ack;
import dev.s2.interop.TsSdk.Rec;
import dev.s2.interop.TsSdk.Transport;
import dev.s2.testing.AppendedRecord;
import dev.s2.testing.EmbeddedS2Extension;
import dev.s2.testing.Operation;
import dev.s2.testing.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java SDK against S2's official TypeScript SDK, through the embedded S2, both ways and byte for byte (bodies
 * and headers that are not UTF-8 included): what the Java producer appends the TypeScript read session reads, and
 * what the TypeScript append session appends the Java read session reads. Each leg runs on both paths:
 *
 * <ul>
 *   <li>SSE and unary: TypeScript {@code forceTransport: "fetch"}, Java {@link SessionTransport#SSE_AND_UNARY};
 *   <li>S2S: TypeScript {@code forceTransport: "s2s"}, Java {@link SessionTransport#AUTO}, which finds that the
 *       endpoint speaks HTTP/2 and takes S2S by itself; plain, and with compressed frames (TypeScript gzip, Java
 *       gzip or zstd).
 * </ul>
 *
 * <p>The server's request log proves which path each side took (content types, protocol), and each test prints it.
 */
class JavaSdkInteropTest {
  static final String BASIN = "interop-java-1";

  @RegisterExtension
  static final EmbeddedS2Extension S2 = EmbeddedS2Extension.configure(b -> b.basins(BASIN));

  static TsSdk sdk;
  static String unavailable;

  @BeforeAll
  static void sdk() {
    unavailable = TsSdk.unavailableReason();
    if (unavailable != null) {
      System.err.println("interop: " + unavailable);
    } else {
      sdk = TsSdk.installed();
    }
  }

  @BeforeEach
  void needsTheSdk() {
    assumeTrue(unavailable == null, unavailable);
  }

  /** (TypeScript transport, TypeScript compression, Java transport, Java compression). */
  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of(Transport.FETCH, "none", SessionTransport.SSE_AND_UNARY, Compression.NONE),
        Arguments.of(Transport.S2S, "none", SessionTransport.AUTO, Compression.NONE),
        Arguments.of(Transport.S2S, "gzip", SessionTransport.AUTO, Compression.GZIP),
        Arguments.of(Transport.S2S, "gzip", SessionTransport.AUTO, Compression.ZSTD));
  }

  private static S2Client javaClient(SessionTransport transport, Compression compression) {
    return S2Client.builder()
        .accessToken(S2.server().accessToken())
        .baseUrl(S2.server().accountEndpoint().toString())
        .basinEndpoint(S2.server().basinEndpoint().toString())
        .sessionTransport(transport)
        .compression(compression)
        .build();
  }

  private static TsSdk.Endpoint endpoint() {
    return new TsSdk.Endpoint(S2.server().accountEndpoint(), S2.server().basinEndpoint(),
        S2.server().accessToken());
  }

  private static String streamName(String leg, Transport ts, String tsCompression, Compression javaCompression) {
    return leg + "-" + ts.option + "-" + tsCompression + "-" + javaCompression.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static List<Rec> records() {
    List<Rec> all = new ArrayList<>();
    TypeScriptSdkInteropTest.batches().forEach(all::addAll);
    return all;
  }

  private static List<RecordedRequest> requests(Operation op, String stream) {
    return S2.server().requests().stream()
        .filter(r -> r.operation() == op && r.stream().orElse("").equals(stream)).collect(Collectors.toList());
  }

  /** One line per request: what it was and over which protocol, for the closing note. */
  private static String describe(List<RecordedRequest> requests) {
    return requests.stream().map(r -> r.method() + " " + r.protocol() + " " + (r.s2sSession() ? "S2S session"
            : r.readSession() ? "SSE session" : "unary " + r.header("content-type").orElse("")) + " ("
            + r.header("user-agent").orElse("?").replaceAll("/.*", "") + ")")
        .collect(Collectors.joining("; "));
  }

  private static boolean fromJava(RecordedRequest r) {
    return r.header("user-agent").orElse("").startsWith("s2-sdk-java/");
  }

  private static void assertSameBytes(byte[] body, List<dev.s2.client.RecordHeader> headers, Rec expected) {
    assertThat(body).isEqualTo(expected.body());
    assertThat(headers).hasSize(expected.headers().size());
    for (int h = 0; h < headers.size(); h++) {
      assertThat(headers.get(h).name()).isEqualTo(expected.headers().get(h)[0]);
      assertThat(headers.get(h).value()).isEqualTo(expected.headers().get(h)[1]);
    }
  }

  @ParameterizedTest(name = "TypeScript {0} ({1}), Java {2} ({3})")
  @MethodSource("paths")
  void whatJavaAppendsTypeScriptReadsByteForByte(Transport ts, String tsCompression, SessionTransport javaTransport,
      Compression javaCompression) throws Exception {
    String stream = streamName("java-appends", ts, tsCompression, javaCompression);
    S2.server().createStream(BASIN, stream);
    S2.server().clearRequests();
    List<Rec> expected = records();

    List<CompletableFuture<RecordAck>> acks = new ArrayList<>();
    try (S2Client client = javaClient(javaTransport, javaCompression);
        Producer producer = client.basin(BASIN).stream(stream).producer(ProducerOptions.builder()
            .linger(Duration.ofSeconds(1)).build())) {
      for (Rec r : expected) {
        AppendRecord.Builder b = AppendRecord.builder().body(r.body());
        r.headers().forEach(h -> b.header(h[0], h[1]));
        acks.add(producer.submit(b.build()));
      }
    }
    List<Rec> read = sdk.read(endpoint(), BASIN, stream, 0, expected.size(), ts, tsCompression);

    List<AppendedRecord> stored = S2.server().records(BASIN, stream);
    assertThat(stored).hasSize(expected.size());
    assertThat(read).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(acks.get(i).get().seqNum()).isEqualTo(i);
      Rec got = read.get(i);
      assertThat(got.seqNum()).isEqualTo(i);
      assertThat(got.timestamp()).isEqualTo(stored.get(i).timestamp());
      assertThat(got.body()).as("body of record " + i).isEqualTo(expected.get(i).body());
      assertThat(got.headers()).hasSize(expected.get(i).headers().size());
      for (int h = 0; h < got.headers().size(); h++) {
        assertThat(got.headers().get(h)[0]).isEqualTo(expected.get(i).headers().get(h)[0]);
        assertThat(got.headers().get(h)[1]).isEqualTo(expected.get(i).headers().get(h)[1]);
      }
    }

    // Which path each side took, from the server's request log.
    List<RecordedRequest> appends = requests(Operation.APPEND, stream);
    List<RecordedRequest> reads = requests(Operation.READ, stream);
    assertThat(appends).isNotEmpty().allMatch(JavaSdkInteropTest::fromJava);
    assertThat(reads).isNotEmpty().noneMatch(JavaSdkInteropTest::fromJava);
    if (javaTransport == SessionTransport.AUTO) {
      assertThat(appends).singleElement().satisfies(r -> {
        assertThat(r.s2sSession()).isTrue();
        assertThat(r.header("content-type")).contains("s2s/proto");
        assertThat(r.protocol()).isEqualTo("HTTP/2.0");
        assertThat(r.header("accept-encoding")).contains(javaCompression == Compression.NONE ? "identity"
            : javaCompression.name().toLowerCase(java.util.Locale.ROOT));
      });
      // The record of 3000 bytes makes the one input over 1 KiB: compressed when Java was asked to.
      assertThat(S2.server().s2sStats().compressedFramesReceived())
          .isEqualTo(javaCompression == Compression.NONE ? 0 : 1);
    } else {
      assertThat(appends).allSatisfy(r -> {
        assertThat(r.s2sSession()).isFalse();
        assertThat(r.header("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.header("s2-format")).contains("base64");
        assertThat(r.protocol()).isEqualTo("HTTP/1.1");
      });
    }
    assertTypeScriptReadPath(reads, ts);
    System.out.printf("interop, Java appends (%s, %s) -> TypeScript reads (%s, %s): Java: %s | TypeScript: %s%n",
        javaTransport, javaCompression, ts.option, tsCompression, describe(appends), describe(reads));
  }

  @ParameterizedTest(name = "TypeScript {0} ({1}), Java {2} ({3})")
  @MethodSource("paths")
  void whatTypeScriptAppendsJavaReadsByteForByte(Transport ts, String tsCompression, SessionTransport javaTransport,
      Compression javaCompression) {
    String stream = streamName("ts-appends", ts, tsCompression, javaCompression);
    S2.server().createStream(BASIN, stream);
    S2.server().clearRequests();
    List<List<Rec>> batches = TypeScriptSdkInteropTest.batches();
    List<Rec> expected = records();

    List<Ack> acks = sdk.append(endpoint(), BASIN, stream, batches, ts, tsCompression);
    List<SequencedRecord> read;
    try (S2Client client = javaClient(javaTransport, javaCompression);
        ReadSession session = client.basin(BASIN).stream(stream)
            .readSession(ReadOptions.fromSeqNum(0).withCount(expected.size()))) {
      read = session.stream().collect(Collectors.toList());
    }

    assertThat(acks).containsExactly(new Ack(0, 4, 4), new Ack(4, 6, 6));
    List<AppendedRecord> stored = S2.server().records(BASIN, stream);
    assertThat(read).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      SequencedRecord got = read.get(i);
      assertThat(got.seqNum()).isEqualTo(i);
      assertThat(got.timestamp()).isEqualTo(stored.get(i).timestamp());
      assertSameBytes(got.body(), got.headers(), expected.get(i));
    }

    List<RecordedRequest> appends = requests(Operation.APPEND, stream);
    List<RecordedRequest> reads = requests(Operation.READ, stream);
    assertThat(appends).isNotEmpty().noneMatch(JavaSdkInteropTest::fromJava);
    assertThat(reads).isNotEmpty().allMatch(JavaSdkInteropTest::fromJava);
    if (ts == Transport.S2S) {
      assertThat(appends).singleElement().satisfies(r -> {
        assertThat(r.s2sSession()).isTrue();
        assertThat(r.protocol()).isEqualTo("HTTP/2.0");
      });
    } else {
      assertThat(appends).hasSize(2).allSatisfy(r -> {
        assertThat(r.s2sSession()).isFalse();
        assertThat(r.header("content-type")).contains("application/protobuf");
        assertThat(r.protocol()).isEqualTo("HTTP/1.1");
      });
    }
    if (javaTransport == SessionTransport.AUTO) {
      assertThat(reads).singleElement().satisfies(r -> {
        assertThat(r.s2sSession()).isTrue();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.protocol()).isEqualTo("HTTP/2.0");
      });
      // All six records come in one batch frame of over 1 KiB, which S2 compresses as the session asked. (The
      // server's frame counts are not used here: it counts a frame once its write completed, which the client's
      // reset after the last record may prevent; the client's own tests count the frames it decoded.)
      assertThat(reads.get(0).header("accept-encoding")).contains(javaCompression == Compression.NONE ? "identity"
          : javaCompression.name().toLowerCase(java.util.Locale.ROOT));
    } else {
      assertThat(reads).singleElement().satisfies(r -> {
        assertThat(r.readSession()).as("an SSE read session").isTrue();
        assertThat(r.header("s2-format")).contains("base64");
        assertThat(r.protocol()).isEqualTo("HTTP/1.1");
      });
    }
    System.out.printf("interop, TypeScript appends (%s, %s) -> Java reads (%s, %s): TypeScript: %s | Java: %s%n",
        ts.option, tsCompression, javaTransport, javaCompression, describe(appends), describe(reads));
  }

  private static void assertTypeScriptReadPath(List<RecordedRequest> reads, Transport ts) {
    if (ts == Transport.S2S) {
      assertThat(reads).singleElement().satisfies(r -> {
        assertThat(r.s2sSession()).isTrue();
        assertThat(r.protocol()).isEqualTo("HTTP/2.0");
      });
    } else {
      assertThat(reads).singleElement().satisfies(r -> {
        assertThat(r.readSession()).as("an SSE read session").isTrue();
        assertThat(r.protocol()).isEqualTo("HTTP/1.1");
      });
    }
  }
}
