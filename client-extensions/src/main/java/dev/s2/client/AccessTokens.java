package dev.s2.client;

import dev.s2.api.AccessTokensApi;
import dev.s2.model.AccessTokenInfo;
import dev.s2.model.ListAccessTokensResponse;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;

/**
 * The access tokens of the account: list one page, walk them all (blocking or asynchronous).
 * Obtained from {@link S2Client#accessTokens()}; thread-safe.
 */
public final class AccessTokens {
  private final AccessTokensApi api;
  private final CallExecutor executor;

  AccessTokens(AccessTokensApi api, CallExecutor executor) {
    this.api = api;
    this.executor = executor;
  }

  /**
   * Lists the first page of all access tokens.
   *
   * @return the page
   * @throws S2Exception on any failure
   */
  public Page<AccessTokenInfo> list() {
    return list(ListAccessTokensParams.all());
  }

  /**
   * Lists one page of access tokens.
   *
   * @param params the filters; not null
   * @return the page: its tokens and whether more match
   * @throws IllegalArgumentException if {@code params} is null
   * @throws S2Exception on any failure
   */
  public Page<AccessTokenInfo> list(ListAccessTokensParams params) {
    return list(params, RequestOptions.defaults());
  }

  /**
   * Lists one page of access tokens with per-call options.
   *
   * @param params the filters; not null
   * @param options the per-call timeout and retry policy; not null
   * @return the page
   * @throws IllegalArgumentException if an argument is null
   * @throws S2Exception on any failure
   */
  public Page<AccessTokenInfo> list(ListAccessTokensParams params, RequestOptions options) {
    Checks.notNull(params, "params");
    Checks.notNull(options, "options");
    return toPage(executor.execute(() -> call(params), CallExecutor.Safety.IDEMPOTENT, options));
  }

  /**
   * Lists one page of access tokens without blocking.
   *
   * @param params the filters; not null
   * @return a future of the page, failed with an {@link S2Exception} on any failure
   * @throws IllegalArgumentException if {@code params} is null
   */
  public CompletableFuture<Page<AccessTokenInfo>> listAsync(ListAccessTokensParams params) {
    return listAsync(params, RequestOptions.defaults());
  }

  /**
   * Lists one page of access tokens without blocking, with per-call options.
   *
   * @param params the filters; not null
   * @param options the per-call timeout and retry policy; not null
   * @return a future of the page
   * @throws IllegalArgumentException if an argument is null
   */
  public CompletableFuture<Page<AccessTokenInfo>> listAsync(ListAccessTokensParams params, RequestOptions options) {
    Checks.notNull(params, "params");
    Checks.notNull(options, "options");
    return executor.executeAsync(() -> call(params), CallExecutor.Safety.IDEMPOTENT, options)
        .thenApply(AccessTokens::toPage);
  }

  /**
   * Walks every access token, lazily.
   *
   * @return the walk
   */
  public AutoPager<AccessTokenInfo> listAll() {
    return listAll(ListAccessTokensParams.all());
  }

  /**
   * Walks every access token matching {@code params}, lazily, from {@code params.startAfter()}; pages are of
   * {@code params.limit()} tokens.
   *
   * @param params the filters; not null
   * @return the walk
   * @throws IllegalArgumentException if {@code params} is null
   */
  public AutoPager<AccessTokenInfo> listAll(ListAccessTokensParams params) {
    return listAll(params, PagingOptions.defaults());
  }

  /**
   * Walks every access token matching {@code params}, with a cap, prefetch or per-page options.
   *
   * @param params the filters; not null
   * @param paging how the walk runs; not null
   * @return the walk
   * @throws IllegalArgumentException if an argument is null
   */
  public AutoPager<AccessTokenInfo> listAll(ListAccessTokensParams params, PagingOptions paging) {
    Source source = new Source(params, paging);
    return new AutoPager<>(source::walk);
  }

  /**
   * Walks every access token matching {@code params} without blocking.
   *
   * @param params the filters; not null
   * @return the asynchronous walk
   * @throws IllegalArgumentException if {@code params} is null
   */
  public AsyncAutoPager<AccessTokenInfo> listAllAsync(ListAccessTokensParams params) {
    return listAllAsync(params, PagingOptions.defaults());
  }

  /**
   * Walks every access token matching {@code params} without blocking, with a cap, prefetch or per-page options.
   *
   * @param params the filters; not null
   * @param paging how the walk runs; not null
   * @return the asynchronous walk
   * @throws IllegalArgumentException if an argument is null
   */
  public AsyncAutoPager<AccessTokenInfo> listAllAsync(ListAccessTokensParams params, PagingOptions paging) {
    Source source = new Source(params, paging);
    return new AsyncAutoPager<>(source::walk);
  }

  private Call<ListAccessTokensResponse> call(ListAccessTokensParams p) {
    return api.listAccessTokens(emptyToNull(p.prefix()), emptyToNull(p.startAfter()),
        p.limit().isPresent() ? p.limit().getAsInt() : null);
  }

  private static @Nullable String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static Page<AccessTokenInfo> toPage(ListAccessTokensResponse r) {
    boolean more = r.hasMore() && !r.accessTokens().isEmpty();
    String cursor = more ? r.accessTokens().get(r.accessTokens().size() - 1).id() : null;
    return new Page<>(r.accessTokens(), r.hasMore(), cursor);
  }

  /** Pages of access tokens for {@link PageWalk}. */
  private final class Source implements PageSource<AccessTokenInfo> {
    private final ListAccessTokensParams params;
    private final PagingOptions paging;

    Source(ListAccessTokensParams params, PagingOptions paging) {
      this.params = Checks.notNull(params, "params");
      this.paging = Checks.notNull(paging, "paging");
    }

    PageWalk<AccessTokenInfo> walk() {
      Integer pageSize = params.limit().isPresent() ? params.limit().getAsInt() : null;
      return new PageWalk<>(this, params.startAfter(), pageSize, paging.maxItems(), paging.prefetch());
    }

    @Override
    public Page<AccessTokenInfo> fetch(String startAfter, @Nullable Integer limit) {
      return list(page(startAfter, limit), paging.requestOptions());
    }

    @Override
    public CompletableFuture<Page<AccessTokenInfo>> fetchAsync(String startAfter, @Nullable Integer limit) {
      return listAsync(page(startAfter, limit), paging.requestOptions());
    }

    @Override
    public String cursorOf(AccessTokenInfo item) {
      return item.id();
    }

    private ListAccessTokensParams page(String startAfter, @Nullable Integer limit) {
      ListAccessTokensParams.Builder b = params.toBuilder().startAfter(startAfter);
      return (limit == null ? b : b.limit(limit)).build();
    }
  }
}
