package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.squareup.moshi.JsonDataException;
import dev.s2.model.AccessTokenInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;
import okio.Buffer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One or more regression tests per defect of issue 9 ("Hardening: bounded memory, bounded time, real
 * cancellation, no secret in any message"), named {@code defectNN_...} after the issue's numbering. Each failed
 * on the code before the fix. No test sleeps: they wait on latches, futures and joins with generous timeouts,
 * and the few that need time to pass use short real timeouts, as {@link TimeoutTest} does.
 */
class HardeningRegressionTest {
  private static final String TOKEN = TestServer.TOKEN;
  private static final String JSON_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
      + "Transfer-Encoding: chunked\r\n\r\n";
  private static final long CAP = 48L * 1024 * 1024;
  /** A request timeout far beyond the waits of the tests of cancellation: only a cancellation can end them. */
  private static final Duration LONG = Duration.ofSeconds(60);

  private final TestServer server = new TestServer();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private S2Client client = track(server.clientBuilder().retryPolicy(RetryPolicy.none()).build());

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    server.close();
  }

  private <C extends AutoCloseable> C track(C closeable) {
    closing.add(closeable);
    return closeable;
  }

  private S2Client clientOf(RawServer raw) {
    return track(S2Client.builder().accessToken(TOKEN).baseUrl(raw.baseUrl()).sleeper(server.sleeper)
        .retryPolicy(RetryPolicy.none()).build());
  }

  // ------------------------------------------------------------------------- 1. unbounded error bodies

  @Test
  void defect01_anEndlessErrorBodyIsReadOnlyToItsExcerpt() {
    RawServer raw = track(new RawServer(RawServer.endless(
        "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n",
        "", "<html><body>" + "oops ".repeat(2000) + "</body></html>", true, CAP)));

    ServerErrorException e = catchThrowableOfType(ServerErrorException.class,
        () -> clientOf(raw).accessTokens().list());

    assertThat(e.status()).isEqualTo(500);
    assertThat(e.bodyExcerpt()).hasValueSatisfying(x -> assertThat(x).startsWith("<html><body>oops oops"));
    // Only the excerpt was read: the rest stayed in socket buffers when the client hung up.
    assertThat(raw.bytesWritten()).isLessThan(CAP / 2);
  }

  @Test
  void defect01_bodyLoggingOfAHugeErrorBodyLogsOnlyTheExcerpt() {
    List<String> lines = new CopyOnWriteArrayList<>();
    S2Client logging = track(server.clientBuilder().retryPolicy(RetryPolicy.none())
        .httpLogging(HttpLoggingInterceptor.Level.BODY, lines::add).build());
    server.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "text/plain")
        .body(new Buffer().writeUtf8("e".repeat(5_000_000))).build());

    catchThrowableOfType(ServerErrorException.class, () -> logging.accessTokens().list());

    assertThat(lines).isNotEmpty();
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo((int) ErrorMapper.MAX_BODY_BYTES));
  }

  // ----------------------------------------------------------------------- 2. unbounded success bodies

  @Test
  void defect02_aPageWhoseItemsNeverEndFailsAtTheLimitWithoutReadingOn() {
    // items of 5 KB each (a long prefix in their scope): the byte limit comes before the spec's 1000 items
    RawServer raw = track(new RawServer(RawServer.endless(JSON_HEAD, "{\"access_tokens\":[",
        "{\"id\":\"a\",\"scope\":{\"basins\":{\"prefix\":\"" + "p".repeat(5000) + "\"}}},", true, CAP)));

    S2DecodingException e = catchThrowableOfType(S2DecodingException.class,
        () -> clientOf(raw).accessTokens().list());

    long limit = BoundedBodies.page(1000, OperationSpec.DEFAULT_ITEM_BYTES);
    assertThat(limit).isEqualTo(4_097_024);
    assertThat(e).hasMessage("GET /v1/access-tokens: the 200 response body is larger than the limit of 4097024 "
        + "bytes; the client stopped reading it (maxResponseBytes: raise it on the client or the call if such "
        + "bodies are expected)");
    assertThat(raw.bytesWritten()).isLessThan(CAP / 2);
  }

  @Test
  void defect02_oneHugeIdFailsAtTheLimit() {
    RawServer raw = track(new RawServer(RawServer.endless(JSON_HEAD, "{\"access_tokens\":[{\"id\":\"",
        "x".repeat(8192), true, CAP)));

    assertThatThrownBy(() -> clientOf(raw).accessTokens().list())
        .isInstanceOf(S2DecodingException.class)
        .hasMessageContaining("larger than the limit of 4097024 bytes");
    assertThat(raw.bytesWritten()).isLessThan(CAP / 2);
  }

  @Test
  void defect02_aDeclaredLengthAboveTheLimitFailsBeforeAnythingIsRead() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(new Buffer().writeUtf8(" ".repeat(5_000_000))).build());

    assertThatThrownBy(() -> client.accessTokens().list())
        .isInstanceOf(S2DecodingException.class)
        .hasMessageContaining("larger than the limit of 4097024 bytes (Content-Length 5000000)");
  }

  @Test
  void defect02_theLimitFollowsThePageSizeAskedFor() {
    String padded = "{\"access_tokens\":[{\"id\":\"a\",\"scope\":{},\"padding\":\"" + "p".repeat(6000)
        + "\"}],\"has_more\":false}";
    server.enqueue(200, padded);
    server.enqueue(200, padded);

    assertThat(client.accessTokens().list().items()).hasSize(1); // 1000 asked for: 4 MiB allowed
    assertThatThrownBy(() -> client.accessTokens().list(ListAccessTokensParams.builder().limit(1).build()))
        .isInstanceOf(S2DecodingException.class)
        .hasMessageContaining("larger than the limit of 5120 bytes"); // 1 KiB + 4 KiB for one token
  }

  @Test
  void defect02_maxResponseBytesOverridesTheLimitOnTheClientAndPerCall() {
    S2Client strict = track(server.clientBuilder().retryPolicy(RetryPolicy.none()).maxResponseBytes(64).build());
    server.enqueue(200, Json.page(false, "a", "b"));
    server.enqueue(200, Json.page(false, "a", "b"));

    assertThatThrownBy(() -> strict.accessTokens().list())
        .isInstanceOf(S2DecodingException.class)
        .hasMessageContaining("larger than the limit of 64 bytes");
    Page<AccessTokenInfo> page = strict.accessTokens().list(ListAccessTokensParams.all(),
        RequestOptions.builder().maxResponseBytes(10_000).build());
    assertThat(page.items()).extracting(AccessTokenInfo::id).containsExactly("a", "b");
  }

  @Test
  void defect02_aPageOfMoreItemsThanTheSpecAllowsIsRefused() {
    String[] ids = new String[5000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = String.format("t%04d", i);
    }
    server.enqueue(200, Json.page(false, ids));

    // the spec's maxItems (1000) is enforced while the body streams in: item 1001 is never decoded
    assertThatThrownBy(() -> client.accessTokens().list())
        .isInstanceOf(S2DecodingException.class)
        .hasMessage("GET /v1/access-tokens: the response body does not match the spec: "
            + "ListAccessTokensResponse.access_tokens must hold at most 1000 items, held more at path "
            + "$.access_tokens[1000]");
    // a page within the spec's bound but beyond the limit asked for is refused by the page check
    server.enqueue(200, Json.page(false, java.util.Arrays.copyOf(ids, 11)));
    assertThatThrownBy(() -> client.accessTokens().list(ListAccessTokensParams.builder().limit(10).build()))
        .isInstanceOf(S2PaginationException.class)
        .hasMessage("the page has 11 items, more than the limit of 10 it was asked for");
  }

  // ---------------------------------------------------------- 3. async walk with prefetch recursed per page

  @Test
  void defect03_anAsyncWalkOverPagesAlreadyThereKeepsAFlatStack() throws Exception {
    int pages = 300_000;
    PageSource<String> ready = new ReadySource(pages);
    AsyncAutoPager<String> pager = new AsyncAutoPager<>(() -> walk(ready, true));
    AtomicInteger seen = new AtomicInteger();
    AtomicInteger deepest = new AtomicInteger();

    pager.forEach(id -> {
      if (seen.incrementAndGet() % 50_000 == 0) {
        deepest.accumulateAndGet(new Throwable().getStackTrace().length, Math::max);
      }
    }).get(60, TimeUnit.SECONDS);

    assertThat(seen).hasValue(pages);
    assertThat(deepest.get()).isLessThan(200);
  }

  // ------------------------------------------------------------------------------ 4. secrets in messages

  @Test
  void defect04_aTokenEchoedAsAnExpiryIsMaskedInTheDecodingErrorAndItsCause() {
    server.enqueue(200, "{\"access_tokens\":[{\"id\":\"a\",\"scope\":{},\"expires_at\":\"" + TOKEN
        + "\"}],\"has_more\":false}");

    S2DecodingException e = catchThrowableOfType(S2DecodingException.class, () -> client.accessTokens().list());

    assertThat(e).hasMessage("GET /v1/access-tokens: the response body does not match the spec: Expected an RFC "
        + "3339 date-time but was '****' at path $.access_tokens[0].expires_at");
    assertNoSecret(e);
  }

  @Test
  void defect04_aTokenInABadStatusLineIsMaskedInTheMessageAndTheCause() {
    RawServer raw = track(new RawServer(RawServer.text("HTTP/1.1 2x0 " + TOKEN + "\r\n\r\n")));

    S2ConnectionException e = catchThrowableOfType(S2ConnectionException.class,
        () -> clientOf(raw).accessTokens().list());

    assertThat(e).hasMessage("GET /v1/access-tokens failed: ProtocolException: Unexpected status line: "
        + "HTTP/1.1 2x0 ****");
    assertNoSecret(e);
  }

  @Test
  void defect04_aTokenInABadChunkSizeLineIsMasked() {
    RawServer raw = track(new RawServer(RawServer.text(JSON_HEAD + "10 " + TOKEN + "\r\n{}")));

    S2ConnectionException e = catchThrowableOfType(S2ConnectionException.class,
        () -> clientOf(raw).accessTokens().list());

    assertThat(e.getMessage()).startsWith("GET /v1/access-tokens failed: ProtocolException: expected chunk size "
        + "and optional extensions but was \"16****\"");
    assertNoSecret(e);
  }

  @Test
  void defect04_aTokenStraddlingTheExcerptsCutIsMaskedWhole() {
    for (int i = 172; i <= 196; i += 4) {
      int at = i;
      server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "text/plain")
          .body("x".repeat(at) + TOKEN + " and more text after it").build());

      BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> client.accessTokens().list());

      assertThat(e.bodyExcerpt()).hasValueSatisfying(x -> assertThat(x).startsWith("x".repeat(at) + "**"));
      assertNoSecret(e);
      assertNoSecret(e.bodyExcerpt().orElseThrow());
    }
  }

  @Test
  void defect04_anEscapedOrSplitTokenIsMaskedInExcerptsAndBodyLogs() {
    List<String> lines = new CopyOnWriteArrayList<>();
    S2Client logging = track(server.clientBuilder().retryPolicy(RetryPolicy.none())
        .httpLogging(HttpLoggingInterceptor.Level.BODY, lines::add).build());
    String escaped = TOKEN.replace("-", "\\u002d");
    String split = TOKEN.substring(0, 10) + "\n    " + TOKEN.substring(10);
    server.enqueue(new MockResponse.Builder().code(403).addHeader("Content-Type", "application/json")
        .body("{\"error\":\"token " + escaped + " is not allowed\"}").build());
    server.enqueue(new MockResponse.Builder().code(403).addHeader("Content-Type", "text/plain")
        .body("token " + split + " is not allowed").build());

    PermissionDeniedException first = catchThrowableOfType(PermissionDeniedException.class,
        () -> logging.accessTokens().list());
    PermissionDeniedException second = catchThrowableOfType(PermissionDeniedException.class,
        () -> logging.accessTokens().list());

    assertThat(first.bodyExcerpt()).hasValue("{\"error\":\"token **** is not allowed\"}");
    assertThat(second.bodyExcerpt()).hasValue("token **** is not allowed");
    String log = String.join("\n", lines);
    assertThat(log).contains("{\"error\":\"token **** is not allowed\"}", "token **** is not allowed")
        .doesNotContain(escaped).doesNotContain(TOKEN.substring(10));
    assertNoSecret(log);
  }

  @Test
  void defect04_aTokenThisClientIssuedIsMaskedWhenAServerEchoesItLater() {
    String issued = "aW0tYS1uZXctc2VjcmV0LXRva2Vu";
    server.enqueue(201, "{\"access_token\":\"" + issued + "\"}");
    server.enqueue(400, Json.error("bad_header", "token " + issued + " is malformed"));
    client.accessTokens().issue(readOnlyToken("ci"));

    BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> client.accessTokens().list());

    assertThat(e.errorMessage()).isEqualTo("token **** is malformed");
    assertThat(e).hasMessageNotContaining(issued);
  }

  // ------------------------------------------------------------------ 5. async calls outside their budget

  @Test
  void defect05_asyncCallsEndWithinTheirBudgetQueueingIncludedAndSayWhenTheyNeverStarted() throws Exception {
    OkHttpClient shared = new OkHttpClient(); // OkHttp's dispatcher: 5 calls per host at once
    // Five calls of another client on the same OkHttpClient hold all five slots for longer than the budget of the
    // calls under test, so those wait in the dispatcher's queue for their whole budget (deterministically: no
    // slot frees up before their deadline).
    S2Client holder = track(server.clientBuilder().okHttpClient(shared).retryPolicy(RetryPolicy.none())
        .requestTimeout(LONG).build());
    int held = shared.dispatcher().getMaxRequestsPerHost();
    for (int i = 0; i < held; i++) {
      server.enqueue(new MockResponse.Builder().code(200).body(Json.page(false, "held"))
          .headersDelay(4, TimeUnit.SECONDS).build());
    }
    List<CompletableFuture<Page<AccessTokenInfo>>> holding = new ArrayList<>();
    for (int i = 0; i < held; i++) {
      holding.add(holder.accessTokens().listAsync(ListAccessTokensParams.all()));
    }
    for (int i = 0; i < held; i++) {
      server.take(); // every slot is taken
    }

    S2Client async = track(server.clientBuilder().okHttpClient(shared).retryPolicy(RetryPolicy.none())
        .requestTimeout(Duration.ofSeconds(1)).build());
    int calls = 25;
    List<CompletableFuture<Long>> elapsed = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      elapsed.add(async.accessTokens().listAsync(ListAccessTokensParams.all()).handle((page, error) -> {
        if (error != null) {
          failures.add(Futures.unwrap(error));
        }
        return (System.nanoTime() - start) / 1_000_000;
      }));
    }

    long slowest = 0;
    for (CompletableFuture<Long> f : elapsed) {
      slowest = Math.max(slowest, f.get(20, TimeUnit.SECONDS));
    }

    assertThat(slowest).as("slowest call, ms").isLessThan(1_800);
    assertThat(failures).hasSize(calls).allSatisfy(f -> assertThat(f).isInstanceOf(S2TimeoutException.class)
        .hasMessage("GET /v1/access-tokens never started: it waited its whole request timeout (1000 ms) in the "
            + "HTTP client's queue, which runs at most 5 calls per host at once"));
    assertThat(server.requestCount()).as("no queued call reached the server").isEqualTo(held);
    for (CompletableFuture<Page<AccessTokenInfo>> h : holding) {
      assertThat(h.get(20, TimeUnit.SECONDS).items()).extracting(AccessTokenInfo::id).containsExactly("held");
    }
    shared.dispatcher().executorService().shutdown();
  }

  // -------------------------------------------------------------------------- 6. cancelling did not cancel

  @Test
  void defect06_closingAPrefetchingStreamCancelsThePrefetchedRequest() throws Exception {
    RecordingEvents events = new RecordingEvents();
    S2Client prefetching = track(server.clientBuilder().requestTimeout(LONG)
        .okHttpClient(new OkHttpClient.Builder().eventListener(events).build()).build());
    server.enqueue(200, Json.page(true, "a"));
    server.enqueue(new MockResponse.Builder().code(503).body(Json.error("unavailable", "busy"))
        .headersDelay(30, TimeUnit.SECONDS).build());

    try (Stream<AccessTokenInfo> stream = prefetching.accessTokens()
        .listAll(ListAccessTokensParams.all(), PagingOptions.builder().prefetch(true).build()).stream()) {
      assertThat(stream.iterator().next().id()).isEqualTo("a");
      server.take();
      server.take(); // the prefetch reached the server
    }

    assertThat(events.canceled.await(3, TimeUnit.SECONDS)).as("the prefetched call was cancelled").isTrue();
    assertThat(events.failed.await(3, TimeUnit.SECONDS)).isTrue();
    prefetching.close();
    assertThat(server.requestCount()).as("no retry after the close").isEqualTo(2);
  }

  @Test
  void defect06_cancellingAForEachWhileAPageLoadsRunsNoActionAndFetchesNothingMore() {
    ManualSource source = new ManualSource();
    List<String> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new AsyncAutoPager<>(() -> walk(source, true)).forEach(seen::add);
    source.requested.get(0).complete(new Page<>(List.of("a"), true, null));
    assertThat(seen).containsExactly("a");
    assertThat(source.requested).hasSize(2); // page 2, prefetched, is loading

    assertThat(done.cancel(true)).isTrue();
    source.requested.get(1).complete(new Page<>(List.of("b"), true, null));

    assertThat(seen).containsExactly("a");
    assertThat(source.requested).as("no page after the cancel").hasSize(2);
  }

  @Test
  void defect06_cancellingTheFutureOfAMappedCallCancelsItsHttpRequest() throws Exception {
    RecordingEvents events = new RecordingEvents();
    S2Client async = track(server.clientBuilder().requestTimeout(LONG)
        .okHttpClient(new OkHttpClient.Builder().eventListener(events).build()).build());
    server.enqueue(new MockResponse.Builder().code(200).body(Json.page(false))
        .headersDelay(30, TimeUnit.SECONDS).build());

    CompletableFuture<Page<AccessTokenInfo>> page = async.accessTokens().listAsync(ListAccessTokensParams.all());
    server.take();
    assertThat(page.cancel(true)).isTrue();

    assertThat(events.canceled.await(3, TimeUnit.SECONDS)).as("the HTTP call was cancelled").isTrue();
  }

  // ------------------------------------------------------------------- 7. retries and types wrong in corners

  @Test
  void defect07_aRetryAfterOfZeroIsNotRepeatedByOkHttp() {
    S2Client retrying = track(server.clientBuilder().build());
    for (int i = 0; i < 6; i++) {
      server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0")
          .body(Json.error("unavailable", "busy")).build());
    }

    ServerErrorException e = catchThrowableOfType(ServerErrorException.class, () -> retrying.accessTokens().list());

    assertThat(e.attempts()).isEqualTo(3);
    assertThat(server.requestCount()).isEqualTo(3);
    assertThat(server.sleeps).containsExactly(Duration.ZERO, Duration.ZERO);
    assertThat(e.retryAfter()).contains(Duration.ZERO);
  }

  @Test
  void defect07_anIssueUnderRetryPolicyNoneIsPostedOnce() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0")
        .body(Json.error("unavailable", "busy")).build());
    server.enqueue(201, "{\"access_token\":\"secret-of-the-second-post\"}");

    assertThatThrownBy(() -> client.accessTokens().issue(
        readOnlyToken("ci")))
        .isInstanceOf(ServerErrorException.class);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void defect07_aRetryAfterAbove2147483647IsCappedAndRetried() {
    S2Client retrying = track(server.clientBuilder().build());
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "2147483648")
        .body(Json.error("unavailable", "busy")).build());
    server.enqueue(200, Json.page(false, "a"));

    assertThat(retrying.accessTokens().list().items()).hasSize(1);
    assertThat(server.sleeps).containsExactly(Duration.ofSeconds(10)); // RetryPolicy.maxRetryAfter
  }

  @Test
  void defect07_aRetryAfterAbove2147483647LeavesNoUncaughtExceptionOnDispatcherThreads() throws Exception {
    List<Throwable> thrown = new CopyOnWriteArrayList<>();
    ThreadPoolExecutor threads = new ThreadPoolExecutor(0, 8, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
      @Override
      protected void afterExecute(Runnable r, @Nullable Throwable t) {
        if (t != null) {
          thrown.add(t);
        }
      }
    };
    OkHttpClient shared = new OkHttpClient.Builder().dispatcher(new okhttp3.Dispatcher(threads)).build();
    S2Client async = track(server.clientBuilder().okHttpClient(shared).build());
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "2147483648")
        .body(Json.error("unavailable", "busy")).build());
    server.enqueue(200, Json.page(false, "a"));

    Page<AccessTokenInfo> page = async.accessTokens().listAsync(ListAccessTokensParams.all()).get(5, TimeUnit.SECONDS);
    threads.shutdown();
    assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

    assertThat(page.items()).hasSize(1);
    assertThat(thrown).isEmpty();
  }

  @Test
  void defect07_a407IsAnUnexpectedStatusAndIsNotRetried() {
    S2Client retrying = track(server.clientBuilder().build());
    server.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"proxy\"")
        .body(Json.error("proxy", "authenticate")).build());

    UnexpectedStatusException e = catchThrowableOfType(UnexpectedStatusException.class,
        () -> retrying.accessTokens().list());

    assertThat(e.status()).isEqualTo(407);
    assertThat(e.code()).contains("proxy");
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void defect07_aChunkedBodyCutByTheServerIsARetryableConnectionFailure() {
    RawServer raw = track(new RawServer(
        RawServer.text(JSON_HEAD + "10\r\n{\"access_tokens\"\r\n"),
        RawServer.text("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + Json.page(false, "a").length() + "\r\n\r\n" + Json.page(false, "a"))));
    S2Client retrying = track(S2Client.builder().accessToken(TOKEN).baseUrl(raw.baseUrl())
        .sleeper(server.sleeper).build());

    Page<AccessTokenInfo> page = retrying.accessTokens().list();

    assertThat(page.items()).extracting(AccessTokenInfo::id).containsExactly("a");
    assertThat(raw.requests()).hasSize(2);
    RawServer cutOnly = track(new RawServer(RawServer.text(JSON_HEAD + "10\r\n{\"access_tokens\"\r\n")));
    S2ConnectionException cut = catchThrowableOfType(S2ConnectionException.class,
        () -> clientOf(cutOnly).accessTokens().list());
    assertThat(cut.isRetryable()).isTrue();
    assertThat(cut).hasMessageStartingWith("GET /v1/access-tokens failed: EOFException")
        .hasMessageEndingWith("(while reading the response body)");
  }

  @Test
  void defect07_aRedirectLoopEndsAtOnceWithATypedError() {
    S2Client retrying = track(server.clientBuilder().build());
    server.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(302).addHeader("Location", "/v1/access-tokens").build();
      }
    });

    UnexpectedStatusException e = catchThrowableOfType(UnexpectedStatusException.class,
        () -> retrying.accessTokens().list());

    assertThat(e.status()).isEqualTo(302);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e).hasMessage("GET /v1/access-tokens failed: 302: redirect to '/v1/access-tokens' not followed "
        + "(the client sends requests only to its base URL); empty body");
    assertThat(server.requestCount()).isEqualTo(1);
  }

  // ------------------------------------------------------------------- 8. http redirected to https in clear

  @Test
  void defect08_aRedirectFromHttpToHttpsIsNotFollowed() {
    String https = "https://127.0.0.1:" + server.server.getPort() + "/v1/access-tokens";
    server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", https).build());
    server.enqueue(200, Json.page(false, "sent-in-clear"));

    UnexpectedStatusException e = catchThrowableOfType(UnexpectedStatusException.class,
        () -> client.accessTokens().list());

    assertThat(e.status()).isEqualTo(301);
    assertThat(e.errorMessage()).startsWith("redirect to '" + https + "' not followed");
    assertThat(server.requestCount()).isEqualTo(1);
  }

  // ----------------------------------------------------------- 9. tokens and user agents that cannot be sent

  @Test
  void defect09_tokensAndUserAgentsThatCannotBeSentAreRefusedWithoutShowingThem() {
    Map<String, String> bad = Map.of(
        "\r", "a line break (CR or LF)", "\n", "a line break (CR or LF)", "\0", "a control character (U+0000)",
        "\u007f", "a control character (U+007F)", "é", "not ASCII", "\u2028", "not ASCII");
    bad.forEach((c, what) -> {
      String token = "s2tok" + c + "secret";
      assertThatThrownBy(() -> S2Client.builder().accessToken(token))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("accessToken cannot be sent in an HTTP header: character 6 of 12 is " + what
              + "; only printable ASCII without spaces is allowed (the value is not shown)");
      assertThatThrownBy(() -> S2Client.builder().userAgent("my app" + c + "/1"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("userAgent cannot be sent in an HTTP header: character 7 of 9 is " + what)
          .hasMessageNotContaining("my app");
    });
    assertThatThrownBy(() -> S2Client.builder().accessToken("two words"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a space or tab");
    assertThat(S2Client.builder().userAgent("my app/1.0 (linux)")).isNotNull();
  }

  // --------------------------------------------------------------------------- 10. ids "." and ".."

  @Test
  void defect10_dotAndDotDotIdsAreRefusedBeforeAnyRequestWithTheSdksMessage() {
    for (String id : new String[] {".", ".."}) {
      String message = "id '" + id + "' cannot be sent: a URL path segment of '.' or '..' is removed by URL "
          + "normalization (RFC 3986, section 5.2.4), so the request would reach another resource; such a name "
          + "can be listed, but not addressed over HTTP";
      assertThatThrownBy(() -> client.accessTokens().revoke(id))
          .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
      assertThatThrownBy(() -> client.accessTokens().revokeAsync(id))
          .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
    assertThat(server.requestCount()).isZero();
  }

  // ------------------------------------------------------------------------------- 11. paging trusted

  @Test
  void defect11_pagesThatOverlapThePreviousOneEndTheWalkBeforeAnyDuplicate() {
    PageWalkTest.ScriptedSource source = new PageWalkTest.ScriptedSource()
        .page(true, "a", "b", "c").page(true, "b", "c", "d");
    List<String> seen = new ArrayList<>();

    assertThatThrownBy(() -> new AutoPager<>(() -> walk(source, false)).forEach(seen::add))
        .isInstanceOf(S2PaginationException.class)
        .hasMessageStartingWith("page 2 of this walk: item 1 ('b') does not sort after the cursor it was asked "
            + "to start after, 'c'");
    assertThat(seen).containsExactly("a", "b", "c");
  }

  @Test
  void defect11_aRepeatedItemInsideAPageEndsTheWalk() {
    PageWalkTest.ScriptedSource source = new PageWalkTest.ScriptedSource().page(false, "a", "b", "b", "c");

    assertThatThrownBy(() -> new AutoPager<>(() -> walk(source, false)).iterator().next())
        .isInstanceOf(S2PaginationException.class)
        .hasMessageStartingWith("page 1 of this walk: item 3 ('b') repeats the item before it, 'b'");
  }

  @Test
  void defect11_cursorsGoingBackwardsEndTheWalk() {
    PageWalkTest.ScriptedSource source = new PageWalkTest.ScriptedSource().page(true, "m", "n").page(true, "b");
    Iterator<String> it = new AutoPager<>(() -> walk(source, false)).iterator();

    assertThat(it.next()).isEqualTo("m");
    assertThat(it.next()).isEqualTo("n");
    assertThatThrownBy(it::hasNext).isInstanceOf(S2PaginationException.class)
        .hasMessageStartingWith("page 2 of this walk: item 1 ('b') does not sort after");
  }

  @Test
  void defect11_aPageLongerThanTheLimitAskedForEndsTheWalk() {
    PageWalkTest.ScriptedSource source = new PageWalkTest.ScriptedSource().page(true, "a", "b", "c");

    assertThatThrownBy(() -> source.pager("", 2, OptionalLong.empty(), false).iterator().next())
        .isInstanceOf(S2PaginationException.class)
        .hasMessage("page 1 of this walk has 3 items, more than the limit of 2 it was asked for");
    assertThat(source.requests).containsExactly("/2");
  }

  @Test
  void defect11_namesAreOrderedByTheirUtf8BytesNotByUtf16Units() {
    String bmp = "\uFFFD"; // EF BF BD in UTF-8
    String astral = "\uD83D\uDE00"; // U+1F600: F0 9F 98 80, after it in bytes, before it in UTF-16 units
    assertThat(bmp.compareTo(astral)).isPositive();
    assertThat(PageWalk.compareUtf8(bmp, astral)).isNegative();

    assertThat(new PageWalkTest.ScriptedSource().page(false, bmp, astral).pager().stream().toList())
        .containsExactly(bmp, astral);
    assertThatThrownBy(() -> new PageWalkTest.ScriptedSource().page(false, astral, bmp).pager().stream().toList())
        .isInstanceOf(S2PaginationException.class);
  }

  @Test
  void defect11_aWalkKeepsOnlyItsLastCursorNotASetThatGrows() {
    for (Field field : PageWalk.class.getDeclaredFields()) {
      assertThat(Collection.class.isAssignableFrom(field.getType()) || Map.class.isAssignableFrom(field.getType()))
          .as("field %s of PageWalk", field.getName()).isFalse();
    }
    int pages = 100_000;
    assertThat(new AutoPager<>(() -> walk(new ReadySource(pages), false)).stream().count()).isEqualTo(pages);
  }

  // --------------------------------------------------------------------------------------- 12. smaller

  @Test
  void defect12_anOffsetBeyond18HoursIsATypedErrorWithItsPath() {
    for (String offset : new String[] {"+18:01", "-19:30", "+23:59"}) {
      String json = "{\"id\":\"a\",\"scope\":{},\"expires_at\":\"2027-03-01T12:30:45" + offset + "\"}";
      assertThatThrownBy(() -> S2Json.adapter(AccessTokenInfo.class).fromJson(json))
          .isInstanceOf(JsonDataException.class)
          .hasMessage("Expected an RFC 3339 date-time but was '2027-03-01T12:30:45" + offset + "' at path "
              + "$.expires_at");
    }
    server.enqueue(200, "{\"access_tokens\":[{\"id\":\"a\",\"scope\":{},\"expires_at\":\"2027-03-01T12:30:45+20:00\""
        + "}],\"has_more\":false}");
    assertThatThrownBy(() -> client.accessTokens().list()).isInstanceOf(S2DecodingException.class)
        .hasMessageEndingWith("at path $.access_tokens[0].expires_at");
  }

  @Test
  void defect12_userInfoInTheBaseUrlIsRefusedAndNeverPrinted() {
    assertThatThrownBy(() -> S2Client.builder().baseUrl("https://alice:hunter2@aws.s2.dev/v1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must not contain a user name or password (S2 authenticates with the access token), "
            + "was 'https://****@aws.s2.dev/v1'");
    assertThatThrownBy(() -> S2Client.builder().baseUrl("ht tp://alice:hunter2@aws.s2.dev/v1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> S2Client.builder().fromEnv(Map.of("S2_ACCESS_TOKEN", "t",
        "S2_ACCOUNT_ENDPOINT", "https://alice:hunter2@aws.s2.dev/v1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
  }

  @Test
  void defect12_aBaseUrlWithAQueryOrFragmentIsRefusedByTheSetter() {
    assertThatThrownBy(() -> S2Client.builder().baseUrl("https://aws.s2.dev/v1?token=abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must not have a query ('?'): the client appends each operation's path and query to "
            + "it, was 'https://aws.s2.dev/v1' with it");
    assertThatThrownBy(() -> S2Client.builder().baseUrl("https://aws.s2.dev/v1#top"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("baseUrl must not have a fragment ('#')");
  }

  @Test
  void defect12_interruptingAThreadBlockedInACallStopsTheCall() throws Exception {
    S2Client retrying = track(server.clientBuilder().requestTimeout(LONG).build());
    server.enqueue(new MockResponse.Builder().code(200).body(Json.page(false))
        .headersDelay(30, TimeUnit.SECONDS).build());
    Blocked blocked = new Blocked(() -> retrying.accessTokens().list());

    server.take();
    blocked.thread.interrupt();

    Throwable outcome = blocked.outcome(3);
    assertThat(outcome).isInstanceOf(S2InterruptedException.class)
        .hasMessage("GET /v1/access-tokens was interrupted");
    assertThat(blocked.interruptedAfter).isTrue();
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void defect12_closingTheClientStopsASyncCallInFlight() throws Exception {
    S2Client retrying = server.clientBuilder().requestTimeout(LONG).build();
    server.enqueue(new MockResponse.Builder().code(200).body(Json.page(false))
        .headersDelay(30, TimeUnit.SECONDS).build());
    Blocked blocked = new Blocked(() -> retrying.accessTokens().list());

    server.take();
    retrying.close();

    assertThat(blocked.outcome(3)).isInstanceOf(S2InterruptedException.class)
        .hasMessage("GET /v1/access-tokens was stopped: the S2Client was closed");
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void defect12_closingTheClientEndsTheWaitBeforeARetry() throws Exception {
    S2Client retrying = server.clientBuilder().sleeper(Sleeper.system()).build();
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "10")
        .body(Json.error("unavailable", "busy")).build());
    Blocked blocked = new Blocked(() -> retrying.accessTokens().list());

    server.take();
    retrying.close();

    Throwable outcome = blocked.outcome(3);
    assertThat(outcome).isInstanceOf(S2InterruptedException.class)
        .hasMessage("GET /v1/access-tokens was stopped: the S2Client was closed");
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void defect12_closingTheClientStopsAnAsyncCallInFlight() throws Exception {
    S2Client async = server.clientBuilder().requestTimeout(LONG).build();
    server.enqueue(new MockResponse.Builder().code(200).body(Json.page(false))
        .headersDelay(30, TimeUnit.SECONDS).build());
    CompletableFuture<Page<AccessTokenInfo>> page = async.accessTokens().listAsync(ListAccessTokensParams.all());
    server.take();

    async.close();

    assertThatThrownBy(() -> page.get(3, TimeUnit.SECONDS))
        .isInstanceOf(java.util.concurrent.ExecutionException.class)
        .cause().isInstanceOf(S2InterruptedException.class)
        .hasMessage("GET /v1/access-tokens was stopped: the S2Client was closed");
  }

  @Test
  void defect12_interruptingAThreadWaitingForAPrefetchedPageStopsItAndCancelsThePage() throws Exception {
    CompletableFuture<Page<String>> never = new CompletableFuture<>();
    PageSource<String> source = new PageWalkTest.StringSource() {
      @Override
      public Page<String> fetch(String startAfter, @Nullable Integer limit) {
        return new Page<>(List.of("a"), true, null);
      }

      @Override
      public CompletableFuture<Page<String>> fetchAsync(String startAfter, @Nullable Integer limit) {
        return never;
      }
    };
    Iterator<String> items = new AutoPager<>(() -> walk(source, true)).iterator();
    assertThat(items.next()).isEqualTo("a");
    Blocked blocked = new Blocked(items::next);

    blocked.thread.interrupt();

    assertThat(blocked.outcome(3)).isInstanceOf(S2InterruptedException.class)
        .hasMessage("interrupted while waiting for page 2 of a walk");
    assertThat(blocked.interruptedAfter).isTrue();
    assertThat(never).isCancelled();
  }

  // ------------------------------------------------------------------------------------------- helpers

  private static <T> PageWalk<T> walk(PageSource<T> source, boolean prefetch) {
    return new PageWalk<>(source, "", null, OptionalLong.empty(), prefetch, Redactor.none());
  }

  /** No 8 consecutive characters of the token in the text. */
  private static void assertNoSecret(String text) {
    for (int i = 0; i + 8 <= TOKEN.length(); i++) {
      assertThat(text).doesNotContain(TOKEN.substring(i, i + 8));
    }
  }

  /** No part of the token in the message, nor anywhere in the printed stack trace (causes included). */
  private static void assertNoSecret(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertNoSecret(trace.toString());
  }

  /** Pages of one item each, already there when asked for, up to {@code pages}; ids increase. */
  static final class ReadySource extends PageWalkTest.StringSource {
    private final int pages;
    private int served;

    ReadySource(int pages) {
      this.pages = pages;
    }

    @Override
    public Page<String> fetch(String startAfter, @Nullable Integer limit) {
      served++;
      return new Page<>(List.of(String.format("p%07d", served)), served < pages, null);
    }

    @Override
    public CompletableFuture<Page<String>> fetchAsync(String startAfter, @Nullable Integer limit) {
      return CompletableFuture.completedFuture(fetch(startAfter, limit));
    }

  }

  /** Pages the test completes by hand. */
  static final class ManualSource extends PageWalkTest.StringSource {
    final List<CompletableFuture<Page<String>>> requested = new CopyOnWriteArrayList<>();

    @Override
    public Page<String> fetch(String startAfter, @Nullable Integer limit) {
      throw new AssertionError("the asynchronous walk fetched synchronously");
    }

    @Override
    public CompletableFuture<Page<String>> fetchAsync(String startAfter, @Nullable Integer limit) {
      CompletableFuture<Page<String>> page = new CompletableFuture<>();
      requested.add(page);
      return page;
    }

  }

  /** OkHttp events of the calls of a shared client. */
  private static final class RecordingEvents extends EventListener {
    final CountDownLatch canceled = new CountDownLatch(1);
    final CountDownLatch failed = new CountDownLatch(1);

    @Override
    public void canceled(Call call) {
      canceled.countDown();
    }

    @Override
    public void callFailed(Call call, java.io.IOException ioe) {
      failed.countDown();
    }
  }

  /** A call made on a thread of its own, to be interrupted or cut off by the test. */
  private static final class Blocked {
    final Thread thread;
    final AtomicReference<Throwable> thrown = new AtomicReference<>();
    final AtomicBoolean returned = new AtomicBoolean();
    volatile boolean interruptedAfter;

    Blocked(Runnable call) {
      thread = new Thread(() -> {
        try {
          call.run();
          returned.set(true);
        } catch (Throwable e) {
          thrown.set(e);
        }
        interruptedAfter = Thread.currentThread().isInterrupted();
      }, "blocked-call");
      thread.start();
    }

    /** What the call threw, once it ended, within {@code seconds}; fails if it is still running or returned. */
    Throwable outcome(int seconds) throws InterruptedException {
      thread.join(TimeUnit.SECONDS.toMillis(seconds));
      assertThat(thread.isAlive()).as("the call still runs " + seconds + " s later").isFalse();
      assertThat(returned).as("the call returned normally").isFalse();
      return thrown.get();
    }
  }

  private static IssueAccessTokenParams readOnlyToken(String id) {
    return IssueAccessTokenParams.builder().id(id)
        .scope(dev.s2.model.AccessTokenScope.builder().ops(java.util.List.of(dev.s2.model.Operation.READ)).build())
        .build();
  }
}
