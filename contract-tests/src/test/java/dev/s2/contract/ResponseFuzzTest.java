package dev.s2.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.s2.client.AccessTokens;
import dev.s2.client.ListAccessTokensParams;
import dev.s2.client.Page;
import dev.s2.client.PagingOptions;
import dev.s2.client.RequestOptions;
import dev.s2.client.RetryPolicy;
import dev.s2.client.S2Client;
import dev.s2.client.S2DecodingException;
import dev.s2.client.S2Exception;
import dev.s2.client.S2ServiceException;
import dev.s2.model.AccessTokenInfo;
import dev.s2.model.ListAccessTokensResponse;
import io.swagger.v3.oas.models.media.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Property-based fuzzing of the client against responses a hostile or broken server, proxy or
 * network could send.
 *
 * <ul>
 *   <li>Decoding (through WireMock, every request checked against the spec): valid responses
 *       derived from the spec are mutated (fields dropped, added, retyped, nulled, unknown enum
 *       values, the body truncated, the content type wrong) and the client must return exactly what
 *       the body says, field by field, or a typed {@code S2Exception}.
 *   <li>Hostile HTTP (through a {@link HostileServer} that writes raw bytes), {@value
 *       #HOSTILE_TRIES} cases: malformed status lines, lying lengths, broken chunks and gzip,
 *       endless bodies, deep nesting, random bytes, connections cut or reset, trickled bodies,
 *       redirects, every kind of {@code Retry-After}, and the client's access token hidden in the
 *       status line, a header, the body, a chunk-size line, spelled plainly, JSON-escaped,
 *       percent-escaped, split by whitespace, in part or in hex. Every case must end, within its
 *       timeout, in a page or an {@code S2Exception} (none other), whose message, causes and fields
 *       hold no part of the token; a well-formed page must decode to its ids, a well-formed error
 *       to its status.
 * </ul>
 *
 * <p>The build runs this class in a JVM of its own with a 64 MB heap ({@code pom.xml}, execution
 * {@code fuzz-small-heap}): endless bodies must not exhaust it. The counts of outcomes, of
 * violations (0) and the peak heap are printed at the end.
 */
class ResponseFuzzTest {
  static final int SUCCESS_TRIES = 500;
  static final int ERROR_TRIES = 300;
  static final int HOSTILE_TRIES = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  static final List<DerivedStub> SUCCESS_STUBS =
      S2Stubs.all().stream()
          .filter(s -> s.operationId().equals("list_access_tokens") && s.status() == 200)
          .filter(s -> s.json().get("access_tokens").size() <= 1)
          .toList();
  static final List<DerivedStub> ERROR_STUBS =
      S2Stubs.all().stream()
          .filter(s -> s.operationId().equals("list_access_tokens") && s.status() >= 400)
          .toList();
  private static final Map<String, AtomicInteger> OUTCOMES = new ConcurrentHashMap<>();

  /** The request timeout of the hostile cases; a trickled body gets {@link #TRICKLE_TIMEOUT}. */
  private static final Duration HOSTILE_TIMEOUT = Duration.ofSeconds(3);

  private static final Duration TRICKLE_TIMEOUT = Duration.ofMillis(60);

  /**
   * The body limit of most hostile cases, so that endless bodies end fast; some use the operation's
   * own.
   */
  private static final long HOSTILE_MAX_BODY = 64 * 1024;

  private static final AtomicInteger VIOLATIONS = new AtomicInteger();
  private static final List<Throwable> UNCAUGHT = new java.util.concurrent.CopyOnWriteArrayList<>();

  private static ContractWireMock wireMock;
  private static S2Client client;
  private static Schema<?> listSchema;
  private static HostileServer hostile;
  private static okhttp3.OkHttpClient noPool;
  private static S2Client hostileClient;
  private static S2Client ownLimitClient;
  private static Thread.UncaughtExceptionHandler previousHandler;

  @BeforeContainer
  static void start() {
    HeapPeak.start();
    previousHandler = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> UNCAUGHT.add(e));
    wireMock = ContractWireMock.requestsOnly();
    wireMock.start();
    // No connection reuse: each hostile answer leaves its connection in its own state, and
    // WireMock's idle
    // connections may be closed while the hostile cases run (the client leaves stale-connection
    // retries to its policy).
    noPool =
        new okhttp3.OkHttpClient.Builder()
            .connectionPool(new okhttp3.ConnectionPool(0, 1, TimeUnit.SECONDS))
            .build();
    client =
        S2Client.builder()
            .accessToken(Clients.TOKEN)
            .baseUrl(wireMock.baseUrl())
            .okHttpClient(noPool)
            .requestTimeout(Duration.ofSeconds(5))
            .retryPolicy(RetryPolicy.none())
            .sleeper(new RecordingSleeper())
            .build();
    listSchema =
        DecodedValues.s2().responseSchema(ContractValidator.s2().operations().get(0), "200");
    hostile = new HostileServer();
    hostileClient = hostileClient(HOSTILE_MAX_BODY);
    ownLimitClient = hostileClient(-1);
  }

  private static S2Client hostileClient(long maxBody) {
    S2Client.Builder b =
        S2Client.builder()
            .accessToken(Clients.TOKEN)
            .baseUrl(hostile.baseUrl())
            .okHttpClient(noPool)
            .requestTimeout(HOSTILE_TIMEOUT)
            .connectTimeout(Duration.ofSeconds(2))
            .retryPolicy(RetryPolicy.none())
            .sleeper(new RecordingSleeper());
    return (maxBody > 0 ? b.maxResponseBytes(maxBody) : b).build();
  }

  @AfterContainer
  static void stop() {
    client.close();
    wireMock.stop();
    hostileClient.close();
    ownLimitClient.close();
    noPool.dispatcher().executorService().shutdown();
    hostile.close();
    Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    int total = OUTCOMES.values().stream().mapToInt(AtomicInteger::get).sum();
    long[] heap = HeapPeak.stop();
    long max = Runtime.getRuntime().maxMemory();
    System.out.println("fuzz: " + total + " cases; outcomes " + new java.util.TreeMap<>(OUTCOMES));
    System.out.println(
        "fuzz: "
            + VIOLATIONS.get()
            + " non-S2Exception outcomes, secrets in messages or connections left held; "
            + UNCAUGHT.size()
            + " uncaught exceptions; heap: at most "
            + heap[0] / (1024 * 1024)
            + " MB in use of a "
            + max / (1024 * 1024)
            + " MB maximum (-Xmx), "
            + (heap[1] < 0
                ? "no full collection needed"
                : "at most " + heap[1] / (1024 * 1024) + " MB live after a full collection"));
    assertThat(UNCAUGHT).as("exceptions uncaught on the HTTP client's threads").isEmpty();
  }

  /** How a hostile case calls the client. */
  enum CallMode {
    LIST,
    LIST_ASYNC,
    WALK,
    WALK_PREFETCH,
    OWN_LIMIT
  }

  @Property(tries = HOSTILE_TRIES)
  void aHostileResponseEndsInAPageOrATypedExceptionWithNoSecretInTime(
      @ForAll("hostileResponses") HostileResponse response, @ForAll("callModes") CallMode mode) {
    hostile.serve(response);
    int before = noPool.connectionPool().connectionCount(); // 0 unless a case before it failed
    boolean trickle = response.fault() == HostileResponse.Fault.TRICKLE;
    RequestOptions options =
        trickle
            ? RequestOptions.builder().requestTimeout(TRICKLE_TIMEOUT).build()
            : RequestOptions.defaults();
    long start = System.nanoTime();
    Object result = null;
    Throwable thrown = null;
    try {
      result = call(mode == CallMode.OWN_LIMIT ? ownLimitClient : hostileClient, mode, options);
    } catch (Throwable t) {
      thrown =
          t instanceof java.util.concurrent.ExecutionException && t.getCause() != null
              ? t.getCause()
              : t;
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    // Nothing pools connections here (no idle connection is kept): one still counted once the call
    // has ended is held by a finished call, a leak (a body neither read to its end nor closed).
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (noPool.connectionPool().connectionCount() > before && System.nanoTime() < until) {
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
    if (noPool.connectionPool().connectionCount() > before) {
      VIOLATIONS.incrementAndGet();
      throw new AssertionError(
          "a connection is still held after the call ended (" + mode + ") for " + response, thrown);
    }

    String outcome = thrown == null ? "page" : thrown.getClass().getSimpleName();
    outcome("hostile: " + outcome);
    Statistics.label("hostile outcome").collect(outcome);
    if (thrown != null && !(thrown instanceof S2Exception)) {
      VIOLATIONS.incrementAndGet();
      throw new AssertionError("not an S2Exception for " + response, thrown);
    }
    if (thrown != null) {
      Optional<String> leak = Secrets.find(thrown);
      if (thrown instanceof S2ServiceException e) {
        leak =
            leak.or(() -> Secrets.find(e.errorMessage()))
                .or(() -> Secrets.find(e.bodyExcerpt().orElse(null)))
                .or(() -> Secrets.find(e.code().orElse(null)));
      }
      if (leak.isPresent()) {
        VIOLATIONS.incrementAndGet();
        throw new AssertionError(
            "the token ('" + leak.get() + "...') is in the exception for " + response, thrown);
      }
    }
    assertThat(elapsed)
        .as("time taken by %s", response)
        .isLessThan((trickle ? TRICKLE_TIMEOUT : HOSTILE_TIMEOUT).plusSeconds(5));
    if (response.expectedIds() != null
        && (mode == CallMode.LIST || mode == CallMode.LIST_ASYNC || mode == CallMode.OWN_LIMIT)) {
      assertThat(thrown).as("a well-formed page: %s", response).isNull();
      assertThat(((Page<?>) result).items())
          .as(response.toString())
          .extracting(item -> ((AccessTokenInfo) item).id())
          .containsExactlyElementsOf(response.expectedIds());
    }
    if (response.expectedStatus() != 0) {
      assertThat(thrown)
          .as("a well-formed error: %s", response)
          .isExactlyInstanceOf(ExpectedErrors.typeFor(response.expectedStatus()));
      assertThat(((S2ServiceException) thrown).status()).isEqualTo(response.expectedStatus());
    }
  }

  private static Object call(S2Client c, CallMode mode, RequestOptions options) throws Exception {
    AccessTokens tokens = c.accessTokens();
    switch (mode) {
      case LIST_ASYNC:
        return tokens.listAsync(ListAccessTokensParams.all(), options).get(30, TimeUnit.SECONDS);
      case WALK:
      case WALK_PREFETCH:
        PagingOptions paging =
            PagingOptions.builder()
                .maxItems(50)
                .prefetch(mode == CallMode.WALK_PREFETCH)
                .requestOptions(options)
                .build();
        try (java.util.stream.Stream<AccessTokenInfo> items =
            tokens.listAll(ListAccessTokensParams.all(), paging).stream()) {
          return items.count();
        }
      default:
        return tokens.list(ListAccessTokensParams.all(), options);
    }
  }

  @Provide
  Arbitrary<HostileResponse> hostileResponses() {
    Arbitrary<HostileResponse.Kind> kind = Arbitraries.of(HostileResponse.Kind.class);
    Arbitrary<Integer> status = Arbitraries.of(HostileResponse.STATUSES);
    Arbitrary<HostileResponse.Framing> framing =
        Arbitraries.frequencyOf(
            Tuple.of(
                6,
                Arbitraries.of(
                    HostileResponse.Framing.CONTENT_LENGTH,
                    HostileResponse.Framing.CHUNKED,
                    HostileResponse.Framing.CLOSE_DELIMITED,
                    HostileResponse.Framing.GZIP)),
            Tuple.of(2, Arbitraries.of(HostileResponse.Framing.class)));
    Arbitrary<HostileResponse.SecretPlace> place =
        Arbitraries.of(HostileResponse.SecretPlace.class);
    Arbitrary<HostileResponse.SecretForm> form = Arbitraries.of(HostileResponse.SecretForm.class);
    Arbitrary<HostileResponse.Fault> fault =
        Arbitraries.frequencyOf(
                Tuple.of(200, Arbitraries.just(HostileResponse.Fault.NONE)),
                Tuple.of(
                    30,
                    Arbitraries.of(
                        HostileResponse.Fault.CLOSE_BEFORE_STATUS,
                        HostileResponse.Fault.CLOSE_IN_HEADERS,
                        HostileResponse.Fault.CLOSE_IN_BODY,
                        HostileResponse.Fault.RESET_IN_BODY)),
                Tuple.of(1, Arbitraries.just(HostileResponse.Fault.TRICKLE)))
            .withoutEdgeCases(); // a trickled body waits out its timeout: keep it at its share, not
    // every edge case
    Arbitrary<Long> seed = Arbitraries.longs();
    return Combinators.combine(kind, status, framing, place, form, fault, seed)
        .as(HostileResponse::of);
  }

  @Provide
  Arbitrary<CallMode> callModes() {
    return Arbitraries.frequencyOf(
        Tuple.of(70, Arbitraries.just(CallMode.LIST)),
        Tuple.of(12, Arbitraries.just(CallMode.LIST_ASYNC)),
        Tuple.of(8, Arbitraries.just(CallMode.WALK)),
        Tuple.of(8, Arbitraries.just(CallMode.WALK_PREFETCH)),
        Tuple.of(2, Arbitraries.just(CallMode.OWN_LIMIT)));
  }

  @Property(tries = SUCCESS_TRIES)
  void aMutatedSuccessBodyDecodesToWhatItSaysOrFailsTyped(
      @ForAll("mutatedSuccessBodies") MutatedBody body) {
    serve(200, body);

    Page<AccessTokenInfo> page = null;
    Throwable thrown = null;
    try {
      page = client.accessTokens().list(ListAccessTokensParams.all());
    } catch (Throwable t) {
      thrown = t;
    }
    wireMock.verifyAndReset(false);

    Optional<JsonNode> parsed = parse(body.text());
    if (thrown != null) {
      assertThat(thrown).as(body.toString()).isExactlyInstanceOf(S2DecodingException.class);
      assertThat(thrown.getMessage())
          .startsWith("GET /v1/access-tokens")
          .doesNotContain(Clients.TOKEN);
      outcome("success body: S2DecodingException");
    } else {
      assertThat(parsed).as("the client decoded a body that is not JSON: %s", body).isPresent();
      ListAccessTokensResponse decoded = ListAccessTokensResponse.of(page.items(), page.hasMore());
      assertThat(DecodedValues.s2().mismatches(parsed.get(), decoded, listSchema))
          .as(body.toString())
          .isEmpty();
      outcome("success body: decoded as sent");
    }
    Statistics.label("outcome").collect(thrown == null ? "decoded" : "typed error");
    Statistics.label("outcome")
        .coverage(
            c -> {
              c.check("decoded").percentage(p -> p >= 10);
              c.check("typed error").percentage(p -> p >= 10);
            });
  }

  @Property(tries = ERROR_TRIES)
  void aMutatedErrorBodyIsATypedServiceErrorWithItsStatus(
      @ForAll("mutatedErrorBodies") MutatedBody body, @ForAll("errorStatuses") int status) {
    serve(status, body);

    Throwable thrown = null;
    try {
      client.accessTokens().list(ListAccessTokensParams.all());
    } catch (Throwable t) {
      thrown = t;
    }
    wireMock.verifyAndReset(false);

    assertThat(thrown).as(body.toString()).isExactlyInstanceOf(ExpectedErrors.typeFor(status));
    S2ServiceException error = (S2ServiceException) thrown;
    assertThat(error.status()).isEqualTo(status);
    assertThat(error.attempts()).isEqualTo(1);
    Optional<JsonNode> info = parse(body.text()).filter(ResponseFuzzTest::isErrorInfo);
    if (info.isPresent()) {
      assertThat(error.code()).as(body.toString()).contains(info.get().get("code").asText());
      assertThat(error.errorMessage()).isEqualTo(info.get().get("message").asText());
      outcome("error body: ErrorInfo read");
    } else {
      assertThat(error.code()).as(body.toString()).isEmpty();
      assertThat(error.errorMessage()).isNotBlank();
      outcome("error body: not an ErrorInfo, typed anyway");
    }
    Statistics.label("error body").collect(info.isPresent() ? "ErrorInfo" : "not an ErrorInfo");
    Statistics.label("error body")
        .coverage(
            c -> {
              c.check("ErrorInfo").percentage(p -> p >= 10);
              c.check("not an ErrorInfo").percentage(p -> p >= 10);
            });
  }

  @Provide
  Arbitrary<MutatedBody> mutatedSuccessBodies() {
    return mutated(SUCCESS_STUBS);
  }

  @Provide
  Arbitrary<MutatedBody> mutatedErrorBodies() {
    return mutated(ERROR_STUBS);
  }

  @Provide
  Arbitrary<Integer> errorStatuses() {
    return Arbitraries.of(
        400, 401, 403, 404, 408, 409, 418, 422, 429, 499, 500, 501, 502, 503, 504);
  }

  private static Arbitrary<MutatedBody> mutated(List<DerivedStub> stubs) {
    Arbitrary<JsonMutation> mutation =
        Combinators.combine(
                Arbitraries.of(JsonMutation.Kind.class),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 10_000))
            .as(JsonMutation::new);
    Arbitrary<Integer> keptPerMille =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.just(1000)),
            Tuple.of(1, Arbitraries.integers().between(0, 999)));
    Arbitrary<String> contentType =
        Arbitraries.of(
            "application/json",
            "application/json; charset=utf-8",
            "text/html",
            "text/plain",
            "",
            "application/xml");
    return Combinators.combine(
            Arbitraries.of(stubs),
            mutation.list().ofMinSize(0).ofMaxSize(3),
            keptPerMille,
            contentType)
        .as(MutatedBody::of);
  }

  /** A derived body after mutations, as served. */
  record MutatedBody(String scenario, List<String> changes, String text, String contentType) {
    static MutatedBody of(
        DerivedStub stub, List<JsonMutation> mutations, int keptPerMille, String contentType) {
      JsonNode json = stub.json().deepCopy();
      List<String> changes = new ArrayList<>();
      for (JsonMutation m : mutations) {
        changes.add(m.applyTo(json));
      }
      String text = json.toString();
      if (keptPerMille < 1000) {
        int end = text.length() * keptPerMille / 1000;
        changes.add("truncated to " + end + " of " + text.length() + " chars");
        text = text.substring(0, end);
      }
      return new MutatedBody(stub.name(), changes, text, contentType);
    }

    @Override
    public String toString() {
      return scenario + " " + changes + " as '" + contentType + "': " + text;
    }
  }

  private static void serve(int status, MutatedBody body) {
    ResponseDefinitionBuilder response = aResponse().withStatus(status).withBody(body.text());
    if (!body.contentType().isEmpty()) {
      response.withHeader("Content-Type", body.contentType());
    }
    wireMock.server().stubFor(get(urlPathEqualTo("/v1/access-tokens")).willReturn(response));
  }

  /**
   * Whether the client can read the body as an ErrorInfo: an object with code and message as
   * strings.
   */
  private static boolean isErrorInfo(JsonNode json) {
    return json.isObject()
        && readableAsString(json.get("code"))
        && readableAsString(json.get("message"));
  }

  /** The models are strict: only a JSON string is a string (a number is not). */
  private static boolean readableAsString(JsonNode node) {
    return node != null && node.isTextual();
  }

  private static Optional<JsonNode> parse(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return Optional.ofNullable(node).filter(n -> !n.isMissingNode());
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static void outcome(String name) {
    OUTCOMES.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
  }
}
