package dev.s2.client;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One walk over the pages of a list operation: the one place that decides how paging proceeds, what a page
 * must look like, and when the walk stops.
 *
 * <p>The next page's {@code start_after} is the cursor of the last item of the page before. Every page is
 * checked ({@link #check}); a page that breaks the contract ends the walk with {@link S2PaginationException}:
 * <ul>
 *   <li>it holds no more items than the {@code limit} it was asked for (the service's default page size when no
 *       limit was sent);
 *   <li>its cursors are strictly increasing, from the page's {@code start_after}: in the service's order, which
 *       is that of the names' UTF-8 bytes (see {@link #compareUtf8}). So no item repeats, within a page or
 *       across pages, and the walk cannot loop: the check needs only the last cursor, in constant memory.
 * </ul>
 * The walk stops:
 * <ol>
 *   <li>when the page says {@code has_more: false};
 *   <li>when a page is empty, even if it says {@code has_more: true};
 *   <li>when the cap on items ({@link PagingOptions#maxItems()}) is reached; the last request asks only for
 *       the items still wanted;
 *   <li>when it is closed ({@link #close()}): a page requested ahead is cancelled, its HTTP request with it.
 * </ol>
 *
 * <p>With prefetch, the next page is requested as soon as the current one is accepted, so at most two pages are
 * held. One walk belongs to one consumer; {@link #close()} may come from any thread.
 */
final class PageWalk<T> {
  private final PageSource<T> source;
  private final @Nullable Integer pageSize;
  private final boolean prefetch;
  private final Redactor redactor;
  private String cursor;
  private long remaining;
  private int pages;
  private boolean done;
  private @Nullable CompletableFuture<Page<T>> ahead;
  private @Nullable Integer aheadLimit;

  PageWalk(PageSource<T> source, String startAfter, @Nullable Integer pageSize, OptionalLong maxItems,
      boolean prefetch, Redactor redactor) {
    this.source = source;
    this.pageSize = pageSize;
    this.prefetch = prefetch;
    this.redactor = redactor;
    this.cursor = startAfter;
    this.remaining = maxItems.orElse(Long.MAX_VALUE);
    this.done = remaining == 0;
  }

  /** The next page, fetching it if needed; null when the walk is over. */
  @Nullable Page<T> next() {
    CompletableFuture<Page<T>> pending;
    @Nullable Integer asked;
    String after;
    synchronized (this) {
      if (done) {
        return null;
      }
      pending = ahead;
      asked = pending != null ? aheadLimit : limit();
      after = cursor;
      ahead = null;
    }
    Page<T> page = pending != null ? await(pending) : source.fetch(after, asked);
    return accept(page, asked);
  }

  /** The asynchronous form of {@link #next()}; completes with null when the walk is over. */
  synchronized CompletableFuture<@Nullable Page<T>> nextAsync() {
    if (done) {
      return CompletableFuture.completedFuture(null);
    }
    @Nullable Integer asked = ahead != null ? aheadLimit : limit();
    CompletableFuture<Page<T>> pending = ahead != null ? ahead : source.fetchAsync(cursor, asked);
    ahead = null;
    return pending.thenApply(page -> accept(page, asked));
  }

  /** Ends the walk: a page requested ahead is cancelled (its HTTP request too) and no other is requested. */
  synchronized void close() {
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

  private synchronized @Nullable Page<T> accept(Page<T> page, @Nullable Integer asked) {
    if (done) {
      return null; // closed while the page was on its way
    }
    pages++;
    List<T> items = page.items();
    done = true; // until the page passes
    check(items, source::cursorOf, cursor, asked == null ? source.defaultPageSize() : asked,
        "page " + pages + " of this walk", redactor);
    remaining -= items.size();
    if (!page.hasMore() || items.isEmpty() || remaining == 0) {
      return page;
    }
    done = false;
    cursor = source.cursorOf(items.get(items.size() - 1));
    if (prefetch) {
      aheadLimit = limit();
      ahead = source.fetchAsync(cursor, aheadLimit);
    }
    return page;
  }

  /**
   * Checks a page of a walk against the paging contract: at most {@code limit} items, cursors strictly
   * increasing from {@code startAfter} in the service's order.
   *
   * @param where how the page is named in the message, such as "page 3 of this walk"
   * @param redactor masks the message (a cursor is the server's text)
   * @throws S2PaginationException naming the page, the item and the rule it breaks
   */
  static <T> void check(List<T> items, Function<? super T, String> cursorOf, String startAfter, int limit,
      String where, Redactor redactor) {
    checkSize(items.size(), limit, where, redactor);
    String previous = startAfter;
    for (int i = 0; i < items.size(); i++) {
      String current = cursorOf.apply(items.get(i));
      if (compareUtf8(current, previous) <= 0) {
        String before = i == 0 ? "the cursor it was asked to start after, " : "the item before it, ";
        String problem = current.equals(previous) ? "repeats" : "does not sort after";
        throw (S2PaginationException) new S2PaginationException(where + ": item " + (i + 1) + " ("
            + Texts.quote(current) + ") " + problem + " " + before + Texts.quote(previous) + "; S2 lists in "
            + "increasing order of UTF-8 bytes, so the service returned items out of order or twice, and paging "
            + "stops rather than pass them on or loop").masked(redactor);
      }
      previous = current;
    }
  }

  /**
   * Checks that a page holds no more items than it was asked for; a single page is checked this way.
   *
   * @throws S2PaginationException naming the page, its size and the limit
   */
  static void checkSize(int size, int limit, String where, Redactor redactor) {
    if (size > limit) {
      throw (S2PaginationException) new S2PaginationException(where + " has " + size
          + " items, more than the limit of " + limit + " it was asked for").masked(redactor);
    }
  }

  /**
   * Compares two names in the service's order: by their UTF-8 bytes, which is the order of their code points.
   * {@link String#compareTo} compares UTF-16 units instead, and differs for characters above U+FFFF against
   * U+E000..U+FFFF. S2's server is Rust: its listings scan a key-value store whose keys are the names' UTF-8
   * bytes, from {@code start_after} followed by a zero byte, and assert each name is greater than
   * {@code start_after} as a {@code str}, a byte-wise comparison (s2-streamstore/s2 at 78ebf83c, s2-lite:
   * {@code lite/src/backend/kv/basin_meta.rs} {@code ser_key_start_after} and {@code ser_key_range},
   * {@code lite/src/backend/basins.rs} {@code list_basins}, {@code lite/src/backend/streams.rs}
   * {@code list_streams}; access tokens are listed by the hosted service the same way).
   */
  static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** Waits for a page requested ahead; an interrupt cancels it. */
  private Page<T> await(CompletableFuture<Page<T>> pending) {
    try {
      return pending.get();
    } catch (ExecutionException e) {
      throw Futures.unwrap(e);
    } catch (CancellationException e) {
      throw e;
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw (S2InterruptedException) new S2InterruptedException(
          "interrupted while waiting for page " + (pages + 1) + " of a walk", e, 0).masked(redactor);
    }
  }
}
