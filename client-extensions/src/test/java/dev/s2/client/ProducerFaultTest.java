package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s2.client.ProducerFixtures.HandSleeper;
import dev.s2.testing.AppendedRecord;
import dev.s2.testing.EmbeddedS2;
import dev.s2.testing.EmbeddedS2Extension;
import dev.s2.testing.FaultHandle;
import dev.s2.testing.InjectedError;
import dev.s2.testing.Operation;
import dev.s2.testing.RequestMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The producer under faults: bursts of 503 and 429 over 100,000 records, answers lost after the
 * service appended, and many threads submitting at once. Each test checks the stream holds exactly
 * what was submitted.
 */
@Timeout(120)
class ProducerFaultTest {
  private static final String BASIN = "producer-faults";

  @RegisterExtension
  static final EmbeddedS2Extension S2 =
      EmbeddedS2Extension.configure(b -> b.basins(BASIN).requestLogCapacity(10_000));

  /** A new stream and a client whose retries are recorded and not waited for. */
  private static S2Stream newStream(EmbeddedS2 s2, S2Client client) {
    String name = "f-" + System.nanoTime();
    s2.createStream(BASIN, name);
    return client.basin(BASIN).stream(name);
  }

  private static List<String> stored(EmbeddedS2 s2, S2Stream stream) {
    return s2.records(BASIN, stream.name()).stream()
        .map(AppendedRecord::bodyUtf8)
        .collect(Collectors.toList());
  }

  private static long appends(EmbeddedS2 s2, S2Stream stream) {
    return s2.requests().stream()
        .filter(
            r -> r.operation() == Operation.APPEND && stream.name().equals(r.stream().orElse(null)))
        .count();
  }

  @Test
  void hundredThousandRecordsThroughBurstsOf503And429ArriveOnceEachInOrder(EmbeddedS2 s2)
      throws Exception {
    HandSleeper retries = HandSleeper.immediate();
    HandSleeper linger = HandSleeper.held(); // batches go when full: 100 batches of 1000
    try (S2Client client = ProducerFixtures.client(s2, retries).build()) {
      S2Stream stream = newStream(s2, client);
      RequestMatcher appends =
          RequestMatcher.operation(Operation.APPEND)
              .and(RequestMatcher.stream(BASIN, stream.name()));
      // Bursts by order of arrival: in every 25 requests, 3 in a row answered 503, later 2 in a row
      // 429.
      FaultHandle unavailable =
          s2.faults()
              .failRandomly(
                  appends.and(r -> r.sequence() % 25 >= 5 && r.sequence() % 25 < 8),
                  InjectedError.unavailable().withRetryAfter(Duration.ofMillis(3)),
                  1,
                  1);
      FaultHandle rateLimited =
          s2.faults()
              .failRandomly(
                  appends.and(r -> r.sequence() % 25 >= 15 && r.sequence() % 25 < 17),
                  InjectedError.rateLimited().withRetryAfter(Duration.ofMillis(2)),
                  1,
                  2);
      int n = 100_000;
      Producer producer =
          stream.producer(
              ProducerOptions.builder()
                  .timer(linger)
                  .retryPolicy(RetryPolicy.builder().maxAttempts(10).build())
                  .build());
      List<CompletableFuture<RecordAck>> acks = new ArrayList<>(n);
      AtomicIntegerArray completions = new AtomicIntegerArray(n);
      List<String> submitted = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String body = "r" + i;
        submitted.add(body);
        int index = i;
        CompletableFuture<RecordAck> f = producer.submit(AppendRecord.of(body));
        f.whenComplete((ack, e) -> completions.incrementAndGet(index));
        acks.add(f);
      }
      producer.close();

      Map<Long, Integer> batches = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        assertThat(completions.get(i)).as("completions of record %d", i).isEqualTo(1);
        RecordAck ack = acks.get(i).getNow(null);
        assertThat(ack.seqNum()).isEqualTo(i);
        batches.merge(ack.batch().orElseThrow().start().seqNum(), 1, Integer::sum);
      }
      assertThat(batches)
          .hasSize(100)
          .allSatisfy((start, count) -> assertThat(count).isEqualTo(1000));
      assertThat(stored(s2, stream)).isEqualTo(submitted);
      assertThat(unavailable.triggered()).isPositive();
      assertThat(rateLimited.triggered()).isPositive();
      // Every retry waited what the service asked for (retry-after-ms), never a backoff of its own.
      assertThat(retries.requested())
          .isNotEmpty()
          .allMatch(d -> d.equals(Duration.ofMillis(3)) || d.equals(Duration.ofMillis(2)));
      long requests = appends(s2, stream);
      System.out.printf(
          "100,000 records: %d batches, %d append requests, %d answered 503, %d answered 429,"
              + " %d retry waits, %d re-sent after overtaking%n",
          batches.size(),
          requests,
          unavailable.triggered(),
          rateLimited.triggered(),
          retries.count(),
          requests - batches.size() - unavailable.triggered() - rateLimited.triggered());
    }
  }

  @Test
  void aLostAnswerIsSettledByThe412OfItsRetryWithoutDuplicates(EmbeddedS2 s2) throws Exception {
    AtomicInteger lost = new AtomicInteger();
    OkHttpClient http = ProducerFixtures.losingAnswers(i -> i == 1, lost);
    HandSleeper retries = HandSleeper.immediate();
    try (S2Client client = ProducerFixtures.client(s2, retries).okHttpClient(http).build()) {
      S2Stream stream = newStream(s2, client);
      Producer producer =
          stream.producer(
              ProducerOptions.builder()
                  .timer(HandSleeper.held())
                  .maxBatchRecords(2)
                  .maxInflightBatches(1)
                  .build());
      List<CompletableFuture<RecordAck>> acks = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        acks.add(producer.submit(AppendRecord.of("l" + i)));
      }
      producer.close();

      assertThat(lost).hasValue(1);
      assertThat(stored(s2, stream)).containsExactly("l0", "l1", "l2", "l3", "l4", "l5");
      // [l0 l1], [l2 l3] (appended, answer lost), its retry (412: tail 4 = 2 + 2), [l4 l5]
      assertThat(appends(s2, stream)).isEqualTo(4);
      for (int i = 0; i < 6; i++) {
        RecordAck ack = acks.get(i).get(10, TimeUnit.SECONDS);
        assertThat(ack.seqNum()).isEqualTo(i);
        assertThat(ack.batch().isPresent())
            .as("record %d has its batch ack", i)
            .isEqualTo(i < 2 || i > 3);
      }
      assertThat(retries.requested())
          .containsExactly(Duration.ofMillis(100)); // backoff: no retry-after
    } finally {
      ProducerFixtures.shutdown(http);
    }
  }

  @Test
  void answersLostWhileAppendsArePipelinedAreSettledWithoutDuplicates(EmbeddedS2 s2)
      throws Exception {
    AtomicInteger lost = new AtomicInteger();
    OkHttpClient http = ProducerFixtures.losingAnswers(i -> i % 3 == 1, lost);
    HandSleeper retries = HandSleeper.immediate();
    try (S2Client client = ProducerFixtures.client(s2, retries).okHttpClient(http).build()) {
      S2Stream stream = newStream(s2, client);
      Producer producer =
          stream.producer(
              ProducerOptions.builder()
                  .timer(HandSleeper.held())
                  .maxBatchRecords(10)
                  .maxInflightBatches(5)
                  .retryPolicy(RetryPolicy.builder().maxAttempts(10).build())
                  .build());
      int n = 600;
      List<CompletableFuture<RecordAck>> acks = new ArrayList<>();
      List<String> submitted = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        submitted.add("p" + i);
        acks.add(producer.submit(AppendRecord.of("p" + i)));
      }
      producer.close();

      assertThat(stored(s2, stream)).isEqualTo(submitted);
      int withoutBatchAck = 0;
      for (int i = 0; i < n; i++) {
        RecordAck ack = acks.get(i).get(10, TimeUnit.SECONDS);
        assertThat(ack.seqNum()).isEqualTo(i);
        withoutBatchAck += ack.batch().isPresent() ? 0 : 1;
      }
      assertThat(lost.get()).isGreaterThanOrEqualTo(10);
      assertThat(withoutBatchAck)
          .isEqualTo(10 * lost.get()); // every lost answer was settled by a later one
      System.out.printf(
          "600 records, 60 batches pipelined: %d answers lost, %d append requests%n",
          lost.get(), appends(s2, stream));
    } finally {
      ProducerFixtures.shutdown(http);
    }
  }

  @Test
  void concurrentSubmittersEachKeepTheirOrder(EmbeddedS2 s2) throws Exception {
    try (S2Client client = ProducerFixtures.client(s2, HandSleeper.immediate()).build()) {
      S2Stream stream = newStream(s2, client);
      Producer producer =
          stream.producer(ProducerOptions.builder().timer(HandSleeper.held()).build());
      int threads = 8;
      int each = 5_000;
      List<List<CompletableFuture<RecordAck>>> acks = new ArrayList<>();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> submitters = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<CompletableFuture<RecordAck>> mine = new ArrayList<>();
        acks.add(mine);
        int id = t;
        Thread thread =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    throw new AssertionError(e);
                  }
                  for (int i = 0; i < each; i++) {
                    mine.add(producer.submit(AppendRecord.of("t" + id + "-" + i)));
                  }
                });
        thread.start();
        submitters.add(thread);
      }
      start.countDown();
      for (Thread thread : submitters) {
        thread.join(60_000);
      }
      producer.close();

      List<String> stored = stored(s2, stream);
      assertThat(stored).hasSize(threads * each);
      assertThat(new HashSet<>(stored)).hasSize(threads * each);
      for (int t = 0; t < threads; t++) {
        String prefix = "t" + t + "-";
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < each; i++) {
          expected.add(prefix + i);
        }
        assertThat(stored.stream().filter(s -> s.startsWith(prefix)))
            .containsExactlyElementsOf(expected);
        long previous = -1;
        for (int i = 0; i < each; i++) {
          long seqNum = acks.get(t).get(i).get(10, TimeUnit.SECONDS).seqNum();
          assertThat(seqNum).isGreaterThan(previous);
          assertThat(stored.get((int) seqNum)).isEqualTo(prefix + i);
          previous = seqNum;
        }
      }
    }
  }
}
