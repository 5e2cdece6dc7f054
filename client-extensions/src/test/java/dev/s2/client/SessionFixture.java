package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s2.testing.EmbeddedS2;
import dev.s2.testing.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A client of an embedded S2 for read-session tests: the server's clock, backoff recorded instead of slept (jitter
 * fixed at 0, so a backoff is exactly its base), one fresh stream per test; and helpers to append numbered records
 * and to look at the session requests the server received.
 */
final class SessionFixture implements AutoCloseable {
  static final String BASIN = "read-sessions";

  final EmbeddedS2 s2;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final S2Client client;
  final S2Stream stream;

  /** A client on the SSE path (the read-session tests written for it pin it: the embedded S2 also speaks S2S). */
  SessionFixture(EmbeddedS2 s2, Clock clock, RetryPolicy policy) {
    this(s2, clock, policy, SessionTransport.SSE_AND_UNARY, Compression.NONE);
  }

  SessionFixture(EmbeddedS2 s2, Clock clock, RetryPolicy policy, SessionTransport transport,
      Compression compression) {
    this.s2 = s2;
    this.client = S2Client.builder()
        .sessionTransport(transport)
        .compression(compression)
        .accessToken(s2.accessToken())
        .baseUrl(s2.accountEndpoint().toString())
        .basinEndpoint(s2.basinEndpoint().toString())
        .clock(clock)
        .sleeper(sleeps::add)
        .jitter(() -> 0.0)
        .retryPolicy(policy)
        .build();
    String name = "s-" + System.nanoTime();
    s2.createStream(BASIN, name);
    this.stream = client.basin(BASIN).stream(name);
  }

  /** The body of numbered record {@code i}: {@code record-000042}. */
  static String body(long i) {
    return String.format("record-%06d", i);
  }

  /** Appends records {@code from} .. {@code from + n - 1} (bodies {@link #body}), in appends of at most 1000. */
  void append(int from, int n) {
    for (int done = 0; done < n; ) {
      int size = Math.min(1000, n - done);
      List<AppendRecord> records = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        records.add(AppendRecord.of(body(from + done + i)));
      }
      stream.append(records);
      done += size;
    }
  }

  /** The read session requests (SSE or S2S) the server received for this test's stream, oldest first. */
  List<RecordedRequest> sessionRequests() {
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r : s2.requests()) {
      if ((r.readSession() || (r.s2sSession() && r.method().equals("GET")))
          && stream.name().equals(r.stream().orElse(null))) {
        out.add(r);
      }
    }
    return out;
  }

  /** The query of a request as a map, in order. */
  static Map<String, String> query(RecordedRequest request) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : request.query().orElse("").split("&")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        out.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return out;
  }

  /** Asserts that records are exactly the numbered records {@code from} .. {@code to - 1}, in order. */
  static void assertNumbered(List<SequencedRecord> records, long from, long to) {
    assertThat(records).hasSize((int) (to - from));
    for (int i = 0; i < records.size(); i++) {
      SequencedRecord r = records.get(i);
      if (r.seqNum() != from + i || !r.bodyAsString().equals(body(from + i))) {
        throw new AssertionError("record " + i + " should be #" + (from + i) + " '" + body(from + i) + "', was "
            + r);
      }
    }
  }

  /** Waits (parking 1 ms at a time, at most 10 s) until a condition holds. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting until " + what);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
