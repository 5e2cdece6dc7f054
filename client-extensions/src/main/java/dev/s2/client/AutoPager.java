package dev.s2.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * A lazy walk over every item of a list operation, page by page. Page N+1 is fetched only when page
 * N is used up (or, with {@link PagingOptions#prefetch()}, as soon as page N arrives). Each {@link
 * #iterator()} or {@link #stream()} starts a new walk from the same starting cursor.
 *
 * <p>Memory holds one page (two with prefetch), whatever the total. Failures surface from {@code
 * hasNext()}/{@code next()} as {@link S2Exception}s. To resume later, save the id of the last item
 * processed and pass it as {@code startAfter}.
 *
 * <pre>{@code
 * for (AccessTokenInfo token : client.accessTokens().listAll()) { ... }
 * long n = client.accessTokens().listAll(params).stream().filter(t -> t.expiresAt().isPresent()).count();
 * }</pre>
 *
 * @param <T> the item type
 */
public final class AutoPager<T> implements Iterable<T> {
  private final Supplier<PageWalk<T>> walks;

  AutoPager(Supplier<PageWalk<T>> walks) {
    this.walks = walks;
  }

  /**
   * Starts a walk over the items.
   *
   * @return a lazy iterator; its methods may throw {@link S2Exception}
   */
  @Override
  public Iterator<T> iterator() {
    return new ItemIterator<>(walks.get());
  }

  /**
   * Starts a walk over the items as a sequential stream. Closing the stream cancels a prefetched
   * page.
   *
   * @return a lazy, ordered stream
   */
  public Stream<T> stream() {
    ItemIterator<T> items = new ItemIterator<>(walks.get());
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(items, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(items.walk::close);
  }

  /**
   * The same walk page by page, for callers that work in batches or save cursors.
   *
   * @return an iterable whose every iterator starts a new walk
   */
  public Iterable<Page<T>> pages() {
    return () -> new PageIterator<>(walks.get());
  }

  private static final class ItemIterator<T> implements Iterator<T> {
    final PageWalk<T> walk;
    private Iterator<T> current = java.util.Collections.emptyIterator();

    ItemIterator(PageWalk<T> walk) {
      this.walk = walk;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext()) {
        current = java.util.Collections.emptyIterator(); // let page N go before page N+1 is read
        Page<T> page = walk.next();
        if (page == null) {
          return false;
        }
        current = page.items().iterator();
      }
      return true;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException("the walk is over");
      }
      return current.next();
    }
  }

  private static final class PageIterator<T> implements Iterator<Page<T>> {
    private final PageWalk<T> walk;
    private @Nullable Page<T> next;

    PageIterator(PageWalk<T> walk) {
      this.walk = walk;
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        next = walk.next();
      }
      return next != null;
    }

    @Override
    public Page<T> next() {
      if (!hasNext()) {
        throw new NoSuchElementException("the walk is over");
      }
      Page<T> page = next;
      next = null;
      return page;
    }
  }
}
