package dev.s2.client;

import dev.s2.api.AccessTokensApi;
import dev.s2.model.AccessTokenInfo;
import dev.s2.model.IssueAccessTokenResponse;
import dev.s2.model.ListAccessTokensResponse;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;

/**
 * The access tokens of the account: list one page, walk them all (blocking or asynchronous), issue, revoke.
 * Obtained from {@link S2Client#accessTokens()}; thread-safe.
 *
 * <p>Listing and revoking are retried under the client's policy. Issuing is not idempotent: it is retried only
 * when the failure shows the service never acted (connection refused, 429, 503), and a retried issue answered
 * 409 {@code resource_already_exists} fails with {@link IssueMayHaveSucceededException}.
 */
public final class AccessTokens {
  /**
   * The most bytes one {@code AccessTokenInfo} takes in a list response, which bounds the body of a page
   * ({@link BoundedBodies#page}): its id is at most 96 bytes (the spec), its scope names at most a basin
   * (48 bytes), a stream (512 bytes) and a token id (96 bytes), the 24 operations of the spec and three
   * operation groups; with the expiry and the keys that is about 1.7 KB as S2 writes it, 2.4 KB if every
   * character of the names had to be escaped. 4 KiB leaves room for whitespace and fields added later.
   */
  static final int TOKEN_INFO_MAX_BYTES = 4096;

  private final AccessTokensApi api;
  private final CallExecutor executor;
  private final Clock clock;

  AccessTokens(AccessTokensApi api, CallExecutor executor, Clock clock) {
    this.api = api;
    this.executor = executor;
    this.clock = clock;
  }

  /**
   * Issues a new access token.
   *
   * @param params id, scope and expiry; not null
   * @return the issued token with its secret, shown once
   * @throws IllegalArgumentException if {@code params} is null or its expiry is in the past (by the client's clock)
   * @throws IssueMayHaveSucceededException if a retried attempt found the id taken
   * @throws S2Exception on any other failure ({@link ConflictException} when the id was already taken)
   */
  public IssuedAccessToken issue(IssueAccessTokenParams params) {
    return issue(params, RequestOptions.defaults());
  }

  /**
   * Issues a new access token with per-call options.
   *
   * @param params id, scope and expiry; not null
   * @param options the per-call timeout and retry policy; not null
   * @return the issued token with its secret, shown once
   * @throws IllegalArgumentException if an argument is null or the expiry is in the past
   * @throws S2Exception on any failure, as {@link #issue(IssueAccessTokenParams)}
   */
  public IssuedAccessToken issue(IssueAccessTokenParams params, RequestOptions options) {
    checkIssue(params, options);
    try {
      IssueAccessTokenResponse r = executor.execute(() -> api.issueAccessToken(params.info()),
          CallExecutor.Safety.NOT_IDEMPOTENT, BoundedBodies.SMALL_BODY_BYTES, options);
      return issued(params, r);
    } catch (ConflictException e) {
      throw afterRetry(e, params.id());
    }
  }

  /**
   * Issues a new access token without blocking.
   *
   * @param params id, scope and expiry; not null
   * @return a future of the issued token, failed as {@link #issue(IssueAccessTokenParams)} throws
   * @throws IllegalArgumentException if {@code params} is null or its expiry is in the past
   */
  public CompletableFuture<IssuedAccessToken> issueAsync(IssueAccessTokenParams params) {
    return issueAsync(params, RequestOptions.defaults());
  }

  /**
   * Issues a new access token without blocking, with per-call options.
   *
   * @param params id, scope and expiry; not null
   * @param options the per-call timeout and retry policy; not null
   * @return a future of the issued token, failed as {@link #issue(IssueAccessTokenParams)} throws
   * @throws IllegalArgumentException if an argument is null or the expiry is in the past
   */
  public CompletableFuture<IssuedAccessToken> issueAsync(IssueAccessTokenParams params, RequestOptions options) {
    checkIssue(params, options);
    return executor.executeAsync(() -> api.issueAccessToken(params.info()), CallExecutor.Safety.NOT_IDEMPOTENT,
            BoundedBodies.SMALL_BODY_BYTES, options)
        .handle((r, error) -> {
          if (error == null) {
            return issued(params, r);
          }
          RuntimeException e = Futures.unwrap(error);
          throw new CompletionException(e instanceof ConflictException ? afterRetry((ConflictException) e, params.id()) : e);
        });
  }

  /**
   * Revokes an access token. Safe to retry: when an attempt whose answer was lost did revoke it, the retry's 404
   * means the same thing, and the call succeeds.
   *
   * @param id the token's id, 1 to 96 bytes of UTF-8, not {@code "."} or {@code ".."} (URLs cannot address
   *     them: see {@link #revoke(String, RequestOptions)})
   * @throws IllegalArgumentException if the id is null, empty, too long, {@code "."} or {@code ".."}
   * @throws NotFoundException if no such token exists (on the first attempt)
   * @throws S2Exception on any other failure
   */
  public void revoke(String id) {
    revoke(id, RequestOptions.defaults());
  }

  /**
   * Revokes an access token with per-call options. The ids {@code "."} and {@code ".."} are valid, but cannot be
   * revoked over HTTP: the id is a segment of the URL path, and URLs drop such segments (in any spelling), so the
   * request would address another resource. They are refused before any request.
   *
   * @param id the token's id, 1 to 96 bytes of UTF-8
   * @param options the per-call timeout and retry policy; not null
   * @throws IllegalArgumentException if an argument is invalid
   * @throws S2Exception on any failure, as {@link #revoke(String)}
   */
  public void revoke(String id, RequestOptions options) {
    Checks.pathSegment(IssueAccessTokenParams.checkId(id, "id"), "id");
    Checks.notNull(options, "options");
    try {
      executor.executeWithoutBody(() -> api.revokeAccessToken(id), CallExecutor.Safety.IDEMPOTENT, options);
    } catch (NotFoundException e) {
      if (e.attempts() == 1) {
        throw e;
      }
    }
  }

  /**
   * Revokes an access token without blocking.
   *
   * @param id the token's id, 1 to 96 bytes of UTF-8
   * @return a future completed when the token is revoked, failed as {@link #revoke(String)} throws
   * @throws IllegalArgumentException if the id is invalid
   */
  public CompletableFuture<Void> revokeAsync(String id) {
    return revokeAsync(id, RequestOptions.defaults());
  }

  /**
   * Revokes an access token without blocking, with per-call options.
   *
   * @param id the token's id, 1 to 96 bytes of UTF-8
   * @param options the per-call timeout and retry policy; not null
   * @return a future completed when the token is revoked, failed as {@link #revoke(String)} throws
   * @throws IllegalArgumentException if an argument is invalid
   */
  public CompletableFuture<Void> revokeAsync(String id, RequestOptions options) {
    Checks.pathSegment(IssueAccessTokenParams.checkId(id, "id"), "id");
    Checks.notNull(options, "options");
    return executor.executeWithoutBodyAsync(() -> api.revokeAccessToken(id), CallExecutor.Safety.IDEMPOTENT,
            options)
        .handle((v, error) -> {
          if (error == null) {
            return null;
          }
          RuntimeException e = Futures.unwrap(error);
          if (e instanceof NotFoundException && ((NotFoundException) e).attempts() > 1) {
            return null;
          }
          throw new CompletionException(e);
        });
  }

  private void checkIssue(IssueAccessTokenParams params, RequestOptions options) {
    Checks.notNull(params, "params");
    Checks.notNull(options, "options");
    OffsetDateTime expiresAt = params.expiresAt().orElse(null);
    if (expiresAt != null && expiresAt.toInstant().isBefore(clock.instant())) {
      throw new IllegalArgumentException("expiresAt of access token '" + params.id() + "' is in the past: "
          + expiresAt + " (now " + clock.instant() + ")");
    }
  }

  /** The issued token; its secret is masked from now on wherever this client prints text. */
  private IssuedAccessToken issued(IssueAccessTokenParams params, IssueAccessTokenResponse r) {
    executor.redactor().remember(r.accessToken());
    return new IssuedAccessToken(params.info(), new SecretToken(r.accessToken()));
  }

  /** A conflict on a retried issue may be the echo of an earlier attempt that worked. */
  private static S2ServiceException afterRetry(ConflictException e, String id) {
    boolean exists = e.code().filter("resource_already_exists"::equals).isPresent();
    return exists && e.attempts() > 1 ? new IssueMayHaveSucceededException(e, id) : e;
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
    return checked(fetch(params, options), params);
  }

  private Page<AccessTokenInfo> fetch(ListAccessTokensParams params, RequestOptions options) {
    return toPage(executor.execute(() -> call(params), CallExecutor.Safety.IDEMPOTENT, bodyLimit(params), options));
  }

  private CompletableFuture<Page<AccessTokenInfo>> fetchAsync(ListAccessTokensParams params, RequestOptions options) {
    return executor.executeAsync(() -> call(params), CallExecutor.Safety.IDEMPOTENT, bodyLimit(params), options)
        .thenApply(AccessTokens::toPage);
  }

  /** A page on its own holds no more items than asked for (a walk checks more: see {@link PageWalk#check}). */
  private Page<AccessTokenInfo> checked(Page<AccessTokenInfo> page, ListAccessTokensParams params) {
    PageWalk.checkSize(page.items().size(), pageSize(params), "the page", executor.redactor());
    return page;
  }

  private static int pageSize(ListAccessTokensParams params) {
    return params.limit().orElse((int) AccessTokensApi.LIST_ACCESS_TOKENS_LIMIT_MAXIMUM);
  }

  private static long bodyLimit(ListAccessTokensParams params) {
    return BoundedBodies.page(pageSize(params), TOKEN_INFO_MAX_BYTES);
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
    return fetchAsync(params, options).thenApply(page -> checked(page, params));
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
      return new PageWalk<>(this, params.startAfter(), pageSize, paging.maxItems(), paging.prefetch(),
          executor.redactor());
    }

    @Override
    public Page<AccessTokenInfo> fetch(String startAfter, @Nullable Integer limit) {
      return AccessTokens.this.fetch(page(startAfter, limit), paging.requestOptions());
    }

    @Override
    public CompletableFuture<Page<AccessTokenInfo>> fetchAsync(String startAfter, @Nullable Integer limit) {
      return AccessTokens.this.fetchAsync(page(startAfter, limit), paging.requestOptions());
    }

    @Override
    public String cursorOf(AccessTokenInfo item) {
      return item.id();
    }

    @Override
    public int defaultPageSize() {
      return (int) AccessTokensApi.LIST_ACCESS_TOKENS_LIMIT_MAXIMUM; // the spec's default limit is its maximum
    }

    private ListAccessTokensParams page(String startAfter, @Nullable Integer limit) {
      ListAccessTokensParams.Builder b = params.toBuilder().startAfter(startAfter);
      return (limit == null ? b : b.limit(limit)).build();
    }
  }
}
