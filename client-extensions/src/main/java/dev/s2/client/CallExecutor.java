package dev.s2.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Runs generated Retrofit calls with the client's per-attempt timeout and retry policy, and turns every
 * outcome into a value or an {@link S2Exception}: the one place where retries, timeouts and the
 * classification of failures live. Each attempt is a fresh {@link Call} from the supplier.
 */
final class CallExecutor {

  /** Whether a request may be sent again after a failure whose effect is unknown. */
  enum Safety {
    /** Reading, or an operation whose repetition has the same effect (list, revoke). */
    IDEMPOTENT,
    /** Retried only when the failure shows the request never took effect (refused connection, 429). */
    NOT_IDEMPOTENT
  }

  private final RetryPolicy defaultPolicy;
  private final Duration defaultTimeout;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final ErrorMapper errors;
  private volatile boolean closed;

  CallExecutor(RetryPolicy defaultPolicy, Duration defaultTimeout, Sleeper sleeper, DoubleSupplier jitter,
      ErrorMapper errors) {
    this.defaultPolicy = defaultPolicy;
    this.defaultTimeout = defaultTimeout;
    this.sleeper = sleeper;
    this.jitter = jitter;
    this.errors = errors;
  }

  /** Runs the call, retrying as the policy allows; returns the decoded body, never null. */
  <T> T execute(Supplier<Call<T>> calls, Safety safety, RequestOptions options) {
    T body = run(calls, safety, options, true);
    return java.util.Objects.requireNonNull(body); // run() fails with S2DecodingException on a missing body
  }

  /** Runs a call whose success has no body (such as 204), retrying as the policy allows. */
  void executeWithoutBody(Supplier<Call<Void>> calls, Safety safety, RequestOptions options) {
    run(calls, safety, options, false);
  }

  /** Refuses every later call: the client is closed. */
  void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this S2Client is closed");
    }
  }

  private <T> @Nullable T run(Supplier<Call<T>> calls, Safety safety, RequestOptions options, boolean needsBody) {
    checkOpen();
    RetryPolicy policy = options.retryPolicy().orElse(defaultPolicy);
    Duration timeout = options.requestTimeout().orElse(defaultTimeout);
    for (int attempt = 1; ; attempt++) {
      Call<T> call = start(calls, timeout);
      Outcome<T> outcome;
      try {
        outcome = fromResponse(call, call.execute(), attempt, needsBody);
      } catch (IOException | RuntimeException e) {
        outcome = Outcome.failed(classify(call, e, attempt, timeout));
      }
      if (outcome.failure == null) {
        return outcome.value;
      }
      Duration delay = retryDelay(outcome.failure, attempt, policy, safety);
      if (delay == null) {
        throw outcome.failure;
      }
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new S2InterruptedException(
            "interrupted while waiting to retry " + describe(call), e, attempt);
      }
    }
  }

  /** The asynchronous form of {@link #execute}: the future fails with the same {@link S2Exception}s. */
  <T> CompletableFuture<T> executeAsync(Supplier<Call<T>> calls, Safety safety, RequestOptions options) {
    checkOpen();
    AsyncRun<T> run = new AsyncRun<>(calls, safety, options, true);
    run.attempt(1);
    return run.result;
  }

  /** The asynchronous form of {@link #executeWithoutBody}. */
  CompletableFuture<Void> executeWithoutBodyAsync(Supplier<Call<Void>> calls, Safety safety,
      RequestOptions options) {
    checkOpen();
    AsyncRun<Void> run = new AsyncRun<>(calls, safety, options, false);
    run.attempt(1);
    return run.result;
  }

  private final class AsyncRun<T> {
    final CompletableFuture<T> result = new CompletableFuture<>();
    final Supplier<Call<T>> calls;
    final Safety safety;
    final RetryPolicy policy;
    final Duration timeout;
    final boolean needsBody;
    volatile @Nullable Call<T> current;

    AsyncRun(Supplier<Call<T>> calls, Safety safety, RequestOptions options, boolean needsBody) {
      this.calls = calls;
      this.needsBody = needsBody;
      this.safety = safety;
      this.policy = options.retryPolicy().orElse(defaultPolicy);
      this.timeout = options.requestTimeout().orElse(defaultTimeout);
      result.whenComplete((v, e) -> {
        Call<T> c = current;
        if (result.isCancelled() && c != null) {
          c.cancel();
        }
      });
    }

    void attempt(int n) {
      if (result.isDone()) {
        return;
      }
      Call<T> call;
      try {
        call = start(calls, timeout);
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return;
      }
      current = call;
      call.enqueue(new Callback<T>() {
        @Override
        public void onResponse(Call<T> c, Response<T> response) {
          Outcome<T> outcome;
          try {
            outcome = fromResponse(c, response, n, needsBody);
          } catch (RuntimeException e) {
            outcome = Outcome.failed(classify(c, e, n, timeout));
          }
          settle(outcome, n);
        }

        @Override
        public void onFailure(Call<T> c, Throwable t) {
          settle(Outcome.failed(classify(c, t, n, timeout)), n);
        }
      });
    }

    void settle(Outcome<T> outcome, int n) {
      if (outcome.failure == null) {
        result.complete(outcome.value);
        return;
      }
      Duration delay = retryDelay(outcome.failure, n, policy, safety);
      if (delay == null || result.isDone()) {
        result.completeExceptionally(outcome.failure);
        return;
      }
      sleeper.sleepAsync(delay).whenComplete((v, e) -> attempt(n + 1));
    }
  }

  private static <T> Call<T> start(Supplier<Call<T>> calls, Duration timeout) {
    Call<T> call = calls.get();
    call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    return call;
  }

  private <T> Outcome<T> fromResponse(Call<T> call, Response<T> response, int attempt, boolean needsBody) {
    if (response.isSuccessful()) {
      T body = response.body();
      if (body == null && needsBody) {
        return Outcome.failed(new S2DecodingException(
            describe(call) + ": the " + response.code() + " response body was empty or null", null, attempt));
      }
      return Outcome.ok(body);
    }
    ErrorDetails details = errors.details(describe(call), response.raw(), response.errorBody());
    return Outcome.failed(ErrorMapper.toException(details, attempt));
  }

  private static S2Exception classify(Call<?> call, Throwable t, int attempt, Duration timeout) {
    String request = describe(call);
    if (t instanceof S2Exception) {
      return (S2Exception) t;
    }
    if (ErrorMapper.isDecodingFailure(t)) {
      return new S2DecodingException(
          request + ": the response body does not match the spec: " + t.getMessage(), t, attempt);
    }
    if (t instanceof InterruptedIOException) {
      if (Thread.currentThread().isInterrupted()) {
        return new S2InterruptedException(request + " was interrupted", t, attempt);
      }
      return new S2TimeoutException(
          request + " timed out (request timeout " + timeout.toMillis() + " ms per attempt): " + t.getMessage(),
          t, attempt);
    }
    if (t instanceof IOException) {
      return new S2ConnectionException(
          request + " failed: " + t.getClass().getSimpleName() + ": " + t.getMessage(), t, attempt);
    }
    return new S2DecodingException(request + " failed while reading the response: " + t, t, attempt);
  }

  /** The wait before the next attempt, or null when the failure is final. */
  private @Nullable Duration retryDelay(S2Exception failure, int attempt, RetryPolicy policy, Safety safety) {
    if (attempt >= policy.maxAttempts() || !failure.isRetryable()) {
      return null;
    }
    if (safety == Safety.NOT_IDEMPOTENT && !neverTookEffect(failure)) {
      return null;
    }
    Duration serverDelay = failure instanceof S2ServiceException
        ? ((S2ServiceException) failure).retryAfter().orElse(null)
        : null;
    return policy.delay(attempt - 1, serverDelay, jitter.getAsDouble());
  }

  /**
   * True when the failure shows the service did not act on the request: the connection was refused (nothing
   * was sent), or the service answered 429 (rate limited) or 503 (unavailable), both given before processing.
   */
  static boolean neverTookEffect(S2Exception failure) {
    if (failure instanceof RateLimitedException) {
      return true;
    }
    if (failure instanceof ServerErrorException && ((ServerErrorException) failure).status() == 503) {
      return true;
    }
    return failure instanceof S2ConnectionException && failure.getCause() instanceof ConnectException;
  }

  static String describe(Call<?> call) {
    okhttp3.Request request = call.request();
    return request.method() + " " + request.url().encodedPath();
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
