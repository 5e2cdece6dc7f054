package dev.s2.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An asynchronous walk over every item of a list operation. The next page is requested when the caller's
 * action has handled the current one (or earlier, with {@link PagingOptions#prefetch()}); nothing blocks a
 * thread while waiting for the service. Actions run on the HTTP client's callback threads.
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
   * @return a future completed when the walk is over, or failed with the {@link S2Exception} (or the
   *     action's exception) that ended it
   */
  public CompletableFuture<Void> forEachPage(Consumer<? super Page<T>> action) {
    Checks.notNull(action, "action");
    CompletableFuture<Void> done = new CompletableFuture<>();
    step(walks.get(), action, done);
    return done;
  }

  /**
   * Walks every item, handing each to {@code action}.
   *
   * @param action called once per item, in order
   * @return a future completed when the walk is over
   */
  public CompletableFuture<Void> forEach(Consumer<? super T> action) {
    Checks.notNull(action, "action");
    return forEachPage(page -> page.items().forEach(action));
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

  private static <T> void step(PageWalk<T> walk, Consumer<? super Page<T>> action, CompletableFuture<Void> done) {
    if (done.isDone()) {
      walk.close();
      return;
    }
    CompletableFuture<Page<T>> next;
    try {
      next = walk.nextAsync();
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
      return;
    }
    next.whenComplete((page, error) -> {
      if (error != null) {
        walk.close();
        done.completeExceptionally(Futures.unwrap(error));
        return;
      }
      if (page == null) {
        done.complete(null);
        return;
      }
      try {
        action.accept(page);
      } catch (RuntimeException e) {
        walk.close();
        done.completeExceptionally(e);
        return;
      }
      step(walk, action, done);
    });
  }
}
