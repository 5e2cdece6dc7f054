package dev.s2.client;

import dev.s2.model.AccessTokenInfo;
import dev.s2.model.AccessTokenScope;
import dev.s2.model.PermittedOperationGroups;
import dev.s2.model.ReadWritePermissions;
import dev.s2.model.ResourceSetPrefix;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The few operations whose behaviour the spec cannot express, keyed by operationId. The generated facades call
 * every operation through {@link ClientRuntime}, which asks this class for the operation's case; everything
 * else about an operation is derived from the spec.
 *
 * <ul>
 *   <li>{@code issue_access_token}: checked before sending (the expiry is not in the past by the client's clock;
 *       the scope grants at least one operation; {@code auto_prefix_streams} needs a stream prefix). A retried
 *       issue answered 409 {@code resource_already_exists} may be the echo of an attempt that worked: it fails
 *       with {@link IssueMayHaveSucceededException}, never a plain conflict.
 *   <li>{@code revoke_access_token}: a 404 on a retried attempt means an earlier attempt, whose answer was lost,
 *       revoked the token: success.
 * </ul>
 */
final class SpecialCases {
  private SpecialCases() {}

  /** What an operation does beyond the spec. The defaults do nothing. */
  interface Case {
    /** Checks the params before any request; throws {@link IllegalArgumentException}. */
    default void check(@Nullable Object params, Clock clock) {}

    /** Turns a final failure into a result, or into another exception; by default rethrows it. */
    default <T> T recover(S2Exception failure, @Nullable Object params) {
      throw failure;
    }
  }

  private static final Case NONE = new Case() {};

  private static final Case ISSUE_ACCESS_TOKEN = new Case() {
    @Override
    public void check(@Nullable Object params, Clock clock) {
      AccessTokenInfo info = ((IssueAccessTokenParams) params).body();
      OffsetDateTime expiresAt = info.expiresAt().orElse(null);
      if (expiresAt != null && expiresAt.toInstant().isBefore(clock.instant())) {
        throw new IllegalArgumentException("expiresAt of access token '" + info.id() + "' is in the past: "
            + expiresAt + " (now " + clock.instant() + ")");
      }
      AccessTokenScope scope = info.scope();
      PermittedOperationGroups groups = scope.opGroups().orElse(null);
      boolean groupGrants = groups != null && Stream.of(groups.account(), groups.basin(), groups.stream())
          .anyMatch(p -> p.map(SpecialCases::grants).orElse(false));
      boolean opsGrant = scope.ops().map(ops -> !ops.isEmpty()).orElse(false);
      if (!opsGrant && !groupGrants) {
        throw new IllegalArgumentException("the scope of access token '" + info.id() + "' grants no operation: "
            + "allow at least one operation (ops) or the read or write of an operation group");
      }
      if (info.autoPrefixStreams() && !(scope.streams().orElse(null) instanceof ResourceSetPrefix)) {
        throw new IllegalArgumentException("autoPrefixStreams needs streams to be a prefix (ResourceSetPrefix), was "
            + scope.streams().map(Object::toString).orElse("unset"));
      }
    }

    @Override
    public <T> T recover(S2Exception failure, @Nullable Object params) {
      if (failure instanceof ConflictException && failure.attempts() > 1
          && ((ConflictException) failure).code().filter("resource_already_exists"::equals).isPresent()) {
        throw new IssueMayHaveSucceededException((ConflictException) failure,
            ((IssueAccessTokenParams) params).body().id());
      }
      throw failure;
    }
  };

  private static final Case REVOKE_ACCESS_TOKEN = new Case() {
    @Override
    public <T> T recover(S2Exception failure, @Nullable Object params) {
      if (failure instanceof NotFoundException && failure.attempts() > 1) {
        return null; // revoked by an earlier attempt whose answer was lost
      }
      throw failure;
    }
  };

  private static boolean grants(ReadWritePermissions p) {
    return p.read() || p.write();
  }

  static Case of(String operationId) {
    switch (operationId) {
      case "issue_access_token":
        return ISSUE_ACCESS_TOKEN;
      case "revoke_access_token":
        return REVOKE_ACCESS_TOKEN;
      default:
        return NONE;
    }
  }
}
