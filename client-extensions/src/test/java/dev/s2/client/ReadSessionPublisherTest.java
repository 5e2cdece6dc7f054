package dev.s2.client;

import static dev.s2.client.SessionFixture.assertNumbered;
import static dev.s2.client.SessionFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A read session as a {@link Flow.Publisher}: demand, cancel, errors, completion, the Reactive
 * Streams rules.
 */
class ReadSessionPublisherTest extends EmbeddedSessionTest {

  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final TrackingExecutor executor = new TrackingExecutor(pool);

  @AfterEach
  void stopExecutor() {
    pool.shutdownNow();
  }

  /**
   * Runs tasks on a pool and counts those still running, so a test knows when a drain has returned.
   */
  static final class TrackingExecutor implements Executor {
    final Executor pool;
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger executed = new AtomicInteger();

    TrackingExecutor(Executor pool) {
      this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
      running.incrementAndGet();
      executed.incrementAndGet();
      pool.execute(
          () -> {
            try {
              task.run();
            } finally {
              running.decrementAndGet();
            }
          });
    }

    void awaitIdle() {
      await("the drain returned", () -> running.get() == 0);
    }
  }

  /**
   * Records signals, checks that none comes without demand or concurrently, and requests only when
   * told.
   */
  static class TestSubscriber<T> implements Flow.Subscriber<T> {
    final List<T> items = new CopyOnWriteArrayList<>();
    final BlockingQueue<T> arrivals = new LinkedBlockingQueue<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final AtomicLong requested = new AtomicLong();
    final AtomicInteger inSignal = new AtomicInteger();
    final long initial;
    volatile Flow.Subscription subscription;

    TestSubscriber(long initial) {
      this.initial = initial;
    }

    void request(long n) {
      requested.addAndGet(n);
      subscription.request(n);
    }

    private void enter(String signal) {
      if (inSignal.getAndIncrement() != 0) {
        violations.add(signal + " while another signal ran");
      }
      if (done.isDone()) {
        violations.add(signal + " after the end");
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      enter("onSubscribe");
      subscription = s;
      if (initial > 0) {
        request(initial);
      }
      inSignal.decrementAndGet();
    }

    @Override
    public void onNext(T item) {
      enter("onNext");
      if (items.size() + 1 > requested.get()) {
        violations.add(
            "onNext #" + (items.size() + 1) + " with only " + requested.get() + " requested");
      }
      threads.add(Thread.currentThread().getName());
      items.add(item);
      arrivals.add(item);
      inSignal.decrementAndGet();
    }

    @Override
    public void onError(Throwable t) {
      enter("onError");
      done.completeExceptionally(t);
      inSignal.decrementAndGet();
    }

    @Override
    public void onComplete() {
      enter("onComplete");
      done.complete(null);
      inSignal.decrementAndGet();
    }

    T next() throws InterruptedException {
      T item = arrivals.poll(10, TimeUnit.SECONDS);
      assertThat(item).as("an item within 10 s").isNotNull();
      return item;
    }
  }

  private ReadSessionOptions tracked() {
    return ReadSessionOptions.builder().executor(executor).build();
  }

  @Test
  void requestOneGivesOneRecordAndTheSessionIsNotReadFurther() throws Exception {
    f.append(0, 25);
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0), tracked())) {
      TestSubscriber<SequencedRecord> s = new TestSubscriber<>(1);
      session.publisher().subscribe(s);

      assertThat(s.next().seqNum()).isZero();
      executor.awaitIdle(); // the drain returned: no demand left
      assertThat(s.items).hasSize(1);
      assertThat(session.recordsDelivered()).isEqualTo(1);
      assertThat(session.bufferedBytes())
          .isGreaterThanOrEqualTo(9 * 21); // the rest of the first batch, held

      s.request(3);
      for (int i = 1; i <= 3; i++) {
        assertThat(s.next().seqNum()).isEqualTo(i);
      }
      executor.awaitIdle();
      assertThat(s.items).hasSize(4);
      assertThat(f.sessionRequests()).hasSize(1);

      s.subscription.cancel();
      assertThat(session.isOpen()).isFalse();
      s.request(5); // no-op after cancel (§3.6)
      executor.awaitIdle();
      assertThat(s.items).hasSize(4);
      assertThat(s.done).isNotDone(); // nothing is signalled after cancel
      assertThat(s.violations).isEmpty();
    }
  }

  @Test
  void cancelWakesADrainBlockedAtTheTailAndReleasesTheConnection() throws Exception {
    f.append(0, 5);
    int parkedBefore = f.s2.parkedReads();
    ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0), tracked());
    TestSubscriber<SequencedRecord> s = new TestSubscriber<>(100);
    session.publisher().subscribe(s);
    for (int i = 0; i < 5; i++) {
      s.next();
    }
    session.caughtUp().get(10, TimeUnit.SECONDS);
    assertThat(f.s2.awaitParkedReads(parkedBefore + 1, Duration.ofSeconds(10))).isTrue();
    assertThat(executor.running.get()).isEqualTo(1); // blocked reading, with demand

    s.subscription.cancel();

    executor.awaitIdle();
    assertThat(session.isOpen()).isFalse();
    assertThat(s.done).isNotDone();
    awaitServerSessionsAtMost(parkedBefore);
    assertNumbered(s.items, 0, 5);
    assertThat(s.violations).isEmpty();
  }

  @Test
  void anUnboundedDemandGetsEveryRecordThenCompletion() throws Exception {
    f.append(0, 25);
    TestSubscriber<SequencedRecord> s = new TestSubscriber<>(Long.MAX_VALUE);
    try (ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(25))) {
      session.publisher().subscribe(s); // on the session's own thread
      s.done.get(10, TimeUnit.SECONDS);
    }
    assertNumbered(s.items, 0, 25);
    assertThat(s.threads)
        .allMatch(
            name -> name.equals("s2-read-session " + SessionFixture.BASIN + "/" + f.stream.name()));
    assertThat(s.violations).isEmpty();
  }

  @Test
  void reachingABoundCompletesWithoutFurtherDemand() throws Exception {
    f.append(0, 25);
    TestSubscriber<SequencedRecord> s = new TestSubscriber<>(12);
    try (ReadSession session =
        f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(12), tracked())) {
      session.publisher().subscribe(s);
      s.done.get(10, TimeUnit.SECONDS);
    }
    assertNumbered(s.items, 0, 12);
    assertThat(s.violations).isEmpty();
  }

  @Test
  void batchesArePublishedAsS2SentThem() throws Exception {
    f.append(0, 25);
    TestSubscriber<ReadBatch> s = new TestSubscriber<>(Long.MAX_VALUE);
    try (ReadSession session =
        f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(25), tracked())) {
      session.batchPublisher().subscribe(s);
      s.done.get(10, TimeUnit.SECONDS);
    }
    assertThat(s.items).extracting(b -> b.records().size()).containsExactly(10, 10, 5);
    List<SequencedRecord> all = new ArrayList<>();
    s.items.forEach(b -> all.addAll(b.records()));
    assertNumbered(all, 0, 25);
  }

  @Test
  void aNonPositiveRequestFailsTheSubscription() throws Exception {
    f.append(0, 5);
    ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0), tracked());
    TestSubscriber<SequencedRecord> s = new TestSubscriber<>(0);
    session.publisher().subscribe(s);

    s.subscription.request(0);

    ExecutionException e =
        catchThrowableOfType(ExecutionException.class, () -> s.done.get(10, TimeUnit.SECONDS));
    assertThat(e.getCause())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "request(0): a subscriber must request a positive number of items (Reactive Streams §3.9)");
    assertThat(session.isOpen()).isFalse();
    assertThat(s.items).isEmpty();
  }

  @Test
  void aSecondSubscriberIsRefused() throws Exception {
    f.append(0, 5);
    try (ReadSession session =
        f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(5), tracked())) {
      TestSubscriber<SequencedRecord> first = new TestSubscriber<>(Long.MAX_VALUE);
      session.publisher().subscribe(first);
      TestSubscriber<ReadBatch> second = new TestSubscriber<>(1);
      session.batchPublisher().subscribe(second);

      ExecutionException e =
          catchThrowableOfType(
              ExecutionException.class, () -> second.done.get(10, TimeUnit.SECONDS));
      assertThat(e.getCause())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "cannot consume this read"
                  + " session with batchPublisher(): it is already consumed with publisher() (a session is consumed one"
                  + " way, once)");
      first.done.get(10, TimeUnit.SECONDS);
      assertNumbered(first.items, 0, 5);
    }
  }

  @Test
  void aFailureIsSignalledAsTheTypedError() throws Exception {
    S2Stream missing = f.client.basin(SessionFixture.BASIN).stream("no-such-stream");
    TestSubscriber<SequencedRecord> s = new TestSubscriber<>(1);
    try (ReadSession session = missing.readSession(ReadOptions.fromSeqNum(0), tracked())) {
      session.publisher().subscribe(s);
      ExecutionException e =
          catchThrowableOfType(ExecutionException.class, () -> s.done.get(10, TimeUnit.SECONDS));
      assertThat(e.getCause()).isInstanceOf(NotFoundException.class);
      assertThat(((NotFoundException) e.getCause()).code()).hasValue("stream_not_found");
    }
    assertThat(s.violations).isEmpty();
  }

  @Test
  void aSubscriberThatThrowsHasCancelled() throws Exception {
    f.append(0, 25);
    ReadSession session = f.stream.readSession(ReadOptions.fromSeqNum(0), tracked());
    AtomicInteger calls = new AtomicInteger();
    TestSubscriber<SequencedRecord> s =
        new TestSubscriber<>(Long.MAX_VALUE) {
          @Override
          public void onNext(SequencedRecord item) {
            calls.incrementAndGet();
            throw new IllegalStateException("subscriber bug");
          }
        };
    session.publisher().subscribe(s);
    await("the session closed", () -> !session.isOpen());
    executor.awaitIdle();
    assertThat(calls.get()).isEqualTo(1);
    assertThat(s.done).isNotDone();
  }
}
