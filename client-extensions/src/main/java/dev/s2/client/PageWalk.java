package dev.s2.client;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * One walk over the pages of a list operation: the one place that decides how paging proceeds and stops.
 *
 * <p>The next page's {@code start_after} is the id of the last item of the page before. The walk stops:
 * <ol>
 *   <li>when the page says {@code has_more: false};
 *   <li>when a page is empty, even if it says {@code has_more: true};
 *   <li>when the cap on items ({@link PagingOptions#maxItems()}) is reached; the last request asks only for
 *       the items still wanted, and a page holding more is cut;
 *   <li>with {@link S2PaginationException} when the next cursor is one this walk has already used (the
 *       starting cursor included): a server that repeats a cursor, not only the previous one, would
 *       otherwise loop for ever.
 * </ol>
 *
 * <p>With prefetch, the next page is requested as soon as the current one arrives, so at most two pages are
 * held. Not thread-safe: one walk belongs to one iterator.
 */
final class PageWalk<T> {
  private final PageSource<T> source;
  private final @Nullable Integer pageSize;
  private final boolean prefetch;
  private final Set<String> usedCursors = new HashSet<>();
  private String cursor;
  private long remaining;
  private int pages;
  private boolean done;
  private @Nullable CompletableFuture<Page<T>> ahead;

  PageWalk(PageSource<T> source, String startAfter, @Nullable Integer pageSize, OptionalLong maxItems,
      boolean prefetch) {
    this.source = source;
    this.pageSize = pageSize;
    this.prefetch = prefetch;
    this.cursor = startAfter;
    this.remaining = maxItems.orElse(Long.MAX_VALUE);
    if (!startAfter.isEmpty()) {
      usedCursors.add(startAfter);
    }
    this.done = remaining == 0;
  }

  /** The next page, fetching it if needed; null when the walk is over. */
  @Nullable Page<T> next() {
    if (done) {
      return null;
    }
    Page<T> page;
    if (ahead != null) {
      CompletableFuture<Page<T>> pending = ahead;
      ahead = null;
      page = join(pending);
    } else {
      page = source.fetch(cursor, limit());
    }
    return accept(page);
  }

  /** The asynchronous form of {@link #next()}; completes with null when the walk is over. */
  CompletableFuture<@Nullable Page<T>> nextAsync() {
    if (done) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Page<T>> pending = ahead != null ? ahead : source.fetchAsync(cursor, limit());
    ahead = null;
    return pending.thenApply(this::accept);
  }

  /** Cancels a page requested ahead; the walk is over. */
  void close() {
    done = true;
    if (ahead != null) {
      ahead.cancel(true);
      ahead = null;
    }
  }

  private @Nullable Integer limit() {
    if (remaining >= Integer.MAX_VALUE) {
      return pageSize;
    }
    int left = (int) remaining;
    return Math.min(left, pageSize == null ? source.defaultPageSize() : pageSize);
  }

  private Page<T> accept(Page<T> page) {
    pages++;
    List<T> items = page.items();
    boolean cut = items.size() > remaining;
    if (cut) {
      items = items.subList(0, (int) remaining);
    }
    remaining -= items.size();
    if (!page.hasMore() || page.items().isEmpty() || remaining == 0) {
      done = true;
      return cut ? new Page<>(items, true, source.cursorOf(items.get(items.size() - 1))) : page;
    }
    String next = source.cursorOf(page.items().get(page.items().size() - 1));
    if (!usedCursors.add(next)) {
      done = true;
      throw new S2PaginationException("the service returned the cursor '" + next + "' again on page " + pages
          + " of this walk; stopping instead of looping");
    }
    cursor = next;
    if (prefetch) {
      ahead = source.fetchAsync(cursor, limit());
    }
    return page;
  }

  private static <P> P join(CompletableFuture<P> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw Futures.unwrap(e);
    }
  }
}
