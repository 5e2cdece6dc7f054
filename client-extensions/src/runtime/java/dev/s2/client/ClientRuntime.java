package dev.s2.client;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Retrofit;

/**
 * Everything a generated facade calls: the Retrofit services of the account and basin endpoints, one
 * {@link CallExecutor} (retries, timeouts, error mapping), the {@link SpecialCases}, idempotency tokens and the
 * paging engine. One per client; thread-safe.
 *
 * <p>A call's result mapping and its special-case recovery are written once here and shared by the blocking and
 * asynchronous forms, so the two can never disagree.
 */
final class ClientRuntime {
  private final CallExecutor executor;
  private final Retrofit account;
  private final Retrofit basin;
  private final Clock clock;
  private final Supplier<String> tokens;
  private final Streaming streaming;
  private final ConcurrentHashMap<Class<?>, Object> services = new ConcurrentHashMap<>();

  /**
   * What long-lived exchanges (read sessions, producers) need beyond single calls: the client's HTTP client
   * (interceptors for auth, user agent and basin routing included), its retry policy, sleeper, jitter and error
   * mapping, the basin endpoint's base URL, and the S2S settings (transport, compression, append retry policy,
   * the timer of acknowledgements) with the client's knowledge of which basin endpoints speak HTTP/2.
   */
  static final class Streaming {
    final okhttp3.OkHttpClient http;
    /** {@link #http} with HTTP logging at most at {@code HEADERS} (a logged body would be read to its end). */
    final okhttp3.OkHttpClient sessionHttp;
    final okhttp3.HttpUrl basinBase;
    final RetryPolicy retryPolicy;
    final java.time.Duration requestTimeout;
    final Sleeper sleeper;
    final java.util.function.DoubleSupplier jitter;
    final ErrorMapper errors;
    final Redactor redactor;
    final SessionTransport transport;
    final Compression compression;
    final AppendRetryPolicy appendRetryPolicy;
    /** Times each append input's acknowledgement ({@link #requestTimeout}); tests drive it by hand. */
    final Sleeper ackTimer;
    final TransportSelector selector;

    Streaming(okhttp3.OkHttpClient http, okhttp3.OkHttpClient sessionHttp, okhttp3.HttpUrl basinBase, RetryPolicy retryPolicy,
        java.time.Duration requestTimeout, Sleeper sleeper, java.util.function.DoubleSupplier jitter,
        ErrorMapper errors, Redactor redactor, SessionTransport transport, Compression compression,
        AppendRetryPolicy appendRetryPolicy, Sleeper ackTimer) {
      this.redactor = redactor;
      this.http = http;
      this.sessionHttp = sessionHttp;
      this.basinBase = basinBase;
      this.retryPolicy = retryPolicy;
      this.requestTimeout = requestTimeout;
      this.sleeper = sleeper;
      this.jitter = jitter;
      this.errors = errors;
      this.transport = transport;
      this.compression = compression;
      this.appendRetryPolicy = appendRetryPolicy;
      this.ackTimer = ackTimer;
      this.selector = new TransportSelector(this);
    }

    /**
     * An HTTP client for S2S sessions: HTTP/2 with prior knowledge on {@code http://} (h2c), HTTP/2 or HTTP/1.1 by
     * ALPN on {@code https://}; no call timeout (a session lasts as long as it is used), the given read timeout.
     */
    okhttp3.OkHttpClient http2(java.time.Duration readTimeout) {
      java.util.List<okhttp3.Protocol> protocols = basinBase.isHttps()
          ? java.util.List.of(okhttp3.Protocol.HTTP_2, okhttp3.Protocol.HTTP_1_1)
          : java.util.List.of(okhttp3.Protocol.H2_PRIOR_KNOWLEDGE);
      return sessionHttp.newBuilder()
          .protocols(protocols)
          .callTimeout(java.time.Duration.ZERO)
          .readTimeout(readTimeout)
          .writeTimeout(java.time.Duration.ZERO)
          .build();
    }
  }

  ClientRuntime(CallExecutor executor, Retrofit account, Retrofit basin, Clock clock, Supplier<String> tokens,
      Streaming streaming) {
    this.executor = executor;
    this.account = account;
    this.basin = basin;
    this.clock = clock;
    this.tokens = tokens;
    this.streaming = streaming;
  }

  /** The client's settings for long-lived exchanges. */
  Streaming streaming() {
    return streaming;
  }

  /** A fresh idempotency token (a random UUID, 36 characters), unless the caller chose one. */
  static Supplier<String> randomTokens() {
    return () -> UUID.randomUUID().toString();
  }

  /** The Retrofit service of an account-endpoint tag; created once. */
  <A> A accountApi(Class<A> type) {
    return type.cast(services.computeIfAbsent(type, account::create));
  }

  /** The Retrofit service of a basin-endpoint tag; created once (the basin travels with each call). */
  <A> A basinApi(Class<A> type) {
    return type.cast(services.computeIfAbsent(type, basin::create));
  }

  Clock clock() {
    return clock;
  }

  CallExecutor executor() {
    return executor;
  }

  /** The token of one logical call: the caller's, or a new one; every retry of the call repeats it. */
  String idempotencyToken(@Nullable String given) {
    return given != null ? given : tokens.get();
  }

  /** Runs one operation, blocking. */
  <R, T> T call(OperationSpec<R, T> op, @Nullable Object params, RequestOptions options, Supplier<Call<R>> calls) {
    return call(op, params, options, null, calls);
  }

  /**
   * Runs one operation, blocking; {@code pageSize} is the page size a paged list asks for (null: the spec's
   * default), which bounds its body and its number of items.
   */
  @SuppressWarnings("unchecked")
  <R, T> T call(OperationSpec<R, T> op, @Nullable Object params, RequestOptions options, @Nullable Integer pageSize,
      Supplier<Call<R>> calls) {
    SpecialCases.Case special = SpecialCases.of(op.id);
    special.check(params, clock);
    try {
      return result(op, executor.exchange(calls, safety(op), op.maxBodyBytes(pageSize), op.hasBody, options),
          pageSize);
    } catch (S2Exception e) {
      return special.recover(e, params);
    }
  }

  /** Runs one operation without blocking; cancelling the returned future cancels the call. */
  <R, T> CompletableFuture<T> callAsync(OperationSpec<R, T> op, @Nullable Object params, RequestOptions options,
      Supplier<Call<R>> calls) {
    return callAsync(op, params, options, null, calls);
  }

  /** The asynchronous form of {@link #call(OperationSpec, Object, RequestOptions, Integer, Supplier)}. */
  @SuppressWarnings("unchecked")
  <R, T> CompletableFuture<T> callAsync(OperationSpec<R, T> op, @Nullable Object params, RequestOptions options,
      @Nullable Integer pageSize, Supplier<Call<R>> calls) {
    SpecialCases.Case special = SpecialCases.of(op.id);
    special.check(params, clock);
    CompletableFuture<CallExecutor.Exchange<R>> sent =
        executor.exchangeAsync(calls, safety(op), op.maxBodyBytes(pageSize), op.hasBody, options);
    CompletableFuture<T> result = sent.handle((exchange, error) -> {
      if (error == null) {
        return result(op, exchange, pageSize);
      }
      RuntimeException e = Futures.unwrap(error);
      if (!(e instanceof S2Exception)) {
        throw e instanceof CompletionException ? e : new CompletionException(e);
      }
      try {
        return special.<T>recover((S2Exception) e, params);
      } catch (RuntimeException again) {
        throw new CompletionException(again);
      }
    });
    result.whenComplete((v, e) -> {
      if (result.isCancelled()) {
        sent.cancel(true);
      }
    });
    return result;
  }

  /** The walks of a paged list operation: each {@code get()} starts a new one from the params' cursor. */
  @SuppressWarnings("unchecked")
  <P, I> Supplier<PageWalk<I>> pageWalks(OperationSpec<?, Page<I>> op, PageFetcher<P, I> fetcher,
      PagingOptions paging) {
    OperationSpec.Paging<I> facts = (OperationSpec.Paging<I>) op.paging;
    PageSource<I> source = new PageSource<>() {
      @Override
      public Page<I> fetch(String startAfter, @Nullable Integer limit) {
        return fetcher.fetch(startAfter, limit);
      }

      @Override
      public CompletableFuture<Page<I>> fetchAsync(String startAfter, @Nullable Integer limit) {
        return fetcher.fetchAsync(startAfter, limit);
      }

      @Override
      public String cursorOf(I item) {
        return facts.cursor.apply(item);
      }

      @Override
      public int defaultPageSize() {
        return facts.defaultPageSize;
      }
    };
    return () -> new PageWalk<>(source, fetcher.startAfter, fetcher.limit, paging.maxItems(), paging.prefetch(),
        executor.redactor());
  }

  /**
   * What the facade returns for a decoded body: its secrets remembered by the masking first; a page checked to
   * hold no more items than it asked for (a walk checks more: see {@link PageWalk}).
   */
  private <R, T> T result(OperationSpec<R, T> op, CallExecutor.Exchange<R> exchange, @Nullable Integer pageSize) {
    if (exchange.body != null) {
      for (String secret : op.secrets(exchange.body)) {
        executor.redactor().remember(secret);
      }
    }
    T result = op.result(exchange);
    if (op.paging != null) {
      int limit = pageSize == null ? op.paging.defaultPageSize : pageSize;
      PageWalk.checkSize(((Page<?>) result).items().size(), limit, "the page", executor.redactor());
    }
    return result;
  }

  private static CallExecutor.Safety safety(OperationSpec<?, ?> op) {
    return op.idempotent ? CallExecutor.Safety.IDEMPOTENT : CallExecutor.Safety.NOT_IDEMPOTENT;
  }
}
