package dev.s2.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Converter;
import retrofit2.Invocation;
import retrofit2.Retrofit;

/**
 * Runs the calls of every operation: the one place where attempts, retries, time budgets, cancellation and the
 * classification of failures live. Every outcome is a value or an {@link S2Exception}, masked by the
 * {@link Redactor} as it leaves ({@link #exit}).
 *
 * <h2>How an attempt is sent</h2>
 * The generated Retrofit interfaces only build requests: Retrofit's call factory makes {@link UnsentCall}s. For
 * each attempt the executor takes the request of a fresh Retrofit call, tags it with the attempt's
 * {@link AttemptTag} and sends it on the client's {@link OkHttpClient} itself, then decodes a success body with
 * the converter Retrofit has for the method's return type. Owning the {@code okhttp3.Call} gives what Retrofit's
 * own execution does not: bodies bounded while they stream ({@link BoundedBodies} reads the limit from the tag;
 * Retrofit buffers error bodies whole), cancellation of the very request in flight, and knowing whether the
 * dispatcher ever started an asynchronous call.
 *
 * <h2>Budgets</h2>
 * Each attempt has the request timeout as its budget, counted from the moment the attempt is made: for the
 * first attempt, when the caller made the call. A synchronous attempt runs at once on the caller's thread,
 * bounded by OkHttp's call timeout. An asynchronous attempt may first wait in OkHttp's dispatcher (which runs at
 * most {@code maxRequestsPerHost} calls per host); a deadline on the client's timer ends it when its budget is
 * spent, with an {@link S2TimeoutException} that says whether it ever started. The wait between attempts is the
 * retry policy's, outside the budgets.
 *
 * <h2>Stopping</h2>
 * A call stops at once, its request in flight cancelled and no retry following, when its future (or any future
 * derived from it, see {@link CallFuture}) is cancelled; when its calling thread is interrupted (a blocked
 * caller is watched every {@link #INTERRUPT_POLL}, and the wait before a retry is interruptible); when the client
 * is closed (the call then fails with {@link S2InterruptedException}).
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>a status outside 200..299: the {@link S2ServiceException} of {@link ErrorMapper}, from at most
 *       {@link BoundedBodies#ERROR_BODY_BYTES} of the body;
 *   <li>a success body that does not decode, is empty, or is larger than the limit: {@link S2DecodingException};
 *   <li>a budget spent: {@link S2TimeoutException}; an interrupt or a closed client:
 *       {@link S2InterruptedException};
 *   <li>any other I/O failure, while sending or while reading a body: {@link S2ConnectionException}.
 * </ul>
 */
final class CallExecutor {
  /** How often the thread of a synchronous call is checked for an interrupt while its request is in flight. */
  static final Duration INTERRUPT_POLL = Duration.ofMillis(20);

  /** Whether a request may be sent again after a failure whose effect is unknown. */
  enum Safety {
    /** Reading, or an operation whose repetition has the same effect (list, revoke). */
    IDEMPOTENT,
    /** Retried only when the failure shows the request never took effect (refused connection, 429, 503). */
    NOT_IDEMPOTENT
  }

  /** Why a call stopped before its outcome. */
  private enum Stop {
    CANCELLED,
    INTERRUPTED,
    CLOSED
  }

  /** What the client's interceptors need to know about one attempt; travels as its request's tag. */
  static final class AttemptTag {
    private final long maxBodyBytes;
    private volatile boolean started;

    AttemptTag(long maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
    }

    /** The most bytes of a success body the client reads. */
    long maxBodyBytes() {
      return maxBodyBytes;
    }

    void markStarted() {
      started = true;
    }

    boolean started() {
      return started;
    }
  }

  private final OkHttpClient http;
  private final Retrofit retrofit;
  private final Map<Method, Converter<ResponseBody, ?>> converters = new ConcurrentHashMap<>();
  private final RetryPolicy defaultPolicy;
  private final Duration defaultTimeout;
  private final long clientMaxBodyBytes;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final ErrorMapper errors;
  private final Redactor redactor;
  private final ScheduledExecutorService timer;
  private final @Nullable ResponseListener listener;
  private final CallLog log;
  private final Set<Run<?>> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param clientMaxBodyBytes the client's limit on success bodies, replacing the operations' own, or -1
   * @param timer runs the deadlines of asynchronous attempts and the interrupt watch of synchronous ones
   */
  CallExecutor(OkHttpClient http, Retrofit retrofit, RetryPolicy defaultPolicy, Duration defaultTimeout,
      long clientMaxBodyBytes, Sleeper sleeper, DoubleSupplier jitter, ErrorMapper errors, Redactor redactor,
      ScheduledExecutorService timer, @Nullable ResponseListener listener, CallLog log) {
    this.listener = listener;
    this.log = log;
    this.http = http;
    this.retrofit = retrofit;
    this.defaultPolicy = defaultPolicy;
    this.defaultTimeout = defaultTimeout;
    this.clientMaxBodyBytes = clientMaxBodyBytes;
    this.sleeper = sleeper;
    this.jitter = jitter;
    this.errors = errors;
    this.redactor = redactor;
    this.timer = timer;
  }

  /** The masking of this client's secrets. */
  Redactor redactor() {
    return redactor;
  }

  /**
   * Runs the call, retrying as the policy allows; returns the decoded body, never null.
   *
   * @param maxBodyBytes the operation's limit on its success body (replaced by the client's or the call's
   *     {@code maxResponseBytes} when set)
   */
  <T> T execute(Supplier<Call<T>> calls, Safety safety, long maxBodyBytes, RequestOptions options) {
    T body = runSync(new Run<>(calls, safety, options, maxBodyBytes, true, Thread.currentThread()));
    return java.util.Objects.requireNonNull(body); // a missing body is an S2DecodingException
  }

  /**
   * A success and what came with it: the decoded body (null for an operation without one), the status and the
   * headers of the response it was read from.
   */
  static final class Exchange<T> {
    final @Nullable T body;
    final int status;
    final okhttp3.Headers headers;

    Exchange(@Nullable T body, int status, okhttp3.Headers headers) {
      this.body = body;
      this.status = status;
      this.headers = headers;
    }
  }

  /** {@link #execute} (or {@link #executeWithoutBody} when {@code needsBody} is false), with the response's status and headers. */
  <T> Exchange<T> exchange(Supplier<Call<T>> calls, Safety safety, long maxBodyBytes, boolean needsBody,
      RequestOptions options) {
    Run<T> run = new Run<>(calls, safety, options, needsBody ? maxBodyBytes : BoundedBodies.SMALL_BODY_BYTES,
        needsBody, Thread.currentThread());
    T body = runSync(run);
    if (needsBody) {
      java.util.Objects.requireNonNull(body); // a missing body is an S2DecodingException
    }
    return new Exchange<>(body, run.status, run.headers);
  }

  /** The asynchronous form of {@link #exchange}. */
  <T> CompletableFuture<Exchange<T>> exchangeAsync(Supplier<Call<T>> calls, Safety safety, long maxBodyBytes,
      boolean needsBody, RequestOptions options) {
    Run<T> run = new Run<>(calls, safety, options, needsBody ? maxBodyBytes : BoundedBodies.SMALL_BODY_BYTES,
        needsBody, null);
    return runAsync(run).thenApply(body -> new Exchange<>(body, run.status, run.headers));
  }

  /** Runs a call whose success has no body to read (such as 204), retrying as the policy allows. */
  void executeWithoutBody(Supplier<Call<Void>> calls, Safety safety, RequestOptions options) {
    runSync(new Run<>(calls, safety, options, BoundedBodies.SMALL_BODY_BYTES, false, Thread.currentThread()));
  }

  /** The asynchronous form of {@link #execute}: the future fails with the same {@link S2Exception}s. */
  <T> CompletableFuture<T> executeAsync(Supplier<Call<T>> calls, Safety safety, long maxBodyBytes,
      RequestOptions options) {
    return runAsync(new Run<>(calls, safety, options, maxBodyBytes, true, null));
  }

  /** The asynchronous form of {@link #executeWithoutBody}. */
  CompletableFuture<Void> executeWithoutBodyAsync(Supplier<Call<Void>> calls, Safety safety,
      RequestOptions options) {
    return runAsync(new Run<>(calls, safety, options, BoundedBodies.SMALL_BODY_BYTES, false, null));
  }

  /** Refuses every later call and stops the calls in flight: their requests are cancelled, no retry follows. */
  void close() {
    closed = true;
    for (Run<?> run : running) {
      run.stop(Stop.CLOSED);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this S2Client is closed");
    }
  }

  /** Registers a call as running; a close that came first stops it. */
  private void enter(Run<?> run) {
    running.add(run);
    if (closed) {
      run.stop(Stop.CLOSED);
    }
  }

  // ---------------------------------------------------------------------------------------------- synchronous

  private <T> @Nullable T runSync(Run<T> run) {
    checkOpen();
    Attempt attempt = newAttempt(run, 1); // builds the request: invalid arguments fail here, before any request
    enter(run);
    try {
      while (true) {
        Outcome<T> outcome = attemptSync(run, attempt);
        if (outcome.failure == null) {
          return outcome.value;
        }
        Stop why = run.stop.get();
        if (why != null) { // stopped: whatever the attempt's own outcome, the call ends here
          if (why == Stop.INTERRUPTED) {
            Thread.currentThread().interrupt();
          }
          throw exit(outcome.failure instanceof S2InterruptedException
              ? outcome.failure
              : stopped(run, why, attempt.number, outcome.failure));
        }
        Duration delay = retryDelay(outcome.failure, attempt.number, run);
        if (delay == null) {
          throw exit(outcome.failure);
        }
        pause(run, delay, attempt.number);
        attempt = newAttempt(run, attempt.number + 1);
      }
    } finally {
      running.remove(run);
    }
  }

  private <T> Outcome<T> attemptSync(Run<T> run, Attempt a) {
    run.current = a;
    if (run.caller != null && run.caller.isInterrupted()) {
      run.stop(Stop.INTERRUPTED);
    }
    if (run.stop.get() != null) {
      a.raw.cancel(); // stopped before the attempt was current: it fails at once
    }
    Thread caller = run.caller;
    a.watch = schedule(run, () -> {
      if (caller != null && caller.isInterrupted()) {
        run.stop(Stop.INTERRUPTED);
      }
    }, INTERRUPT_POLL, true);
    try (Response response = a.raw.execute()) {
      return fromResponse(run, a, response);
    } catch (IOException | RuntimeException e) {
      return Outcome.failed(classify(run, a, e));
    } finally {
      cancelWatch(a);
    }
  }

  /** Waits before a retry; the system sleeper's wait also ends when the call is stopped. */
  private void pause(Run<?> run, Duration delay, int attempts) {
    try {
      if (sleeper == Sleeper.system()) {
        run.stopped.await(delay.toNanos(), TimeUnit.NANOSECONDS);
      } else {
        sleeper.sleep(delay);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw exit(new S2InterruptedException("interrupted while waiting to retry " + run.request, e, attempts));
    }
    Stop why = run.stop.get();
    if (why != null) {
      if (why == Stop.INTERRUPTED) {
        Thread.currentThread().interrupt();
      }
      throw exit(stopped(run, why, attempts, null));
    }
  }

  // --------------------------------------------------------------------------------------------- asynchronous

  private <T> CompletableFuture<T> runAsync(Run<T> run) {
    checkOpen();
    Attempt first = newAttempt(run, 1);
    CallFuture<T> result = run.result;
    result.whenComplete((v, e) -> running.remove(run));
    enter(run);
    sendAsync(run, first);
    return result;
  }

  private <T> void sendAsync(Run<T> run, Attempt a) {
    run.current = a;
    if (run.stop.get() != null || run.result.isDone()) {
      a.raw.cancel();
      return;
    }
    a.watch = schedule(run, () -> {
      // whether it started is decided now: cancelling frees dispatcher slots, which lets queued calls run (and
      // pass the interceptor that marks them started) before their own deadlines are handled
      a.startedByDeadline = a.tag.started();
      a.timedOut = true;
      a.raw.cancel(); // a queued call would report it only when the dispatcher reaches it: settle now
      settle(run, a, Outcome.failed(classify(run, a, null)));
    }, run.timeout, false);
    a.raw.enqueue(new okhttp3.Callback() {
      @Override
      public void onResponse(okhttp3.Call call, Response response) {
        Outcome<T> outcome;
        try (response) {
          outcome = fromResponse(run, a, response);
        } catch (RuntimeException e) {
          outcome = Outcome.failed(classify(run, a, e));
        }
        settle(run, a, outcome);
      }

      @Override
      public void onFailure(okhttp3.Call call, IOException e) {
        settle(run, a, Outcome.failed(classify(run, a, e)));
      }
    });
  }

  private <T> void settle(Run<T> run, Attempt a, Outcome<T> outcome) {
    if (!a.settled.compareAndSet(false, true)) {
      return;
    }
    cancelWatch(a);
    CallFuture<T> result = run.result;
    if (outcome.failure == null) {
      result.complete(outcome.value);
      return;
    }
    Duration delay = run.stop.get() != null || result.isDone() ? null : retryDelay(outcome.failure, a.number, run);
    if (delay == null) {
      result.completeExceptionally(exit(outcome.failure));
      return;
    }
    sleeper.sleepAsync(delay).whenComplete((v, e) -> {
      if (result.isDone()) {
        return;
      }
      Attempt next;
      try {
        next = newAttempt(run, a.number + 1);
      } catch (RuntimeException failure) {
        result.completeExceptionally(exit(new S2ConnectionException(
            run.request + " could not be sent again: " + failure, failure, a.number)));
        return;
      }
      sendAsync(run, next);
    });
  }

  // ----------------------------------------------------------------------------------------------- attempts

  private <T> Attempt newAttempt(Run<T> run, int number) {
    Request request = run.calls.get().request(); // Retrofit builds it from the interface's annotations
    if (run.needsBody && run.converter == null) {
      run.converter = converter(request);
    }
    run.request = request.method() + " " + request.url().encodedPath();
    AttemptTag tag = new AttemptTag(run.maxBodyBytes);
    okhttp3.Call raw = http.newCall(request.newBuilder().tag(AttemptTag.class, tag).build());
    raw.timeout().timeout(run.timeout.toNanos(), TimeUnit.NANOSECONDS);
    Attempt attempt = new Attempt(raw, number, tag);
    attempt.startNanos = System.nanoTime();
    return attempt;
  }

  @SuppressWarnings("unchecked")
  private <T> Converter<ResponseBody, T> converter(Request request) {
    Invocation invocation = request.tag(Invocation.class);
    if (invocation == null) {
      throw new IllegalStateException("the request of " + request.method() + " " + request.url().encodedPath()
          + " does not come from a Retrofit interface");
    }
    return (Converter<ResponseBody, T>) converters.computeIfAbsent(invocation.method(), method -> {
      Type call = method.getGenericReturnType(); // Call<T>
      Type body = ((ParameterizedType) call).getActualTypeArguments()[0];
      return retrofit.responseBodyConverter(body, method.getAnnotations());
    });
  }

  private <T> Outcome<T> fromResponse(Run<T> run, Attempt a, Response response) {
    int status = response.code();
    observe(run, a, response);
    if (status < 200 || status > 299) {
      ErrorDetails details = errors.details(run.request, response);
      return Outcome.failed(ErrorMapper.toException(details, a.number));
    }
    run.status = status;
    run.headers = response.headers();
    if (!run.needsBody) {
      return Outcome.ok(null);
    }
    try {
      T value = status == 204 || status == 205 ? null : run.<T>converter().convert(response.body());
      if (value == null) {
        return Outcome.failed(new S2DecodingException(
            run.request + ": the " + status + " response body was empty or null", null, a.number));
      }
      return Outcome.ok(value);
    } catch (BoundedBodies.BodyTooLarge | BoundedBodies.TransportFailure e) {
      return Outcome.failed(classify(run, a, e));
    } catch (IOException | com.squareup.moshi.JsonDataException e) {
      if (run.stop.get() != null || a.timedOut) {
        return Outcome.failed(classify(run, a, e));
      }
      return Outcome.failed(new S2DecodingException(
          run.request + ": the response body does not match the spec: " + e.getMessage(), e, a.number));
    } catch (RuntimeException e) {
      return Outcome.failed(new S2DecodingException(
          run.request + " failed while reading the response: " + e, e, a.number));
    }
  }

  /** The exception of a failed attempt; {@code t} is null when its deadline ended it. */
  private S2Exception classify(Run<?> run, Attempt a, @Nullable Throwable t) {
    String request = run.request;
    int n = a.number;
    Stop why = run.stop.get();
    if (why != null) {
      return stopped(run, why, n, t);
    }
    if (a.timedOut) {
      boolean started = a.startedByDeadline != null ? a.startedByDeadline : a.tag.started();
      return started ? timedOut(run, n, t) : neverStarted(run, n);
    }
    if (t instanceof S2Exception) {
      return (S2Exception) t;
    }
    if (t instanceof BoundedBodies.BodyTooLarge) {
      return new S2DecodingException(request + ": " + t.getMessage() + " (maxResponseBytes: raise it on the "
          + "client or the call if such bodies are expected)", t, n);
    }
    if (t instanceof AttemptInterceptor.StackFailure) {
      return new S2ConnectionException(request + " failed in the HTTP client: " + t.getMessage(), t.getCause(), n);
    }
    boolean readingBody = t instanceof BoundedBodies.TransportFailure;
    Throwable io = readingBody && t.getCause() != null ? t.getCause() : t;
    if (io instanceof InterruptedIOException) {
      if (run.caller != null && run.caller.isInterrupted()) {
        return new S2InterruptedException(request + " was interrupted", io, n);
      }
      return timedOut(run, n, io);
    }
    if (io instanceof IOException) {
      return new S2ConnectionException(request + " failed: " + io.getClass().getSimpleName() + ": "
          + io.getMessage() + (readingBody ? " (while reading the response body)" : ""), io, n);
    }
    return new S2ConnectionException(request + " failed: " + io, io, n);
  }

  private S2TimeoutException timedOut(Run<?> run, int n, @Nullable Throwable t) {
    String detail = t == null || t.getMessage() == null ? "" : ": " + t.getMessage();
    return new S2TimeoutException(run.request + " timed out (request timeout " + run.timeout.toMillis()
        + " ms per attempt)" + detail, t, n);
  }

  private S2TimeoutException neverStarted(Run<?> run, int n) {
    return new S2TimeoutException(run.request + " never started: it waited its whole request timeout ("
        + run.timeout.toMillis() + " ms) in the HTTP client's queue, which runs at most "
        + http.dispatcher().getMaxRequestsPerHost() + " calls per host at once", null, n);
  }

  private static S2InterruptedException stopped(Run<?> run, Stop why, int n, @Nullable Throwable t) {
    switch (why) {
      case INTERRUPTED:
        return new S2InterruptedException(run.request + " was interrupted", t, n);
      case CLOSED:
        return new S2InterruptedException(run.request + " was stopped: the S2Client was closed", t, n);
      default:
        return new S2InterruptedException(run.request + " was cancelled", t, n);
    }
  }

  /**
   * Tells the listeners of the client and of the call about a response, and logs it; what they throw is logged,
   * never passed on. Header values are masked.
   */
  private void observe(Run<?> run, Attempt a, Response response) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - a.startNanos);
    if (log.enabled()) {
      log.debug(redactor.redact(run.request + " attempt " + a.number + "/" + run.policy.maxAttempts() + ": "
          + response.code() + " in " + elapsed.toMillis() + " ms"));
    }
    if (listener == null && run.listener == null) {
      return;
    }
    java.util.Map<String, java.util.List<String>> headers = new java.util.LinkedHashMap<>();
    for (String name : response.headers().names()) {
      java.util.List<String> values = new java.util.ArrayList<>();
      for (String v : response.headers(name)) {
        values.add(redactor.redact(v));
      }
      headers.put(name, values);
    }
    ResponseInfo info = new ResponseInfo(run.request, a.number, response.code(), headers, elapsed);
    for (ResponseListener l : new ResponseListener[] {listener, run.listener}) {
      if (l != null) {
        try {
          l.onResponse(info);
        } catch (RuntimeException e) {
          log.warn("a ResponseListener failed on " + run.request + "; the call goes on", e);
        }
      }
    }
  }

  /** The wait before the next attempt, or null when the failure is final; logs the decision. */
  private @Nullable Duration retryDelay(S2Exception failure, int attempt, Run<?> run) {
    Duration delay = decideRetry(failure, attempt, run);
    if (log.enabled()) {
      String why;
      if (delay != null) {
        why = "retrying in " + delay.toMillis() + " ms";
      } else if (attempt >= run.policy.maxAttempts()) {
        why = "not retried: " + attempt + " of " + run.policy.maxAttempts() + " attempts made";
      } else if (!failure.isRetryable()) {
        why = "not retried: not retryable";
      } else {
        why = "not retried: the request may have taken effect and is not safe to repeat";
      }
      log.debug(failure.getMessage() + " (attempt " + attempt + "); " + why); // getMessage() is masked
    }
    return delay;
  }

  private @Nullable Duration decideRetry(S2Exception failure, int attempt, Run<?> run) {
    if (attempt >= run.policy.maxAttempts() || !failure.isRetryable()) {
      return null;
    }
    if (run.safety == Safety.NOT_IDEMPOTENT && !neverTookEffect(failure)) {
      return null;
    }
    Duration serverDelay = failure instanceof S2ServiceException
        ? ((S2ServiceException) failure).retryAfter().orElse(null)
        : null;
    return run.policy.delay(attempt - 1, serverDelay, jitter.getAsDouble());
  }

  /**
   * True when the failure shows the service did not act on the request: the connection was refused (nothing
   * was sent), or the service answered 429 (rate limited) or 503 (unavailable), both given before processing
   * (not in an S2S session's terminal frame, which comes after S2 read the input: see
   * {@link S2Exception#isOutcomeUnknown()}).
   */
  static boolean neverTookEffect(S2Exception failure) {
    if (failure.isOutcomeUnknown()) {
      return false;
    }
    if (failure instanceof RateLimitedException) {
      return true;
    }
    if (failure instanceof ServerErrorException && ((ServerErrorException) failure).status() == 503) {
      return true;
    }
    return failure instanceof S2ConnectionException && failure.getCause() instanceof ConnectException;
  }

  /** Every exception leaves through here: its whole message and its causes masked. */
  private S2Exception exit(S2Exception e) {
    return e.masked(redactor);
  }

  private @Nullable ScheduledFuture<?> schedule(Run<?> run, Runnable task, Duration delay, boolean periodic) {
    try {
      long nanos = delay.toNanos();
      return periodic
          ? timer.scheduleWithFixedDelay(task, nanos, nanos, TimeUnit.NANOSECONDS)
          : timer.schedule(task, nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      run.stop(Stop.CLOSED); // the timer is shut down: the client is closing
      return null;
    }
  }

  private static void cancelWatch(Attempt a) {
    ScheduledFuture<?> watch = a.watch;
    if (watch != null) {
      watch.cancel(false);
    }
  }

  /** One logical call: its settings, its attempts, and why it stopped, if it did. */
  private final class Run<T> {
    final Supplier<Call<T>> calls;
    final Safety safety;
    final RetryPolicy policy;
    final Duration timeout;
    final long maxBodyBytes;
    final boolean needsBody;
    /** The thread blocked in a synchronous call; null for an asynchronous one. */
    final @Nullable Thread caller;
    /** The future of an asynchronous call; cancelling it (or a future derived from it) stops the call. */
    final CallFuture<T> result;
    final AtomicReference<Stop> stop = new AtomicReference<>();
    final CountDownLatch stopped = new CountDownLatch(1);
    volatile @Nullable Attempt current;
    volatile String request = "";
    final @Nullable ResponseListener listener;
    /** The status and headers of the success response, once there is one. */
    volatile int status;
    volatile okhttp3.Headers headers = okhttp3.Headers.EMPTY;
    @Nullable Converter<ResponseBody, ?> converter;

    Run(Supplier<Call<T>> calls, Safety safety, RequestOptions options, long operationMaxBodyBytes,
        boolean needsBody, @Nullable Thread caller) {
      this.calls = calls;
      this.safety = safety;
      this.policy = options.retryPolicy().orElse(defaultPolicy);
      this.timeout = options.requestTimeout().orElse(defaultTimeout);
      this.maxBodyBytes = options.maxResponseBytes()
          .orElse(clientMaxBodyBytes >= 0 ? clientMaxBodyBytes : operationMaxBodyBytes);
      this.needsBody = needsBody;
      this.caller = caller;
      this.listener = options.onResponse().orElse(null);
      this.result = new CallFuture<>(() -> stop(Stop.CANCELLED));
    }

    @SuppressWarnings("unchecked")
    <V> Converter<ResponseBody, V> converter() {
      return (Converter<ResponseBody, V>) java.util.Objects.requireNonNull(converter);
    }

    /** Stops the call once: cancels the request in flight; an asynchronous call's future completes now. */
    void stop(Stop why) {
      if (!stop.compareAndSet(null, why)) {
        return;
      }
      stopped.countDown();
      Attempt a = current;
      if (a != null) {
        a.raw.cancel();
      }
      if (caller == null) {
        if (why == Stop.CANCELLED) {
          result.cancel(false);
        } else {
          result.completeExceptionally(exit(stopped(this, why, a == null ? 0 : a.number, null)));
        }
      }
    }
  }

  /** One attempt: the OkHttp call that carries it. */
  private static final class Attempt {
    long startNanos;
    /** Whether the attempt had started when its deadline ran out; null before. */
    volatile @Nullable Boolean startedByDeadline;
    final okhttp3.Call raw;
    final int number;
    final AttemptTag tag;
    final AtomicBoolean settled = new AtomicBoolean();
    volatile boolean timedOut;
    volatile @Nullable ScheduledFuture<?> watch;

    Attempt(okhttp3.Call raw, int number, AttemptTag tag) {
      this.raw = raw;
      this.number = number;
      this.tag = tag;
    }
  }

  private static final class Outcome<T> {
    final @Nullable T value;
    final @Nullable S2Exception failure;

    private Outcome(@Nullable T value, @Nullable S2Exception failure) {
      this.value = value;
      this.failure = failure;
    }

    static <T> Outcome<T> ok(@Nullable T value) {
      return new Outcome<>(value, null);
    }

    static <T> Outcome<T> failed(S2Exception failure) {
      return new Outcome<>(null, failure);
    }
  }
}
