package dev.s2.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Waits between retries. The default, {@link #system()}, sleeps for real; tests inject one that
 * records the requested delays and returns at once, so no test waits.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Blocks the calling thread for {@code duration}.
   *
   * @param duration how long to wait, zero or more
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Completes after {@code duration}, for asynchronous calls. The default runs {@link #sleep} on
   * the common pool; {@link #system()} overrides it with a timer that holds no thread.
   *
   * @param duration how long to wait, zero or more
   * @return a future completed after the wait
   */
  default CompletableFuture<Void> sleepAsync(Duration duration) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            sleep(duration);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
          }
        });
  }

  /**
   * The real clock: {@link Thread#sleep} and {@link CompletableFuture#delayedExecutor}.
   *
   * @return the system sleeper
   */
  static Sleeper system() {
    return SystemSleeper.INSTANCE;
  }

  /** Sleeps for real. */
  final class SystemSleeper implements Sleeper {
    static final SystemSleeper INSTANCE = new SystemSleeper();

    private SystemSleeper() {}

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }

    @Override
    public CompletableFuture<Void> sleepAsync(Duration duration) {
      return CompletableFuture.runAsync(
          () -> {}, CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public String toString() {
      return "Sleeper.system()";
    }
  }
}
