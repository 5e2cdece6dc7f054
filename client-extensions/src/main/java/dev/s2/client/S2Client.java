package dev.s2.client;

import com.squareup.moshi.Moshi;
import dev.s2.model.ErrorInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;
import org.jspecify.annotations.Nullable;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The entry point of the S2 SDK: one client per account endpoint and access token. Thread-safe;
 * build it once and share it. Retrofit, Moshi and OkHttp objects are built once, here, never per
 * request.
 *
 * <pre>{@code
 * try (S2Client client = S2Client.fromEnv()) {            // S2_ACCESS_TOKEN, S2_ACCOUNT_ENDPOINT
 *   for (AccessTokenInfo token : client.accessTokens().listAll()) {
 *     System.out.println(token.id());
 *   }
 * }
 * }</pre>
 *
 * <p>Defaults match the official S2 SDKs: connect timeout 3 s, request timeout 5 s per attempt,
 * {@link RetryPolicy#defaults()}, endpoint {@value #DEFAULT_BASE_URL}, {@code User-Agent:
 * s2-sdk-java/<version>}, gzip accepted. The access token never appears in {@link #toString()},
 * exception messages or logs.
 *
 * <p>What the client guarantees, whatever the server or the network does:
 *
 * <ul>
 *   <li><b>Bounded bodies.</b> An error body is read up to 16 KiB, from the stream; a success body
 *       up to its operation's limit, derived from the spec (a page of access tokens: 4 KiB per
 *       token asked for, about 4 MiB for the 1000 of a full page) or {@link
 *       Builder#maxResponseBytes}, else it fails with {@link S2DecodingException} naming the limit.
 *       Nothing buffers more, HTTP logs included.
 *   <li><b>Bounded time.</b> Each attempt ends within its request timeout, counted from when it was
 *       made, time spent waiting in the HTTP client's queue included; one that never started says
 *       so ({@link S2TimeoutException}). The client's own dispatcher runs up to 64 calls at once
 *       (OkHttp's default is 5 per host, and every S2 call goes to one host).
 *   <li><b>Real cancellation.</b> Cancelling a future (or a future derived from it), closing a
 *       walk's stream, interrupting a thread blocked in a call and closing the client all cancel
 *       the HTTP request in flight and stop retries and prefetching at once.
 *   <li><b>No silent repeats.</b> Only the client's {@link RetryPolicy} sends a request again:
 *       OkHttp's own retries are off, and redirects are not followed (a 3xx is an {@link
 *       UnexpectedStatusException} naming its {@code Location}), so no request leaves the base
 *       URL's scheme, host and port.
 *   <li><b>No secret in any message.</b> Exception messages, their causes, body excerpts and logs
 *       are masked: see {@link S2Exception}.
 * </ul>
 */
public final class S2Client extends AccountOperations implements AutoCloseable {
  /** The account endpoint of the spec's server. */
  public static final String DEFAULT_BASE_URL = "https://a.s2.dev/v1";

  /** Environment variable holding the access token. */
  public static final String ENV_ACCESS_TOKEN = "S2_ACCESS_TOKEN";

  /** Environment variable overriding the account endpoint. */
  public static final String ENV_ACCOUNT_ENDPOINT = "S2_ACCOUNT_ENDPOINT";

  /**
   * Environment variable overriding the basin endpoint: {@code {basin}.host} (a parent zone) or a
   * host for every basin (direct).
   */
  public static final String ENV_BASIN_ENDPOINT = "S2_BASIN_ENDPOINT";

  /** The basin endpoint of S2's cloud: a parent zone, each basin its own host. */
  public static final String DEFAULT_BASIN_ENDPOINT = BasinEndpoint.DEFAULT;

  /** How many calls the client's own dispatcher runs at once, in all and per host. */
  static final int MAX_CONCURRENT_CALLS = 64;

  private final HttpUrl baseUrl;
  private final BasinEndpoint basinEndpoint;
  private final OkHttpClient http;
  private final boolean ownsHttp;
  private final ScheduledThreadPoolExecutor timer;
  private final ClientRuntime runtime;

  private S2Client(Parts parts) {
    super(parts.runtime);
    this.baseUrl = parts.baseUrl;
    this.basinEndpoint = parts.basinEndpoint;
    this.http = parts.http;
    this.ownsHttp = parts.ownsHttp;
    this.timer = parts.timer;
    this.runtime = parts.runtime;
  }

  /** What the constructor needs before it can call its superclass with the runtime. */
  private static final class Parts {
    final HttpUrl baseUrl;
    final BasinEndpoint basinEndpoint;
    final OkHttpClient http;
    final boolean ownsHttp;
    final ScheduledThreadPoolExecutor timer;
    final ClientRuntime runtime;

    Parts(Builder b, String token) {
      this.baseUrl = b.baseUrl;
      this.basinEndpoint = b.basinEndpoint;
      this.ownsHttp = b.okHttpClient == null;
      Redactor redactor = new Redactor(token);
      this.http = buildHttp(b, token, redactor);
      this.timer =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, "s2-client-timer");
                thread.setDaemon(true);
                return thread;
              });
      timer.setRemoveOnCancelPolicy(true);
      Moshi moshi = S2Json.moshi();
      Retrofit account =
          new Retrofit.Builder()
              .baseUrl(baseUrl)
              .callFactory(UnsentCall.FACTORY) // Retrofit builds requests; CallExecutor sends them
              .addConverterFactory(MoshiConverterFactory.create(moshi))
              .build();
      Retrofit basin = account.newBuilder().baseUrl(basinEndpoint.retrofitBase()).build();
      ErrorMapper errors = new ErrorMapper(moshi.adapter(ErrorInfo.class), redactor, b.clock);
      CallExecutor executor =
          new CallExecutor(
              http,
              account,
              b.retryPolicy,
              b.requestTimeout,
              b.maxResponseBytes,
              b.sleeper,
              b.jitter,
              errors,
              redactor,
              timer,
              b.onResponse,
              CallLog.create());
      ClientRuntime.Streaming streaming =
          new ClientRuntime.Streaming(
              http,
              sessionHttp(http, b, redactor),
              basinEndpoint.retrofitBase(),
              b.retryPolicy,
              b.requestTimeout,
              b.sleeper,
              b.jitter,
              errors,
              redactor,
              b.sessionTransport,
              b.compression,
              b.appendRetryPolicy,
              b.ackTimer);
      this.runtime =
          new ClientRuntime(executor, account, basin, b.clock, b.idempotencyTokens, streaming);
    }
  }

  private static OkHttpClient buildHttp(Builder b, String token, Redactor redactor) {
    OkHttpClient.Builder http;
    if (b.okHttpClient != null) {
      // Shares the caller's connection pool and dispatcher; only timeouts set on our builder are
      // applied.
      http = b.okHttpClient.newBuilder();
      if (b.connectTimeoutSet) {
        http.connectTimeout(b.connectTimeout);
      }
    } else {
      // Each attempt carries its own call timeout (CallExecutor), which also bounds reads and
      // writes:
      // separate read/write timeouts would cut a call whose per-call timeout is longer than the
      // client's.
      Dispatcher dispatcher = new Dispatcher();
      dispatcher.setMaxRequests(MAX_CONCURRENT_CALLS);
      dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT_CALLS);
      http =
          new OkHttpClient.Builder()
              .dispatcher(dispatcher)
              .connectTimeout(b.connectTimeout)
              .readTimeout(Duration.ZERO)
              .writeTimeout(Duration.ZERO)
              .callTimeout(b.requestTimeout)
              // no wait for the server's delayed ACKs (BENCHMARKS.md, appends)
              .socketFactory(new NoDelaySocketFactory());
      if (!b.baseUrl.isHttps()) {
        // A plain-http endpoint (a local mock) never needs TLS: skip setting it up (a few hundred
        // ms at start).
        // Safe because no request leaves the base URL's scheme: redirects are not followed (below).
        http.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
      }
    }
    // Every repeat is the client's (CallExecutor counts attempts, applies backoff and the
    // idempotency rules):
    // no retry on connection failure or 408, no redirect (FollowUpGuard holds back what OkHttp
    // would still act on).
    http.retryOnConnectionFailure(false).followRedirects(false).followSslRedirects(false);
    http.addInterceptor(new AttemptInterceptor());
    http.addInterceptor(b.basinEndpoint);
    http.addInterceptor(new HeadersInterceptor(token, b.userAgent));
    if (b.logLevel != HttpLoggingInterceptor.Level.NONE) {
      http.addInterceptor(logging(b, redactor, b.logLevel));
    }
    http.addInterceptor(
        new BoundedBodies()); // under the logging: a log holds no more than the client reads
    http.addNetworkInterceptor(new FollowUpGuard());
    return http.build();
  }

  private static HttpLoggingInterceptor logging(
      Builder b, Redactor redactor, HttpLoggingInterceptor.Level level) {
    HttpLoggingInterceptor logging =
        new HttpLoggingInterceptor(new RedactingLogger(b.logger, redactor));
    logging.setLevel(level);
    logging.redactHeader("Authorization");
    logging.redactHeader("s2-encryption-key");
    return logging;
  }

  /**
   * The HTTP client of S2S sessions: the client's, with HTTP logging at most at {@code HEADERS}.
   * OkHttp's logging interceptor reads a body it logs to its end, and it knows only {@code
   * text/event-stream} as a stream: it would hold an S2S response (acknowledgements, read batches)
   * until the session ended.
   */
  private static OkHttpClient sessionHttp(OkHttpClient http, Builder b, Redactor redactor) {
    if (b.logLevel != HttpLoggingInterceptor.Level.BODY) {
      return http;
    }
    OkHttpClient.Builder sessions = http.newBuilder();
    List<okhttp3.Interceptor> interceptors = sessions.interceptors();
    for (int i = 0; i < interceptors.size(); i++) {
      if (interceptors.get(i) instanceof HttpLoggingInterceptor) {
        interceptors.set(i, logging(b, redactor, HttpLoggingInterceptor.Level.HEADERS));
      }
    }
    return sessions.build();
  }

  /**
   * A builder with the defaults; {@link Builder#accessToken} must be set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client configured from the environment: {@value #ENV_ACCESS_TOKEN} (required) and {@value
   * #ENV_ACCOUNT_ENDPOINT} (optional).
   *
   * @return the new client
   * @throws IllegalArgumentException if {@value #ENV_ACCESS_TOKEN} is unset or blank, or the
   *     endpoint is not a URL
   */
  public static S2Client fromEnv() {
    return builder().fromEnv().build();
  }

  /**
   * A handle on one basin: the operations of its endpoint. Cheap; create one per basin and keep it,
   * or create one per use.
   *
   * @param name the basin's name: 8 to 48 bytes, lowercase letters, digits and hyphens, not at
   *     either end
   * @return the handle
   * @throws IllegalArgumentException if the name is null or breaks a rule of the spec
   */
  public S2Basin basin(String name) {
    GetBasinConfigParams.builder()
        .basin(name); // the spec's checks of a basin name, with their messages
    return new S2Basin(runtime, name, basinEndpoint.urlFor(name));
  }

  /**
   * The basin endpoint: a parent zone ({@code https://{basin}.b.s2.dev/v1}, the default) or a
   * direct endpoint.
   *
   * @return the endpoint as configured, with {@code {basin}} standing for each basin's name
   */
  public String basinEndpoint() {
    return basinEndpoint.toString();
  }

  /**
   * The account endpoint requests go to.
   *
   * @return the base URL, ending with a slash
   */
  public String baseUrl() {
    return baseUrl.toString();
  }

  /**
   * Stops the calls in flight (their requests are cancelled, no retry follows, and they fail with
   * {@link S2InterruptedException}) and releases the threads and connections this client created.
   * An {@link OkHttpClient} passed to {@link Builder#okHttpClient} is left alone: its owner closes
   * it. Later calls fail with {@link IllegalStateException}. Idempotent.
   */
  @Override
  public void close() {
    runtime.executor().close();
    timer.shutdownNow();
    if (ownsHttp) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "S2Client{baseUrl="
        + baseUrl
        + ", basinEndpoint="
        + basinEndpoint
        + ", accessToken="
        + Redactor.MASK
        + '}';
  }

  /** Builds an {@link S2Client}. Setters check their argument at once. */
  public static final class Builder {
    private @Nullable String accessToken;
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL + "/");
    private BasinEndpoint basinEndpoint =
        BasinEndpoint.parse(BasinEndpoint.DEFAULT, "basinEndpoint");
    private java.util.function.Supplier<String> idempotencyTokens = ClientRuntime.randomTokens();
    private @Nullable ResponseListener onResponse;
    private Duration connectTimeout = Duration.ofSeconds(3);
    private boolean connectTimeoutSet;
    private Duration requestTimeout = Duration.ofSeconds(5);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private String userAgent = SdkVersion.USER_AGENT;
    private @Nullable OkHttpClient okHttpClient;
    private Sleeper sleeper = Sleeper.system();
    private Clock clock = Clock.systemUTC();
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
    private HttpLoggingInterceptor.Level logLevel = HttpLoggingInterceptor.Level.NONE;
    private HttpLoggingInterceptor.Logger logger = HttpLoggingInterceptor.Logger.DEFAULT;
    private long maxResponseBytes = -1;
    private SessionTransport sessionTransport = SessionTransport.AUTO;
    private Compression compression = Compression.NONE;
    private AppendRetryPolicy appendRetryPolicy = AppendRetryPolicy.NO_SIDE_EFFECTS;
    private Sleeper ackTimer = Sleeper.system();

    private Builder() {}

    /**
     * Reads {@value S2Client#ENV_ACCESS_TOKEN} and, when set, {@value
     * S2Client#ENV_ACCOUNT_ENDPOINT} from the environment into this builder. The endpoint may be a
     * URL or {@code host[:port]} (https); without a path it gets {@code /v1}.
     *
     * @return this builder
     * @throws IllegalArgumentException if the token is unset or blank, or the endpoint is not valid
     */
    public Builder fromEnv() {
      return fromEnv(System.getenv());
    }

    /**
     * Reads the same settings as {@link #fromEnv()} from a map of your own, such as a configuration
     * source.
     *
     * @param env variables by name; not null
     * @return this builder
     * @throws IllegalArgumentException if the token is unset or blank, or the endpoint is not valid
     */
    public Builder fromEnv(Map<String, String> env) {
      Checks.notNull(env, "env");
      String token = env.get(ENV_ACCESS_TOKEN);
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException(
            ENV_ACCESS_TOKEN + " is not set: export the access token of your S2 account");
      }
      accessToken(token);
      String endpoint = env.get(ENV_ACCOUNT_ENDPOINT);
      if (endpoint != null && !endpoint.isBlank()) {
        baseUrl(endpointUrl(endpoint.trim()));
      }
      String basins = env.get(ENV_BASIN_ENDPOINT);
      if (basins != null && !basins.isBlank()) {
        this.basinEndpoint = BasinEndpoint.parse(basins.trim(), ENV_BASIN_ENDPOINT);
      }
      return this;
    }

    /** {@code host[:port]} means https; a URL without path gets the API's {@code /v1}. */
    static String endpointUrl(String endpoint) {
      String url = endpoint.contains("://") ? endpoint : "https://" + endpoint;
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) {
        throw new IllegalArgumentException(
            ENV_ACCOUNT_ENDPOINT + " is not a valid endpoint: '" + withoutUserInfo(endpoint) + "'");
      }
      return parsed.encodedPath().equals("/")
          ? parsed.newBuilder().encodedPath("/v1").build().toString()
          : url;
    }

    /**
     * The access token sent as {@code Authorization: Bearer}. Required.
     *
     * @param accessToken printable ASCII without spaces, as every S2 token is
     * @return this builder
     * @throws IllegalArgumentException if null, blank, or holding a character an HTTP header cannot
     *     carry (a line break, a control character, a space, a non-ASCII character); the message
     *     never shows the value
     */
    public Builder accessToken(String accessToken) {
      this.accessToken = Checks.headerValue(accessToken, "accessToken", false);
      return this;
    }

    /**
     * The account endpoint, such as {@code https://a.s2.dev/v1} (the default) or a local mock.
     *
     * @param baseUrl an http or https URL, without user name or password, query or fragment
     * @return this builder
     * @throws IllegalArgumentException if null, not an http(s) URL, or with a user name, password,
     *     query or fragment (the message does not show them)
     */
    public Builder baseUrl(String baseUrl) {
      HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl);
      if (url == null) {
        throw new IllegalArgumentException(
            "baseUrl must be an http or https URL, was '"
                + (baseUrl == null ? null : withoutUserInfo(baseUrl))
                + "'");
      }
      if (!url.username().isEmpty() || !url.password().isEmpty()) {
        throw new IllegalArgumentException(
            "baseUrl must not contain a user name or password (S2 authenticates "
                + "with the access token), was '"
                + withoutUserInfo(baseUrl)
                + "'");
      }
      if (url.encodedQuery() != null || url.encodedFragment() != null) {
        throw new IllegalArgumentException(
            "baseUrl must not have a "
                + (url.encodedQuery() != null ? "query ('?')" : "fragment ('#')")
                + ": the client appends each operation's path and query to it, was '"
                + url.newBuilder().query(null).fragment(null).build()
                + "' with it");
      }
      this.baseUrl = url.encodedPath().endsWith("/") ? url : HttpUrl.get(url + "/");
      return this;
    }

    /** The URL with any user name and password replaced by the mask, for messages. */
    private static String withoutUserInfo(String url) {
      int scheme = url.indexOf("://");
      int at = url.lastIndexOf('@');
      int end = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
      return scheme >= 0 && at > scheme && (end < 0 || at < end)
          ? url.substring(0, scheme + 3) + Redactor.MASK + url.substring(at)
          : url;
    }

    /**
     * The most bytes of a success response body any call reads (after gzip decoding), replacing
     * each operation's own limit. By default each operation has one derived from the spec: a page
     * of access tokens allows 4 KiB per token asked for ({@code limit}, 1000 when unset) plus 1
     * KiB, a single object such as an issued token 64 KiB. A longer body fails with {@link
     * S2DecodingException} naming the limit, without being read further. {@link
     * RequestOptions.Builder#maxResponseBytes} overrides this for one call.
     *
     * @param maxResponseBytes 1 to 1 GiB
     * @return this builder
     * @throws IllegalArgumentException outside 1..1073741824
     */
    public Builder maxResponseBytes(long maxResponseBytes) {
      this.maxResponseBytes =
          Checks.range(maxResponseBytes, 1, BoundedBodies.MAX_LIMIT_BYTES, "maxResponseBytes");
      return this;
    }

    /**
     * The basin endpoint: {@code https://{basin}.b.s2.dev/v1} (the default, a parent zone: each
     * basin is the first label of its own host) or, without {@code {basin}}, one host for every
     * basin (a direct endpoint, such as s2-lite or a local mock: each basin request then names its
     * basin in the {@code s2-basin} header).
     *
     * @param basinEndpoint a URL, or {@code host[:port]} for https; without a path it gets {@code
     *     /v1}
     * @return this builder
     * @throws IllegalArgumentException if null or not such a URL
     */
    public Builder basinEndpoint(String basinEndpoint) {
      Checks.notBlank(basinEndpoint, "basinEndpoint");
      this.basinEndpoint = BasinEndpoint.parse(basinEndpoint.trim(), "basinEndpoint");
      return this;
    }

    /**
     * Tells {@code listener} about every response the client receives, one per attempt: the
     * request, its status, headers (masked) and request id, and how long the attempt took. For
     * metrics, tracing or support tickets; the client's debug log ({@code dev.s2.client}, through
     * SLF4J or {@code java.util.logging}) says the same, with each retry decision.
     *
     * @param listener not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder onResponse(ResponseListener listener) {
      this.onResponse = Checks.notNull(listener, "listener");
      return this;
    }

    /** Where idempotency tokens come from (default: random UUIDs); tests fix them. */
    Builder idempotencyTokens(java.util.function.Supplier<String> tokens) {
      this.idempotencyTokens = Checks.notNull(tokens, "idempotencyTokens");
      return this;
    }

    /**
     * The connect timeout (default 3 s).
     *
     * @param connectTimeout more than 0, at most 1 hour
     * @return this builder
     * @throws IllegalArgumentException if null or out of range
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Checks.duration(connectTimeout, "connectTimeout");
      this.connectTimeoutSet = true;
      return this;
    }

    /**
     * The timeout of each attempt, from the moment it is made (waiting in the HTTP client's queue
     * included) to reading the last byte of the body (default 5 s). Override it per call with
     * {@link RequestOptions}. It is also the acknowledgement timeout of S2S append sessions: an
     * input not acknowledged within it, counted from when the producer sent it, fails the session
     * (with {@link S2TimeoutException}, retried like a cut connection), as S2's official SDKs do.
     *
     * @param requestTimeout more than 0, at most 1 hour
     * @return this builder
     * @throws IllegalArgumentException if null or out of range
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Checks.duration(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * The retry policy (default {@link RetryPolicy#defaults()}; {@link RetryPolicy#none()} turns
     * retries off).
     *
     * @param retryPolicy not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Checks.notNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * The {@code User-Agent} header (default {@code s2-sdk-java/<version>}).
     *
     * @param userAgent printable ASCII, spaces allowed inside
     * @return this builder
     * @throws IllegalArgumentException if null, blank, or holding a character an HTTP header cannot
     *     carry (the message never shows the value)
     */
    public Builder userAgent(String userAgent) {
      this.userAgent = Checks.headerValue(userAgent, "userAgent", true);
      return this;
    }

    /**
     * An OkHttp client to share (its connection pool, dispatcher, proxy and TLS settings). The S2
     * client adds its own interceptors to a derived client, turns off its retries and redirects
     * there, and never closes this one. Its dispatcher's limits apply to asynchronous calls
     * (OkHttp's default: 5 at once per host), and the time a call waits for them counts against the
     * call's request timeout.
     *
     * @param okHttpClient not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Checks.notNull(okHttpClient, "okHttpClient");
      return this;
    }

    /**
     * What waits between retries (default {@link Sleeper#system()}, whose wait also ends when the
     * call is stopped); tests inject one that does not sleep. A blocking call waits in {@link
     * Sleeper#sleep} on the caller's thread.
     *
     * @param sleeper not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Checks.notNull(sleeper, "sleeper");
      return this;
    }

    /**
     * The clock that {@code Retry-After} dates and token expiries are checked against (default:
     * system UTC).
     *
     * @param clock not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull(clock, "clock");
      return this;
    }

    /** The source of backoff jitter, a number in [0, 1); tests fix it. */
    Builder jitter(DoubleSupplier jitter) {
      this.jitter = Checks.notNull(jitter, "jitter");
      return this;
    }

    /**
     * Logs HTTP traffic through OkHttp's logging interceptor. Secrets are masked: the {@code
     * Authorization} and {@code s2-encryption-key} headers, the client's token and the tokens it
     * issued wherever they appear (escaped or split too, see {@link S2Exception}), and the {@code
     * access_token} of an issued token. A logged body is never longer than what the client reads:
     * an error body's first 16 KiB, a success body up to its limit. S2S sessions (see {@link
     * #sessionTransport}) are logged at most at {@code HEADERS}: their bodies are streams of binary
     * frames, which logging would have to hold until the session ended.
     *
     * @param level how much to log; {@code NONE} (the default) turns logging off
     * @param logger where lines go, such as {@code HttpLoggingInterceptor.Logger.DEFAULT}
     * @return this builder
     * @throws IllegalArgumentException if an argument is null
     */
    public Builder httpLogging(
        HttpLoggingInterceptor.Level level, HttpLoggingInterceptor.Logger logger) {
      this.logLevel = Checks.notNull(level, "level");
      this.logger = Checks.notNull(logger, "logger");
      return this;
    }

    /**
     * Which protocol producers and read sessions use (default {@link SessionTransport#AUTO}: S2S
     * sessions over HTTP/2 when the basin endpoint speaks it, else SSE read sessions and unary
     * appends). The public API and the guarantees of {@link Producer} and {@link ReadSession} are
     * the same on both.
     *
     * @param transport not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder sessionTransport(SessionTransport transport) {
      this.sessionTransport = Checks.notNull(transport, "sessionTransport");
      return this;
    }

    /**
     * How the frames of S2S sessions are compressed (default {@link Compression#NONE}): messages of
     * 1 KiB or more are compressed both ways, the client's append inputs by the client and the
     * service's acknowledgements and read batches by the service, which the client asks for with
     * {@code Accept-Encoding}. The client reads frames compressed in any way S2 defines whatever
     * this says. Unary calls and SSE sessions are not affected.
     *
     * @param compression not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder compression(Compression compression) {
      this.compression = Checks.notNull(compression, "compression");
      return this;
    }

    /**
     * Which failed appends are sent again (default {@link AppendRetryPolicy#NO_SIDE_EFFECTS}: only
     * those that cannot have been appended twice). A {@link Producer} never appends a record twice
     * under either policy.
     *
     * @param policy not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder appendRetryPolicy(AppendRetryPolicy policy) {
      this.appendRetryPolicy = Checks.notNull(policy, "appendRetryPolicy");
      return this;
    }

    /**
     * What times the acknowledgement of each input of an S2S append session (default {@link
     * Sleeper#system()}): when its wait of {@link #requestTimeout} completes before the
     * acknowledgement came, the session fails with {@link S2TimeoutException}. Tests complete the
     * waits by hand.
     */
    Builder ackTimer(Sleeper ackTimer) {
      this.ackTimer = Checks.notNull(ackTimer, "ackTimer");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the new client
     * @throws IllegalStateException if no access token was set, or the class path holds OkHttp 4
     *     where the SDK needs OkHttp 5 (the message names the jars)
     */
    public S2Client build() {
      OkHttpCheck.requireOkHttp5();
      if (accessToken == null) {
        throw new IllegalStateException(
            "accessToken is required: call accessToken(...) or fromEnv() ("
                + ENV_ACCESS_TOKEN
                + ")");
      }
      return new S2Client(new Parts(this, accessToken));
    }

    @Override
    public String toString() {
      return "S2Client.Builder{baseUrl="
          + baseUrl
          + ", accessToken="
          + (accessToken == null ? "unset" : Redactor.MASK)
          + '}';
    }
  }
}
