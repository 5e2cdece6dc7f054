package dev.s2.client;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
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
  private final @Nullable ResponseListener onResponse;
  private final long maxResponseBytes;

  private RequestOptions(Builder b) {
    this.requestTimeout = b.requestTimeout;
    this.retryPolicy = b.retryPolicy;
    this.onResponse = b.onResponse;
    this.maxResponseBytes = b.maxResponseBytes;
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

  /**
   * The most bytes of a success response body this call reads, replacing the client's and the
   * operation's limit; a longer body fails with {@link S2DecodingException}.
   *
   * @return the limit, or empty to use the client's
   */
  public OptionalLong maxResponseBytes() {
    return maxResponseBytes < 0 ? OptionalLong.empty() : OptionalLong.of(maxResponseBytes);
  }

  /**
   * The listener told about every response of this call (each attempt's), besides the client's.
   *
   * @return the listener, or empty
   */
  public Optional<ResponseListener> onResponse() {
    return Optional.ofNullable(onResponse);
  }

  @Override
  public String toString() {
    return "RequestOptions{requestTimeout="
        + requestTimeout
        + ", retryPolicy="
        + retryPolicy
        + ", maxResponseBytes="
        + maxResponseBytes()
        + '}';
  }

  /** Builds {@link RequestOptions}. */
  public static final class Builder {
    private @Nullable Duration requestTimeout;
    private @Nullable RetryPolicy retryPolicy;
    private long maxResponseBytes = -1;
    private @Nullable ResponseListener onResponse;

    private Builder() {}

    /**
     * Tells {@code listener} about every response this call receives (one per attempt): status,
     * headers, request id, time. The client's own listener, if any, is told too.
     *
     * @param listener not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder onResponse(ResponseListener listener) {
      this.onResponse = Checks.notNull(listener, "listener");
      return this;
    }

    /**
     * Bounds each attempt of this call, from the moment it is made (queueing in the HTTP client
     * included) to the last byte of the body.
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
     * The most bytes of a success response body this call reads (after gzip decoding). Each
     * operation has a default derived from the spec (see {@link
     * S2Client.Builder#maxResponseBytes}).
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
     * Builds the options.
     *
     * @return the new options
     */
    public RequestOptions build() {
      return new RequestOptions(this);
    }
  }
}
