package dev.s2.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How a generated facade fetches the pages of one walk: its params with a cursor and a limit set, and its own
 * blocking and asynchronous list methods. {@link ClientRuntime#pageWalks} makes a {@link PageSource} of it.
 *
 * @param <P> the params type of the list operation
 * @param <I> the item type
 */
final class PageFetcher<P, I> {
  final String startAfter;
  final @Nullable Integer limit;
  private final BiFunction<String, @Nullable Integer, P> withCursor;
  private final Function<P, Page<I>> fetch;
  private final Function<P, CompletableFuture<Page<I>>> fetchAsync;

  PageFetcher(String startAfter, @Nullable Integer limit, BiFunction<String, @Nullable Integer, P> withCursor,
      Function<P, Page<I>> fetch, Function<P, CompletableFuture<Page<I>>> fetchAsync) {
    this.startAfter = startAfter;
    this.limit = limit;
    this.withCursor = withCursor;
    this.fetch = fetch;
    this.fetchAsync = fetchAsync;
  }

  Page<I> fetch(String startAfter, @Nullable Integer limit) {
    return fetch.apply(withCursor.apply(startAfter, limit));
  }

  CompletableFuture<Page<I>> fetchAsync(String startAfter, @Nullable Integer limit) {
    return fetchAsync.apply(withCursor.apply(startAfter, limit));
  }
}
