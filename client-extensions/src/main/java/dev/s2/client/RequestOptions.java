package dev.s2.client;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Per-call overrides of the client's settings. Immutable; {@link #defaults()} overrides nothing.
 *
 * <pre>{@code
 * client.accessTokens().list(params, RequestOptions.builder().requestTimeout(Duration.ofSeconds(1)).build());
 * }</pre>
 */
public final class RequestOptions {
  private static final RequestOptions DEFAULTS = new Builder().build();

  private final @Nullable Duration requestTimeout;
  private final @Nullable RetryPolicy retryPolicy;

  private RequestOptions(Builder b) {
    this.requestTimeout = b.requestTimeout;
    this.retryPolicy = b.retryPolicy;
  }

  /**
   * Options that override nothing.
   *
   * @return the empty options
   */
  public static RequestOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder that overrides nothing yet.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The per-attempt timeout of this call, replacing the client's.
   *
   * @return the timeout, or empty to use the client's
   */
  public Optional<Duration> requestTimeout() {
    return Optional.ofNullable(requestTimeout);
  }

  /**
   * The retry policy of this call, replacing the client's.
   *
   * @return the policy, or empty to use the client's
   */
  public Optional<RetryPolicy> retryPolicy() {
    return Optional.ofNullable(retryPolicy);
  }

  @Override
  public String toString() {
    return "RequestOptions{requestTimeout=" + requestTimeout + ", retryPolicy=" + retryPolicy + '}';
  }

  /** Builds {@link RequestOptions}. */
  public static final class Builder {
    private @Nullable Duration requestTimeout;
    private @Nullable RetryPolicy retryPolicy;

    private Builder() {}

    /**
     * Bounds each attempt of this call (connect, send, wait, read the body).
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
     * The retry policy of this call.
     *
     * @param retryPolicy not null; {@link RetryPolicy#none()} turns retries off for this call
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Checks.notNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the new options
     */
    public RequestOptions build() {
      return new RequestOptions(this);
    }
  }
}
