package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.s2.model.AppendAck;
import dev.s2.testing.EmbeddedS2;
import dev.s2.testing.EmbeddedS2Extension;
import dev.s2.testing.InjectedError;
import dev.s2.testing.Operation;
import dev.s2.testing.RecordedRequest;
import dev.s2.testing.RequestMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which path producers and read sessions take: S2S where the endpoint speaks HTTP/2 (the embedded S2 speaks h2c),
 * SSE and unary appends behind an HTTP/1.1-only endpoint, and the setting that forces either; the append retry
 * policy on unary appends. Every path is proved from the server's request log (content types, protocol).
 */
@Timeout(60)
class SessionTransportTest {
  private static final String BASIN = "session-transport";

  @RegisterExtension
  static final EmbeddedS2Extension S2 = EmbeddedS2Extension.configure(b -> b.basins(BASIN));

  @AfterEach
  void clearFaults(EmbeddedS2 s2) {
    s2.faults().clear();
  }

  private static S2Client.Builder client(String endpoint, EmbeddedS2 s2, SessionTransport transport) {
    return S2Client.builder()
        .accessToken(s2.accessToken())
        .baseUrl(endpoint)
        .basinEndpoint(endpoint)
        .sessionTransport(transport)
        .sleeper(d -> { }) // retries do not wait
        .jitter(() -> 0);
  }

  private static String newStream(EmbeddedS2 s2) {
    String name = "t-" + System.nanoTime();
    s2.createStream(BASIN, name);
    return name;
  }

  private static List<RecordedRequest> requests(EmbeddedS2 s2, String stream, Operation op) {
    return s2.requests().stream()
        .filter(r -> r.operation() == op && stream.equals(r.stream().orElse(null)))
        .collect(Collectors.toList());
  }

  /** Produces three records and reads them back with a read session; returns what was read. */
  private static List<String> produceAndRead(S2Client client, String name) {
    S2Stream stream = client.basin(BASIN).stream(name);
    // One append in flight: unary appends then never overtake each other, so each batch is one request.
    try (Producer producer = stream.producer(ProducerOptions.builder().linger(Duration.ZERO).maxInflightBatches(1)
        .build())) {
      for (int i = 0; i < 3; i++) {
        producer.submit(AppendRecord.of("r" + i));
      }
    }
    try (ReadSession session = stream.readSession(ReadOptions.fromSeqNum(0).withCount(3))) {
      return session.stream().map(SequencedRecord::bodyAsString).collect(Collectors.toList());
    }
  }

  private static void assertS2s(List<RecordedRequest> requests, String method) {
    assertThat(requests).isNotEmpty().allSatisfy(r -> {
      assertThat(r.method()).isEqualTo(method);
      assertThat(r.s2sSession()).as("an S2S session: " + r).isTrue();
      assertThat(r.header("content-type")).contains("s2s/proto");
      assertThat(r.protocol()).isEqualTo("HTTP/2.0");
    });
  }

  private static void assertUnaryAppendsAndSse(EmbeddedS2 s2, String stream) {
    assertThat(requests(s2, stream, Operation.APPEND)).hasSize(3).allSatisfy(r -> {
      assertThat(r.s2sSession()).isFalse();
      assertThat(r.header("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
      assertThat(r.protocol()).isEqualTo("HTTP/1.1");
    });
    assertThat(requests(s2, stream, Operation.READ)).singleElement().satisfies(r -> {
      assertThat(r.readSession()).as("an SSE session").isTrue();
      assertThat(r.header("accept")).contains("text/event-stream");
      assertThat(r.protocol()).isEqualTo("HTTP/1.1");
    });
    assertThat(s2.s2sStats().appendSessions() + s2.s2sStats().readSessions()).isZero();
  }

  @Test
  void byDefaultAnEndpointThatSpeaksHttp2GetsS2sSessions(EmbeddedS2 s2) {
    String name = newStream(s2);
    s2.clearRequests();
    try (S2Client client = client(s2.basinEndpoint().toString(), s2, SessionTransport.AUTO).build()) {
      assertThat(produceAndRead(client, name)).containsExactly("r0", "r1", "r2");
      assertThat(produceAndRead(client, name)).containsExactly("r0", "r1", "r2");
    }

    assertS2s(requests(s2, name, Operation.APPEND), "POST");
    assertS2s(requests(s2, name, Operation.READ), "GET");
    assertThat(requests(s2, name, Operation.APPEND)).hasSize(2); // one session per producer
    // One probe (check-tail over HTTP/2) for the basin, then the client remembers; the other check-tails are the
    // producers' own, over HTTP/1.1 like every unary call on http://.
    List<RecordedRequest> tails = requests(s2, name, Operation.CHECK_TAIL);
    assertThat(tails.stream().filter(r -> r.protocol().equals("HTTP/2.0")).count()).isEqualTo(1);
    assertThat(tails.stream().filter(r -> r.protocol().equals("HTTP/1.1")).count()).isEqualTo(2);
  }

  @Test
  void behindAnHttp11OnlyEndpointProducersAndSessionsFallBackToUnaryAndSse(EmbeddedS2 s2) {
    String name = newStream(s2);
    s2.clearRequests();
    try (Http1OnlyProxy proxy = new Http1OnlyProxy(s2.port());
        S2Client client = client(proxy.url(), s2, SessionTransport.AUTO).build()) {
      assertThat(produceAndRead(client, name)).containsExactly("r0", "r1", "r2");

      assertThat(proxy.refusedPrefaces()).as("the HTTP/2 probe the endpoint refused").isEqualTo(1);
      assertUnaryAppendsAndSse(s2, name);

      // The client remembers: a second producer and session ask no more.
      String other = newStream(s2);
      s2.clearRequests();
      assertThat(produceAndRead(client, other)).containsExactly("r0", "r1", "r2");
      assertThat(proxy.refusedPrefaces()).isEqualTo(1);
      assertUnaryAppendsAndSse(s2, other);
    }
  }

  @Test
  void theSettingForcesSseAndUnaryOnAnEndpointThatSpeaksHttp2(EmbeddedS2 s2) {
    String name = newStream(s2);
    s2.clearRequests();
    try (S2Client client = client(s2.basinEndpoint().toString(), s2, SessionTransport.SSE_AND_UNARY).build()) {
      assertThat(produceAndRead(client, name)).containsExactly("r0", "r1", "r2");
    }

    assertUnaryAppendsAndSse(s2, name);
    assertThat(requests(s2, name, Operation.CHECK_TAIL)).singleElement() // the producer's, no probe
        .satisfies(r -> assertThat(r.protocol()).isEqualTo("HTTP/1.1"));
  }

  @Test
  void theSettingForcesS2sWithoutAProbe(EmbeddedS2 s2) {
    String name = newStream(s2);
    s2.clearRequests();
    try (S2Client client = client(s2.basinEndpoint().toString(), s2, SessionTransport.S2S).build()) {
      assertThat(produceAndRead(client, name)).containsExactly("r0", "r1", "r2");
    }

    assertS2s(requests(s2, name, Operation.APPEND), "POST");
    assertS2s(requests(s2, name, Operation.READ), "GET");
    assertThat(requests(s2, name, Operation.CHECK_TAIL)).singleElement()
        .satisfies(r -> assertThat(r.protocol()).isEqualTo("HTTP/1.1"));
  }

  @Test
  void s2sForcedOnAnHttp11OnlyEndpointFailsWithAConnectionError(EmbeddedS2 s2) throws Exception {
    String name = newStream(s2);
    try (Http1OnlyProxy proxy = new Http1OnlyProxy(s2.port());
        S2Client client = client(proxy.url(), s2, SessionTransport.S2S)
            .retryPolicy(RetryPolicy.builder().maxAttempts(2).build()).build()) {
      S2Stream stream = client.basin(BASIN).stream(name);
      Producer producer = stream.producer(ProducerOptions.builder().linger(Duration.ZERO).matchSeqNum(0).build());
      CompletableFuture<RecordAck> ack = producer.submit(AppendRecord.of("never"));

      Throwable cause = catchThrowableOfType(ExecutionException.class, () -> ack.get(10, TimeUnit.SECONDS))
          .getCause();
      assertThat(cause).isInstanceOf(S2ConnectionException.class)
          .hasMessageContaining("(S2S append session): "); // refused while opening, or a broken pipe writing
      try (ReadSession session = stream.readSession(ReadOptions.fromSeqNum(0).withCount(1))) {
        S2ConnectionException e = catchThrowableOfType(S2ConnectionException.class, () -> session.iterator()
            .hasNext());
        assertThat(e.attempts()).isEqualTo(2);
      }
      assertThat(proxy.refusedPrefaces()).isGreaterThanOrEqualTo(4); // two attempts of each
      assertThat(s2.records(BASIN, name)).isEmpty();
    }
  }

  @Test
  void bodyLoggingLogsS2sSessionsAtHeadersLevelWithoutHoldingThem(EmbeddedS2 s2) {
    String name = newStream(s2);
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (S2Client client = client(s2.basinEndpoint().toString(), s2, SessionTransport.S2S)
        .httpLogging(okhttp3.logging.HttpLoggingInterceptor.Level.BODY, lines::add).build()) {
      assertThat(produceAndRead(client, name)).containsExactly("r0", "r1", "r2");
    }

    assertS2s(requests(s2, name, Operation.APPEND), "POST");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("--> POST " + s2.basinEndpoint() + "/streams/" + name
        + "/records"));
    assertThat(lines).contains("Content-Type: s2s/proto", "content-type: s2s/proto", "<-- END HTTP");
    assertThat(lines).contains("Authorization: ██"); // OkHttp's mask of a redacted header
    assertThat(lines).noneSatisfy(l -> assertThat(l).contains(s2.accessToken()));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"seq_num\"")); // the unary check-tail, whole
  }

  @Test
  void theAppendRetryPolicyDecidesWhetherAnAmbiguousFailureIsRetried(EmbeddedS2 s2) {
    String name = newStream(s2);
    RequestMatcher appends = RequestMatcher.operation(Operation.APPEND).and(RequestMatcher.stream(BASIN, name));
    try (S2Client safe = client(s2.basinEndpoint().toString(), s2, SessionTransport.AUTO).build();
        S2Client all = client(s2.basinEndpoint().toString(), s2, SessionTransport.AUTO)
            .appendRetryPolicy(AppendRetryPolicy.ALL).build()) {
      s2.faults().failNext(1, appends, InjectedError.of(500, "storage"));
      ServerErrorException refused = catchThrowableOfType(ServerErrorException.class,
          () -> safe.basin(BASIN).stream(name).append(List.of(AppendRecord.of("a"))));
      assertThat(refused.status()).isEqualTo(500);
      assertThat(refused.attempts()).isEqualTo(1); // a 500 may have appended: not retried without match_seq_num

      s2.faults().failNext(1, appends, InjectedError.of(500, "storage"));
      AppendAck ack = all.basin(BASIN).stream(name).append(List.of(AppendRecord.of("b")));

      assertThat(ack.start().seqNum()).isZero();
      List<String> stored = new ArrayList<>();
      s2.records(BASIN, name).forEach(r -> stored.add(r.bodyUtf8()));
      assertThat(stored).containsExactly("b");
      assertThat(requests(s2, name, Operation.APPEND)).hasSize(3); // 500, 500, then the retry under ALL
    }
  }
}
