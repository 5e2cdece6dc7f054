package dev.s2.client;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What the runtime needs to know of one operation, written by the generated facades from the spec: its id (the
 * key of {@link SpecialCases}), method and path (for messages), whether it is safe to repeat, and how its decoded
 * body becomes what the facade returns (for a paged list: a {@link Page} with its cursor).
 *
 * @param <R> the type Retrofit decodes the body into ({@code Void} without body)
 * @param <T> the type the facade returns
 */
final class OperationSpec<R, T> {
  final String id;
  final String method;
  final String path;
  final boolean idempotent;
  final boolean hasBody;
  private final Function<R, T> result;
  final @Nullable Paging<?> paging;

  /** The paging facts of a paged list, as the generator derived them. */
  static final class Paging<I> {
    final Function<I, String> cursor;
    final int defaultPageSize;
    final int maxItems;

    Paging(Function<I, String> cursor, int defaultPageSize, int maxItems) {
      this.cursor = cursor;
      this.defaultPageSize = defaultPageSize;
      this.maxItems = maxItems;
    }
  }

  private OperationSpec(String id, String method, String path, boolean idempotent, boolean hasBody,
      Function<R, T> result, @Nullable Paging<?> paging) {
    this.id = id;
    this.method = method;
    this.path = path;
    this.idempotent = idempotent;
    this.hasBody = hasBody;
    this.result = result;
    this.paging = paging;
  }

  /** An operation returning its decoded body as it is ({@code Void}: no body). */
  static <R> OperationSpec<R, R> of(String id, String method, String path, boolean idempotent) {
    return new OperationSpec<>(id, method, path, idempotent, true, Function.identity(), null);
  }

  /** An operation whose decoded body the facade maps to another type. */
  static <R, T> OperationSpec<R, T> of(String id, String method, String path, boolean idempotent,
      Function<R, T> result) {
    return new OperationSpec<>(id, method, path, idempotent, true, result, null);
  }

  /** An operation whose success has no body. */
  static OperationSpec<Void, Void> withoutBody(String id, String method, String path, boolean idempotent) {
    return new OperationSpec<>(id, method, path, idempotent, false, v -> null, null);
  }

  /** A paged list: the body holds one array of items and {@code has_more}; an item's key is the cursor. */
  static <R, I> OperationSpec<R, Page<I>> paged(String id, String method, String path,
      Function<R, List<I>> items, Predicate<R> hasMore, Function<I, String> cursor, int defaultPageSize,
      int maxItems) {
    Function<R, Page<I>> toPage = r -> {
      List<I> list = items.apply(r);
      boolean more = hasMore.test(r);
      String next = more && !list.isEmpty() ? cursor.apply(list.get(list.size() - 1)) : null;
      return new Page<>(list, more, next);
    };
    return new OperationSpec<>(id, method, path, true, true, toPage, new Paging<>(cursor, defaultPageSize, maxItems));
  }

  /** What the facade returns for a decoded body. */
  T result(@Nullable R body) {
    return result.apply(body);
  }

  @Override
  public String toString() {
    return id + " (" + method + " " + path + ")";
  }
}
