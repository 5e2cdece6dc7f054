package dev.s2.client;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.s2.testing.EmbeddedS2;
import dev.s2.testing.Operation;
import dev.s2.testing.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntPredicate;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/** What the producer tests share: sleepers driven by the test, the appends a server received, a lost-ack cut. */
final class ProducerFixtures {
  private ProducerFixtures() {}

  /**
   * A client of the embedded S2 whose retries wait on {@code sleeper}, with jitter fixed at 0, on the unary path
   * (the producer tests written for it pin it: the embedded S2 also speaks S2S).
   */
  static S2Client.Builder client(EmbeddedS2 s2, Sleeper sleeper) {
    return S2Client.builder()
        .sessionTransport(SessionTransport.SSE_AND_UNARY)
        .accessToken(s2.accessToken())
        .baseUrl(s2.accountEndpoint().toString())
        .basinEndpoint(s2.basinEndpoint().toString())
        .sleeper(sleeper)
        .jitter(() -> 0);
  }

  /**
   * A sleeper the test drives: every wait is recorded and held until the test releases it (or released at once
   * when {@code immediate}). {@link #sleep} is not for the producer (it only waits asynchronously).
   */
  static final class HandSleeper implements Sleeper {
    private final boolean immediate;
    private final List<Duration> requested = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();

    private HandSleeper(boolean immediate) {
      this.immediate = immediate;
    }

    /** Records each wait and returns at once: retries happen without delay. */
    static HandSleeper immediate() {
      return new HandSleeper(true);
    }

    /** Records each wait and holds it until {@link #releaseAll()} or {@link #release(int)}. */
    static HandSleeper held() {
      return new HandSleeper(false);
    }

    @Override
    public void sleep(Duration duration) {
      throw new UnsupportedOperationException("the producer only waits asynchronously");
    }

    @Override
    public CompletableFuture<Void> sleepAsync(Duration duration) {
      requested.add(duration);
      if (immediate) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> f = new CompletableFuture<>();
      held.add(f);
      return f;
    }

    /** The waits asked for, in order. */
    List<Duration> requested() {
      return List.copyOf(requested);
    }

    /** How many waits were asked for. */
    int count() {
      return requested.size();
    }

    /** Ends wait number {@code i} (0-based). */
    void release(int i) {
      held.get(i).complete(null);
    }

    /** Ends every wait asked for so far. */
    void releaseAll() {
      for (CompletableFuture<Void> f : held) {
        f.complete(null);
      }
    }

    @Override
    public String toString() {
      return "HandSleeper" + requested;
    }
  }

  /** One append as the server received it. */
  static final class Append {
    final int records;
    final long matchSeqNum;
    final String fencingToken;
    final List<String> bodies;

    Append(int records, long matchSeqNum, String fencingToken, List<String> bodies) {
      this.records = records;
      this.matchSeqNum = matchSeqNum;
      this.fencingToken = fencingToken;
      this.bodies = bodies;
    }

    @Override
    public String toString() {
      return records + "@" + matchSeqNum;
    }
  }

  private static final com.squareup.moshi.JsonAdapter<Map<String, Object>> JSON = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  /** The appends to one stream the server received (bodies under 64 KiB), in order of arrival. */
  @SuppressWarnings("unchecked")
  static List<Append> appends(EmbeddedS2 s2, String stream) {
    List<Append> out = new ArrayList<>();
    for (RecordedRequest r : s2.requests()) {
      if (r.operation() != Operation.APPEND || !stream.equals(r.stream().orElse(null))) {
        continue;
      }
      Map<String, Object> body;
      try {
        body = JSON.fromJson(r.bodyUtf8());
      } catch (IOException e) {
        throw new AssertionError("an append body is not JSON (over 64 KiB?): " + e);
      }
      List<Map<String, Object>> records = (List<Map<String, Object>>) body.get("records");
      List<String> bodies = records.stream()
          .map(rec -> new String(java.util.Base64.getDecoder().decode((String) rec.get("body")),
              java.nio.charset.StandardCharsets.UTF_8))
          .collect(Collectors.toList());
      Object match = body.get("match_seq_num");
      out.add(new Append(records.size(), match == null ? -1 : ((Number) match).longValue(),
          (String) body.get("fencing_token"), bodies));
    }
    return out;
  }

  /**
   * A shared OkHttp client whose appends reach the server but whose answers are lost for the appends (numbered
   * from 0) that {@code lose} picks: the connection "breaks" after the service appended.
   */
  static OkHttpClient losingAnswers(IntPredicate lose, AtomicInteger lost) {
    AtomicInteger appends = new AtomicInteger();
    Interceptor cut = chain -> {
      boolean append = chain.request().method().equals("POST")
          && chain.request().url().encodedPath().endsWith("/records");
      int n = append ? appends.getAndIncrement() : -1;
      Response response = chain.proceed(chain.request());
      if (append && response.isSuccessful() && lose.test(n)) {
        response.close();
        lost.incrementAndGet();
        throw new IOException("connection reset (test: the answer to append #" + n + " is lost)");
      }
      return response;
    };
    return new OkHttpClient.Builder().addInterceptor(cut).build();
  }

  static void shutdown(OkHttpClient http) {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
