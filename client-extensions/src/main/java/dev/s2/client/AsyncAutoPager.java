package dev.s2.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An asynchronous walk over every item of a list operation. The next page is requested when the
 * caller's action has handled the current one (or earlier, with {@link PagingOptions#prefetch()});
 * nothing blocks a thread while waiting for the service. Actions run on the HTTP client's callback
 * threads, or on the thread that started the walk when a page is already there; however many pages
 * there are, the stack does not grow with them.
 *
 * <p>Cancelling the returned future stops the walk at once: the page request in flight is cancelled
 * (its HTTP request too), none is prefetched, and the action is handed no further page or item (one
 * it is already handling finishes).
 *
 * <pre>{@code
 * client.accessTokens().listAllAsync(params).forEach(token -> System.out.println(token.id()))
 *     .thenRun(() -> System.out.println("done"));
 * }</pre>
 *
 * @param <T> the item type
 */
public final class AsyncAutoPager<T> {
  private final Supplier<PageWalk<T>> walks;

  AsyncAutoPager(Supplier<PageWalk<T>> walks) {
    this.walks = walks;
  }

  /**
   * Walks every page, handing each to {@code action} before fetching the next.
   *
   * @param action called once per page, in order
   * @return a future completed when the walk is over, or failed with the {@link S2Exception} (or
   *     the action's exception) that ended it; cancel it to stop the walk
   */
  public CompletableFuture<Void> forEachPage(Consumer<? super Page<T>> action) {
    Checks.notNull(action, "action");
    return new Walker<T>(
            walks.get(),
            (page, stopped) -> {
              action.accept(page);
              return true;
            })
        .start();
  }

  /**
   * Walks every item, handing each to {@code action}.
   *
   * @param action called once per item, in order
   * @return a future completed when the walk is over; cancel it to stop the walk
   */
  public CompletableFuture<Void> forEach(Consumer<? super T> action) {
    Checks.notNull(action, "action");
    return new Walker<T>(
            walks.get(),
            (page, stopped) -> {
              for (T item : page.items()) {
                if (stopped.isDone()) {
                  return false;
                }
                action.accept(item);
              }
              return true;
            })
        .start();
  }

  /**
   * Collects every item into a list. Only for walks known to be small: the list holds them all.
   *
   * @return a future of an unmodifiable list
   */
  public CompletableFuture<List<T>> toList() {
    List<T> all = new ArrayList<>();
    return forEachPage(page -> all.addAll(page.items())).thenApply(v -> List.copyOf(all));
  }

  /**
   * Drives one walk. The steps run in a loop guarded by a work counter: a page that is already
   * there (a prefetched one) is handled in the same loop instead of in a nested callback, so the
   * stack stays flat, and steps never run on two threads at once.
   */
  private static final class Walker<T> {
    final PageWalk<T> walk;

    /** Hands a page to the caller's action; false when it saw the walk stop midway. */
    final BiPredicate<Page<T>, CompletableFuture<Void>> handler;

    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicInteger work = new AtomicInteger();
    private @Nullable CompletableFuture<@Nullable Page<T>> pending; // only touched inside drain()

    Walker(PageWalk<T> walk, BiPredicate<Page<T>, CompletableFuture<Void>> handler) {
      this.walk = walk;
      this.handler = handler;
    }

    CompletableFuture<Void> start() {
      done.whenComplete(
          (v, e) -> {
            walk.close(); // cancels a prefetched page
            signal(); // and the page in flight, from inside the loop
          });
      signal();
      return done;
    }

    void signal() {
      if (work.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      do {
        drain();
        missed = work.addAndGet(-missed);
      } while (missed != 0);
    }

    private void drain() {
      while (true) {
        if (done.isDone()) {
          if (pending != null) {
            pending.cancel(true);
            pending = null;
          }
          return;
        }
        if (pending == null) {
          CompletableFuture<@Nullable Page<T>> next;
          try {
            next = walk.nextAsync();
          } catch (RuntimeException e) {
            fail(e);
            return;
          }
          pending = next;
          next.whenComplete(
              (page, error) -> signal()); // runs at once if the page is there: signal() only counts
          return;
        }
        if (!pending.isDone()) {
          return;
        }
        CompletableFuture<@Nullable Page<T>> arrived = pending;
        pending = null;
        Page<T> page;
        try {
          page = arrived.join();
        } catch (CompletionException | CancellationException e) {
          fail(Futures.unwrap(e));
          return;
        }
        if (page == null) {
          done.complete(null);
          return;
        }
        try {
          if (!handler.test(page, done)) {
            return;
          }
        } catch (RuntimeException e) {
          fail(e);
          return;
        }
      }
    }

    private void fail(Throwable e) {
      walk.close();
      done.completeExceptionally(e);
    }
  }
}
