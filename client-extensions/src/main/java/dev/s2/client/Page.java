package dev.s2.client;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list operation: its items and whether more match. Immutable.
 *
 * @param <T> the item type
 */
public final class Page<T> {
  private final List<T> items;
  private final boolean hasMore;
  private final @Nullable String nextCursor;

  Page(List<T> items, boolean hasMore, @Nullable String nextCursor) {
    this.items = Collections.unmodifiableList(items);
    this.hasMore = hasMore;
    this.nextCursor = nextCursor;
  }

  /**
   * The items of this page, in the service's order (lexicographic by id).
   *
   * @return an unmodifiable list, possibly empty
   */
  public List<T> items() {
    return items;
  }

  /**
   * Whether the service has more items matching the request after this page.
   *
   * @return the response's {@code has_more}
   */
  public boolean hasMore() {
    return hasMore;
  }

  /**
   * The {@code start_after} value that fetches the next page: the id of this page's last item. Save
   * it to resume a walk later.
   *
   * @return the cursor, or empty when there is no next page ({@code has_more} false or an empty
   *     page)
   */
  public Optional<String> nextCursor() {
    return Optional.ofNullable(nextCursor);
  }

  @Override
  public String toString() {
    return "Page{items="
        + items.size()
        + ", hasMore="
        + hasMore
        + ", nextCursor="
        + nextCursor
        + '}';
  }
}
