package dev.s2.client;

import static dev.s2.api.AccessTokensApi.LIST_ACCESS_TOKENS_LIMIT_MAXIMUM;
import static dev.s2.api.AccessTokensApi.LIST_ACCESS_TOKENS_LIMIT_MINIMUM;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The filters of a list of access tokens: {@code prefix}, {@code start_after} and {@code limit}. Immutable.
 * Arguments are checked when set, so a bad value fails before any request.
 *
 * <pre>{@code
 * ListAccessTokensParams.builder().prefix("ci-").limit(100).build();
 * }</pre>
 */
public final class ListAccessTokensParams {
  private static final ListAccessTokensParams ALL = builder().build();

  private final String prefix;
  private final String startAfter;
  private final int limit;

  private ListAccessTokensParams(Builder b) {
    this.prefix = b.prefix;
    this.startAfter = b.startAfter;
    this.limit = b.limit;
  }

  /**
   * No filter: every token, pages of the service's default size.
   *
   * @return the empty filter
   */
  public static ListAccessTokensParams all() {
    return ALL;
  }

  /**
   * A builder with no filter set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Only tokens whose ids begin with this prefix.
   *
   * @return the prefix, empty for all
   */
  public String prefix() {
    return prefix;
  }

  /**
   * Only tokens whose ids sort after this one: the cursor of a previous page.
   *
   * @return the cursor, empty to start at the beginning
   */
  public String startAfter() {
    return startAfter;
  }

  /**
   * The page size asked for.
   *
   * @return the limit, or empty for the service's default (1000)
   */
  public OptionalInt limit() {
    return limit < 0 ? OptionalInt.empty() : OptionalInt.of(limit);
  }

  /** A builder holding these values. */
  Builder toBuilder() {
    Builder b = new Builder();
    b.prefix = prefix;
    b.startAfter = startAfter;
    b.limit = limit;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ListAccessTokensParams)) {
      return false;
    }
    ListAccessTokensParams p = (ListAccessTokensParams) o;
    return prefix.equals(p.prefix) && startAfter.equals(p.startAfter) && limit == p.limit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(prefix, startAfter, limit);
  }

  @Override
  public String toString() {
    return "ListAccessTokensParams{prefix='" + prefix + "', startAfter='" + startAfter + "', limit="
        + limit() + '}';
  }

  /** Builds {@link ListAccessTokensParams}. */
  public static final class Builder {
    private String prefix = "";
    private String startAfter = "";
    private int limit = -1;

    private Builder() {}

    /**
     * Only tokens whose ids begin with {@code prefix}.
     *
     * @param prefix not null; empty for all tokens
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder prefix(String prefix) {
      this.prefix = Checks.notNull(prefix, "prefix");
      return this;
    }

    /**
     * Only tokens whose ids sort after {@code startAfter} (the last id of a previous page).
     *
     * @param startAfter not null; empty to start at the beginning
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder startAfter(String startAfter) {
      this.startAfter = Checks.notNull(startAfter, "startAfter");
      return this;
    }

    /**
     * The number of tokens per page.
     *
     * @param limit 0 to 1000 (the spec's bounds)
     * @return this builder
     * @throws IllegalArgumentException outside 0..1000
     */
    public Builder limit(int limit) {
      this.limit = (int) Checks.range(limit, LIST_ACCESS_TOKENS_LIMIT_MINIMUM, LIST_ACCESS_TOKENS_LIMIT_MAXIMUM,
          "limit");
      return this;
    }

    /**
     * Builds the parameters.
     *
     * @return the new parameters
     */
    public ListAccessTokensParams build() {
      return new ListAccessTokensParams(this);
    }
  }
}
