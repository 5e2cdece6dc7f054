package dev.s2.client;

import dev.s2.model.AccessTokenInfo;
import dev.s2.model.AccessTokenScope;
import dev.s2.model.Operation;
import dev.s2.model.PermittedOperationGroups;
import dev.s2.model.ReadWritePermissions;
import dev.s2.model.ResourceSet;
import dev.s2.model.ResourceSetPrefix;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What to issue: the token's id, its scope (which resources, which operations) and its expiry. Immutable.
 * Checked when built: the id is 1 to 96 bytes, a scope must grant at least one operation, and
 * {@code autoPrefixStreams} needs a stream prefix. The expiry is checked against the client's clock on issue.
 *
 * <pre>{@code
 * IssueAccessTokenParams.builder("ci-deploy")
 *     .basins(ResourceSetPrefix.of("prod-"))
 *     .streams(ResourceSetExact.of("deploys"))
 *     .streamPermissions(true, true)
 *     .ops(Operation.LIST_STREAMS)
 *     .expiresAt(OffsetDateTime.now().plusDays(30))
 *     .build();
 * }</pre>
 */
public final class IssueAccessTokenParams {
  /** The longest id S2 accepts, in UTF-8 bytes. */
  public static final int MAX_ID_BYTES = 96;

  private final AccessTokenInfo info;

  private IssueAccessTokenParams(AccessTokenInfo info) {
    this.info = info;
  }

  /**
   * A builder for a token with this id.
   *
   * @param id unique in the account, 1 to 96 bytes of UTF-8
   * @return a new builder
   * @throws IllegalArgumentException if the id is null, empty or longer than 96 bytes
   */
  public static Builder builder(String id) {
    return new Builder(checkId(id, "id"));
  }

  /** Checks a token id: 1 to 96 bytes of UTF-8. */
  static String checkId(@Nullable String id, String name) {
    Checks.notNull(id, name);
    int bytes = id.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < 1 || bytes > MAX_ID_BYTES) {
      throw new IllegalArgumentException(
          name + " must be 1 to " + MAX_ID_BYTES + " bytes of UTF-8, was " + bytes + " bytes");
    }
    return id;
  }

  /**
   * The body sent to S2.
   *
   * @return the {@code AccessTokenInfo} of the request
   */
  public AccessTokenInfo info() {
    return info;
  }

  /**
   * The token's id.
   *
   * @return the id
   */
  public String id() {
    return info.id();
  }

  /**
   * The expiry asked for.
   *
   * @return the expiry, or empty for that of the issuing token
   */
  public Optional<OffsetDateTime> expiresAt() {
    return info.expiresAt();
  }

  @Override
  public String toString() {
    return "IssueAccessTokenParams{" + info + '}';
  }

  /** Builds {@link IssueAccessTokenParams}. */
  public static final class Builder {
    private final String id;
    private @Nullable OffsetDateTime expiresAt;
    private @Nullable ResourceSet basins;
    private @Nullable ResourceSet streams;
    private @Nullable ResourceSet accessTokens;
    private @Nullable ReadWritePermissions account;
    private @Nullable ReadWritePermissions basin;
    private @Nullable ReadWritePermissions stream;
    private final List<Operation> ops = new ArrayList<>();
    private boolean autoPrefixStreams;

    private Builder(String id) {
      this.id = id;
    }

    /**
     * When the token stops working; unset, it expires with the token that issues it.
     *
     * @param expiresAt not null; must not be in the past when issued
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder expiresAt(OffsetDateTime expiresAt) {
      this.expiresAt = Checks.notNull(expiresAt, "expiresAt");
      return this;
    }

    /**
     * The basins the token may touch ({@code ResourceSetExact.of("name")} or {@code ResourceSetPrefix.of("p")}).
     *
     * @param basins not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder basins(ResourceSet basins) {
      this.basins = Checks.notNull(basins, "basins");
      return this;
    }

    /**
     * The streams the token may touch.
     *
     * @param streams not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder streams(ResourceSet streams) {
      this.streams = Checks.notNull(streams, "streams");
      return this;
    }

    /**
     * The access tokens the token may list, issue or revoke.
     *
     * @param accessTokens not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder accessTokens(ResourceSet accessTokens) {
      this.accessTokens = Checks.notNull(accessTokens, "accessTokens");
      return this;
    }

    /**
     * Account-level operation group (list basins, account metrics, ...).
     *
     * @param read allow the group's reads
     * @param write allow the group's writes
     * @return this builder
     */
    public Builder accountPermissions(boolean read, boolean write) {
      this.account = permissions(read, write);
      return this;
    }

    /**
     * Basin-level operation group (list streams, basin config, ...).
     *
     * @param read allow the group's reads
     * @param write allow the group's writes
     * @return this builder
     */
    public Builder basinPermissions(boolean read, boolean write) {
      this.basin = permissions(read, write);
      return this;
    }

    /**
     * Stream-level operation group (read, append, trim, ...).
     *
     * @param read allow the group's reads
     * @param write allow the group's writes
     * @return this builder
     */
    public Builder streamPermissions(boolean read, boolean write) {
      this.stream = permissions(read, write);
      return this;
    }

    /**
     * Operations allowed one by one, in addition to the groups.
     *
     * @param ops the operations; none null
     * @return this builder
     * @throws IllegalArgumentException if the array or an element is null
     */
    public Builder ops(Operation... ops) {
      Checks.notNull(ops, "ops");
      for (Operation op : ops) {
        this.ops.add(Checks.notNull(op, "ops element"));
      }
      return this;
    }

    /**
     * Namespaces streams under the token's stream prefix: names are prefixed on the way in and stripped when
     * listing. Needs {@link #streams} to be a {@link ResourceSetPrefix}.
     *
     * @param autoPrefixStreams true to namespace
     * @return this builder
     */
    public Builder autoPrefixStreams(boolean autoPrefixStreams) {
      this.autoPrefixStreams = autoPrefixStreams;
      return this;
    }

    /**
     * Builds the parameters.
     *
     * @return the new parameters
     * @throws IllegalArgumentException if the scope grants no operation, or auto-prefixing lacks a stream prefix
     */
    public IssueAccessTokenParams build() {
      boolean groupGrants = Arrays.asList(account, basin, stream).stream()
          .anyMatch(p -> p != null && (p.read() || p.write()));
      if (ops.isEmpty() && !groupGrants) {
        throw new IllegalArgumentException("the scope of access token '" + id + "' grants no operation: "
            + "allow at least one operation (ops) or the read or write of an operation group");
      }
      if (autoPrefixStreams && !(streams instanceof ResourceSetPrefix)) {
        throw new IllegalArgumentException(
            "autoPrefixStreams needs streams to be a prefix (ResourceSetPrefix), was " + streams);
      }
      PermittedOperationGroups groups = account == null && basin == null && stream == null
          ? null
          : PermittedOperationGroups.builder().account(account).basin(basin).stream(stream).build();
      AccessTokenScope scope = AccessTokenScope.builder()
          .basins(basins)
          .streams(streams)
          .accessTokens(accessTokens)
          .opGroups(groups)
          .ops(ops.isEmpty() ? null : ops)
          .build();
      AccessTokenInfo info = AccessTokenInfo.builder()
          .id(id)
          .scope(scope)
          .expiresAt(expiresAt)
          .autoPrefixStreams(autoPrefixStreams ? Boolean.TRUE : null)
          .build();
      return new IssueAccessTokenParams(info);
    }

    private static @Nullable ReadWritePermissions permissions(boolean read, boolean write) {
      return read || write ? ReadWritePermissions.builder().read(read).write(write).build() : null;
    }
  }
}
