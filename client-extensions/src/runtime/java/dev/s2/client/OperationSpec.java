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
  /**
   * The most bytes one item of a page takes, for the limit on a page's body ({@link BoundedBodies#page}) when
   * the spec bounds the page's items but not their size. An access token, the largest item of S2's lists, is at
   * most about 1.7 KB as S2 writes it (an id of 96 bytes, a scope naming a basin, a stream and a token id, the
   * operations of the spec and three groups, an expiry), 2.4 KB if every character were escaped; 4 KiB leaves
   * room for fields added later. Overridden per client or call with {@code maxResponseBytes}.
   */
  static final int DEFAULT_ITEM_BYTES = 4096;
  /** The limit on a body whose size the spec does not bound (an array without {@code maxItems}): 4 MiB. */
  static final long UNBOUNDED_BODY_BYTES = 4L << 20;
  /** The limit on any other body (one object of bounded shape): 64 KiB. */
  static final long SMALL_BODY_BYTES = BoundedBodies.SMALL_BODY_BYTES;

  final String id;
  final String method;
  final String path;
  final boolean idempotent;
  final boolean hasBody;
  final long maxBodyBytes;
  private final Function<CallExecutor.Exchange<R>, T> result;
  private final Function<R, List<String>> secrets;
  final @Nullable Paging<?> paging;

  /**
   * The limit on the body of one call: a page's is its envelope plus {@link #DEFAULT_ITEM_BYTES} per item asked
   * for ({@code limit}, or the spec's default page size); any other operation's is its own.
   */
  long maxBodyBytes(@Nullable Integer pageSize) {
    if (paging == null) {
      return maxBodyBytes;
    }
    return BoundedBodies.page(pageSize == null ? paging.defaultPageSize : pageSize, DEFAULT_ITEM_BYTES);
  }

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
      long maxBodyBytes, Function<CallExecutor.Exchange<R>, T> result, Function<R, List<String>> secrets,
      @Nullable Paging<?> paging) {
    this.id = id;
    this.method = method;
    this.path = path;
    this.idempotent = idempotent;
    this.hasBody = hasBody;
    this.maxBodyBytes = maxBodyBytes;
    this.result = result;
    this.secrets = secrets;
    this.paging = paging;
  }

  /** An operation returning its decoded body as it is, which is at most {@code maxBodyBytes} long. */
  static <R> OperationSpec<R, R> of(String id, String method, String path, boolean idempotent, long maxBodyBytes) {
    return new OperationSpec<>(id, method, path, idempotent, true, maxBodyBytes, e -> e.body, r -> List.of(), null);
  }

  /** An operation whose decoded body the facade maps to another type. */
  static <R, T> OperationSpec<R, T> of(String id, String method, String path, boolean idempotent,
      long maxBodyBytes, Function<R, T> result) {
    return new OperationSpec<>(id, method, path, idempotent, true, maxBodyBytes, e -> result.apply(e.body),
        r -> List.of(), null);
  }

  /**
   * An operation whose facade returns more than the body: the status and the headers the spec declares on its
   * success responses too (a generated result class reads them).
   */
  static <R, T> OperationSpec<R, T> withResponse(String id, String method, String path, boolean idempotent,
      long maxBodyBytes, Function<CallExecutor.Exchange<R>, T> result) {
    return new OperationSpec<>(id, method, path, idempotent, true, maxBodyBytes, result, r -> List.of(), null);
  }

  /** An operation whose success has no body. */
  static OperationSpec<Void, Void> withoutBody(String id, String method, String path, boolean idempotent) {
    return new OperationSpec<>(id, method, path, idempotent, false, SMALL_BODY_BYTES, e -> null, v -> List.of(),
        null);
  }

  /**
   * This operation, its body's secrets (the values of its {@code format: password} fields) remembered by the
   * client's masking from the moment they are decoded, so that no later message can show them.
   */
  OperationSpec<R, T> withSecrets(Function<R, List<String>> secrets) {
    return new OperationSpec<>(id, method, path, idempotent, hasBody, maxBodyBytes, result, secrets, paging);
  }

  /** The secrets of a decoded body. */
  List<String> secrets(R body) {
    return secrets.apply(body);
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
    return new OperationSpec<>(id, method, path, true, true, BoundedBodies.page(maxItems, DEFAULT_ITEM_BYTES),
        e -> toPage.apply(e.body), r -> List.of(), new Paging<>(cursor, defaultPageSize, maxItems));
  }

  /** What the facade returns for a success. */
  T result(CallExecutor.Exchange<R> exchange) {
    return result.apply(exchange);
  }

  @Override
  public String toString() {
    return id + " (" + method + " " + path + ")";
  }
}
