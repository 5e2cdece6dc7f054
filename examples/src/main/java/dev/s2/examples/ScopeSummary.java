package dev.s2.examples;

import dev.s2.model.AccessTokenScope;
import dev.s2.model.Operation;
import dev.s2.model.PermittedOperationGroups;
import dev.s2.model.ReadWritePermissions;
import dev.s2.model.ResourceSet;
import dev.s2.model.ResourceSetExact;
import dev.s2.model.ResourceSetPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A one-line summary of an access token's scope, such as {@code basins=prod-* streams=events
 * ops=append,read}.
 */
final class ScopeSummary {
  private ScopeSummary() {}

  static String of(AccessTokenScope scope) {
    List<String> parts = new ArrayList<>();
    scope.basins().ifPresent(r -> parts.add("basins=" + resources(r)));
    scope.streams().ifPresent(r -> parts.add("streams=" + resources(r)));
    scope.accessTokens().ifPresent(r -> parts.add("tokens=" + resources(r)));
    scope
        .opGroups()
        .map(ScopeSummary::groups)
        .filter(g -> !g.isEmpty())
        .ifPresent(g -> parts.add("groups=" + g));
    scope
        .ops()
        .filter(ops -> !ops.isEmpty())
        .ifPresent(
            ops ->
                parts.add(
                    "ops=" + ops.stream().map(Operation::value).collect(Collectors.joining(","))));
    return parts.isEmpty() ? "(grants nothing)" : String.join(" ", parts);
  }

  /**
   * {@code name} for an exact match, {@code prefix*} for a prefix, {@code *} for every resource,
   * {@code -} for none.
   */
  static String resources(ResourceSet set) {
    return set.accept(
        new ResourceSet.Visitor<>() {
          @Override
          public String visitResourceSetExact(ResourceSetExact exact) {
            return exact.exact().isEmpty() ? "-" : exact.exact();
          }

          @Override
          public String visitResourceSetPrefix(ResourceSetPrefix prefix) {
            return prefix.prefix() + "*";
          }
        });
  }

  private static String groups(PermittedOperationGroups groups) {
    List<String> parts = new ArrayList<>();
    rw("account", groups.account()).ifPresent(parts::add);
    rw("basin", groups.basin()).ifPresent(parts::add);
    rw("stream", groups.stream()).ifPresent(parts::add);
    return String.join(",", parts);
  }

  private static Optional<String> rw(String level, Optional<ReadWritePermissions> permissions) {
    return permissions
        .map(p -> (p.read() ? "r" : "") + (p.write() ? "w" : ""))
        .filter(s -> !s.isEmpty())
        .map(s -> level + ":" + s);
  }
}
