package dev.s2.client;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When and how long to wait before sending a failed request again. Immutable.
 *
 * <p>Retried: responses 408, 429, 500, 502, 503, 504 (and 409 {@code transaction_conflict}),
 * connection failures and timeouts, for requests that are safe to repeat. The wait before retry
 * {@code n} (0 for the first) is {@code base + uniform(0, base)} with {@code base = min(baseDelay *
 * 2^n, maxDelay)}, as in the official S2 SDKs; when the response asks for a delay ({@code
 * retry-after-ms} or {@code Retry-After}) that delay is used instead, capped at {@link
 * #maxRetryAfter()}.
 *
 * <p>{@link #defaults()}: 3 attempts in all, base 100 ms, max 1 s, server-requested delays up to 10
 * s. {@link #none()}: one attempt, never retried.
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration maxRetryAfter;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.baseDelay = b.baseDelay;
    this.maxDelay = b.maxDelay;
    this.maxRetryAfter = b.maxRetryAfter;
  }

  /**
   * The policy of the official S2 SDKs: 3 attempts, backoff from 100 ms to 1 s with jitter.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * Never retry: every request is sent once.
   *
   * @return a policy of one attempt
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Attempts in all, the first included.
   *
   * @return at least 1
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * The backoff base before the first retry.
   *
   * @return a positive duration
   */
  public Duration baseDelay() {
    return baseDelay;
  }

  /**
   * The largest backoff base.
   *
   * @return a positive duration
   */
  public Duration maxDelay() {
    return maxDelay;
  }

  /**
   * The longest server-requested delay that is honoured; a longer request waits this long.
   *
   * @return a duration, zero or more
   */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * The wait before retry number {@code retry} (0 for the first retry).
   *
   * @param retry how many retries came before this one
   * @param serverDelay the delay the failed response asked for, or null
   * @param jitter a number in [0, 1)
   * @return how long to wait
   */
  Duration delay(int retry, @Nullable Duration serverDelay, double jitter) {
    if (serverDelay != null) {
      return serverDelay.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : serverDelay;
    }
    long maxNanos = maxDelay.toNanos();
    long base = Math.min(baseDelay.toNanos(), maxNanos);
    for (int i = 0; i < retry && base < maxNanos; i++) {
      base = Math.min(base * 2, maxNanos); // no overflow: both are at most one hour
    }
    return Duration.ofNanos(base + (long) (base * jitter));
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RetryPolicy)) {
      return false;
    }
    RetryPolicy p = (RetryPolicy) o;
    return maxAttempts == p.maxAttempts
        && baseDelay.equals(p.baseDelay)
        && maxDelay.equals(p.maxDelay)
        && maxRetryAfter.equals(p.maxRetryAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, baseDelay, maxDelay, maxRetryAfter);
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", baseDelay="
        + baseDelay
        + ", maxDelay="
        + maxDelay
        + ", maxRetryAfter="
        + maxRetryAfter
        + '}';
  }

  /** Builds a {@link RetryPolicy}; every setter checks its argument at once. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration baseDelay = Duration.ofMillis(100);
    private Duration maxDelay = Duration.ofSeconds(1);
    private Duration maxRetryAfter = Duration.ofSeconds(10);

    private Builder() {}

    /**
     * Attempts in all, the first included (default 3; 1 turns retries off).
     *
     * @param maxAttempts 1 to 100
     * @return this builder
     * @throws IllegalArgumentException outside 1..100
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = (int) Checks.range(maxAttempts, 1, 100, "maxAttempts");
      return this;
    }

    /**
     * The backoff base before the first retry (default 100 ms).
     *
     * @param baseDelay more than 0, at most 1 hour
     * @return this builder
     * @throws IllegalArgumentException if null or out of range
     */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = Checks.duration(baseDelay, "baseDelay");
      return this;
    }

    /**
     * The largest backoff base (default 1 s).
     *
     * @param maxDelay more than 0, at most 1 hour
     * @return this builder
     * @throws IllegalArgumentException if null or out of range
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = Checks.duration(maxDelay, "maxDelay");
      return this;
    }

    /**
     * The longest server-requested delay honoured (default 10 s); longer requests wait this long.
     *
     * @param maxRetryAfter zero (ignore server delays beyond backoff) to 1 hour
     * @return this builder
     * @throws IllegalArgumentException if null, negative or more than 1 hour
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter =
          maxRetryAfter != null && maxRetryAfter.isZero()
              ? maxRetryAfter
              : Checks.duration(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the new policy
     * @throws IllegalArgumentException if baseDelay exceeds maxDelay
     */
    public RetryPolicy build() {
      if (baseDelay.compareTo(maxDelay) > 0) {
        throw new IllegalArgumentException(
            "baseDelay (" + baseDelay + ") must not exceed maxDelay (" + maxDelay + ")");
      }
      return new RetryPolicy(this);
    }
  }
}
