package dev.s2.client;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs tasks one at a time, in the order they were added, on whichever thread calls {@link #drain()} while no
 * other does: no thread of its own. Tasks are added while holding a lock (so their order is the order of the
 * state changes that produced them) and run after the lock is released, by calling {@link #drain()}. A task
 * that throws is reported to the lane's error handler and the lane goes on.
 */
final class SerialLane {
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicInteger wip = new AtomicInteger();
  private final Consumer<RuntimeException> onError;
  private volatile @Nullable Thread drainer;

  SerialLane(Consumer<RuntimeException> onError) {
    this.onError = onError;
  }

  /** Queues a task; the caller must call {@link #drain()} afterwards. */
  void add(Runnable task) {
    tasks.add(task);
  }

  /** Runs the queued tasks unless another thread is already running them (it then runs these too). */
  void drain() {
    if (tasks.isEmpty() || wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    while (true) {
      drainer = Thread.currentThread();
      try {
        Runnable task;
        while ((task = tasks.poll()) != null) {
          try {
            task.run();
          } catch (RuntimeException e) {
            onError.accept(e);
          }
        }
      } finally {
        drainer = null;
      }
      missed = wip.addAndGet(-missed);
      if (missed == 0) {
        return;
      }
    }
  }

  /** Whether the calling thread is running this lane's tasks right now. */
  boolean drainingHere() {
    return drainer == Thread.currentThread();
  }
}
