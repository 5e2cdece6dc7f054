package dev.s2.client;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Fetches one page of a list operation shaped like S2's ({@code start_after}, {@code limit},
 * {@code has_more}); {@link PageWalk} turns it into a walk over all pages. Access tokens, basins and streams
 * all page this way.
 *
 * @param <T> the item type
 */
interface PageSource<T> {

  /**
   * Fetches the page after {@code startAfter}.
   *
   * @param startAfter the cursor, empty for the first page
   * @param limit the page size to ask for, or null for the service's default
   */
  Page<T> fetch(String startAfter, @Nullable Integer limit);

  /** The asynchronous form of {@link #fetch}. */
  CompletableFuture<Page<T>> fetchAsync(String startAfter, @Nullable Integer limit);

  /** The cursor an item stands for: its id. */
  String cursorOf(T item);

  /** The page size the service uses when no limit is sent (the spec's default for {@code limit}). */
  int defaultPageSize();
}
