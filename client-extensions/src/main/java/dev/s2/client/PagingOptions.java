package dev.s2.client;

import java.util.OptionalLong;

/**
 * How a walk over all pages runs: a cap on the items, one page of read-ahead, per-page request
 * options. Immutable; {@link #defaults()} walks everything, one page at a time.
 */
public final class PagingOptions {
  private static final PagingOptions DEFAULTS = new Builder().build();

  private final long maxItems;
  private final boolean prefetch;
  private final RequestOptions requestOptions;

  private PagingOptions(Builder b) {
    this.maxItems = b.maxItems;
    this.prefetch = b.prefetch;
    this.requestOptions = b.requestOptions;
  }

  /**
   * No cap, no prefetch, the client's request settings.
   *
   * @return the default options
   */
  public static PagingOptions defaults() {
    return DEFAULTS;
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
   * The most items the walk yields; the last page asks only for what is left.
   *
   * @return the cap, or empty for no cap
   */
  public OptionalLong maxItems() {
    return maxItems < 0 ? OptionalLong.empty() : OptionalLong.of(maxItems);
  }

  /**
   * Whether page N+1 is requested as soon as page N arrives, so fetching overlaps the caller's
   * processing. Memory then holds at most two pages.
   *
   * @return true when prefetching
   */
  public boolean prefetch() {
    return prefetch;
  }

  /**
   * The options of every page request (timeout, retry policy).
   *
   * @return the per-page request options
   */
  public RequestOptions requestOptions() {
    return requestOptions;
  }

  @Override
  public String toString() {
    return "PagingOptions{maxItems="
        + maxItems()
        + ", prefetch="
        + prefetch
        + ", requestOptions="
        + requestOptions
        + '}';
  }

  /** Builds {@link PagingOptions}. */
  public static final class Builder {
    private long maxItems = -1;
    private boolean prefetch;
    private RequestOptions requestOptions = RequestOptions.defaults();

    private Builder() {}

    /**
     * Stops the walk after this many items.
     *
     * @param maxItems zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxItems(long maxItems) {
      this.maxItems = Checks.range(maxItems, 0, Long.MAX_VALUE, "maxItems");
      return this;
    }

    /**
     * Requests the next page while the caller processes the current one (off by default).
     *
     * @param prefetch true to read one page ahead
     * @return this builder
     */
    public Builder prefetch(boolean prefetch) {
      this.prefetch = prefetch;
      return this;
    }

    /**
     * Options applied to every page request.
     *
     * @param requestOptions not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder requestOptions(RequestOptions requestOptions) {
      this.requestOptions = Checks.notNull(requestOptions, "requestOptions");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the new options
     */
    public PagingOptions build() {
      return new PagingOptions(this);
    }
  }
}
