package dev.s2.client;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A read session as a {@link Flow.Publisher} (Reactive Streams 1.0.4 rules): one subscriber; items only against
 * demand (§1.1); signals one at a time from a drain loop on the session's executor, started by {@code request}
 * (§1.3, §3.3: {@code request} from within {@code onNext} only counts demand); {@code request(n <= 0)} fails the
 * subscription with {@link IllegalArgumentException} (§3.9); {@code cancel} closes the session at once, waking a
 * drain blocked on the network, and nothing is signalled after it (§3.5 to §3.7); a subscriber that throws is
 * taken as having cancelled (§2.13).
 *
 * <p>The drain reads (blocking) only while there is demand, so a subscriber that requests nothing more stops the
 * reading. The end of a session whose bounds are reached is signalled without demand; an end that only reading
 * can reveal ({@code [DONE]}) comes with the next demand.
 */
final class SessionPublisher<T> implements Flow.Publisher<T> {
  private final ResumingReadSession session;
  private final String way;
  private final Supplier<@Nullable T> next;

  /**
   * @param session the session
   * @param way how the publisher was obtained, for messages
   * @param next the next item, blocking; null at the end; throws the session's {@link S2Exception}
   */
  SessionPublisher(ResumingReadSession session, String way, Supplier<@Nullable T> next) {
    this.session = session;
    this.way = way;
    this.next = next;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber"); // §1.9
    if (!session.tryClaim(way)) {
      IllegalStateException refused = session.alreadyConsumed(way);
      subscriber.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      });
      subscriber.onError(refused);
      return;
    }
    Drain drain = new Drain(subscriber, session.publisherExecutor());
    drain.start();
  }

  @Override
  public String toString() {
    return "ReadSession." + way + " of " + session;
  }

  /** The subscription and its drain loop. */
  private final class Drain implements Flow.Subscription, Runnable {
    private final Flow.Subscriber<? super T> subscriber;
    private final Executor executor;
    private final AtomicLong requested = new AtomicLong();
    /** Work in progress: non-zero while a drain runs or is scheduled; counts the wake-ups it must look at. */
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;
    private volatile @Nullable IllegalArgumentException badRequest;
    private boolean done; // drain only

    Drain(Flow.Subscriber<? super T> subscriber, Executor executor) {
      this.subscriber = subscriber;
      this.executor = executor;
    }

    /** Signals onSubscribe with the drain held, so no other signal can overtake it (§1.3). */
    void start() {
      wip.set(1);
      try {
        subscriber.onSubscribe(this);
      } catch (RuntimeException e) {
        cancel(); // §2.13
        return;
      }
      if (wip.decrementAndGet() != 0) {
        execute();
      }
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        badRequest = new IllegalArgumentException(
            "request(" + n + "): a subscriber must request a positive number of items (Reactive Streams §3.9)");
      } else {
        requested.getAndUpdate(r -> r + n < 0 ? Long.MAX_VALUE : r + n); // capped at Long.MAX_VALUE (§3.17)
      }
      if (wip.getAndIncrement() == 0) {
        execute();
      }
    }

    @Override
    public void cancel() {
      if (!cancelled) {
        cancelled = true;
        session.close();
      }
    }

    private void execute() {
      try {
        executor.execute(this);
      } catch (RejectedExecutionException e) {
        if (!session.isOpen()) {
          run(); // the session is over (its own executor stopped with it): signalling the end cannot block
        } else {
          cancelled = true;
          session.close();
          subscriber.onError(e);
        }
      }
    }

    @Override
    public void run() {
      int missed = 1;
      while (true) {
        drain();
        missed = wip.addAndGet(-missed);
        if (missed == 0) {
          return;
        }
      }
    }

    private void drain() {
      while (!done && !cancelled) {
        IllegalArgumentException bad = badRequest;
        if (bad != null) {
          done = true;
          cancel();
          subscriber.onError(bad);
          return;
        }
        if (requested.get() == 0 && !session.endKnown()) {
          return; // no demand: the session is not read further
        }
        T item;
        try {
          item = next.get();
        } catch (S2Exception e) {
          done = true;
          if (!cancelled) {
            subscriber.onError(e);
          }
          return;
        }
        if (cancelled) {
          return;
        }
        if (item == null) {
          done = true;
          subscriber.onComplete();
          return;
        }
        try {
          subscriber.onNext(item);
        } catch (RuntimeException e) {
          cancel(); // §2.13: a subscriber that throws has cancelled
          return;
        }
        requested.getAndUpdate(r -> r == Long.MAX_VALUE ? r : r - 1);
      }
    }
  }
}
