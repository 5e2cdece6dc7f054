package dev.s2.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The spec against its last released version (api-spec/baseline/s2-openapi.yaml): a change that breaks SDK
 * users fails the build unless api-spec/acknowledged-breaking-changes.txt names it, and CHANGELOG.md records
 * every added or removed operation. openapi-diff's full report is written to api-spec/target/spec-diff.md.
 */
class SpecCompatibilityTest {
  static final Path BASELINE = Path.of("baseline/s2-openapi.yaml");
  static final Path ACKNOWLEDGED = Path.of("acknowledged-breaking-changes.txt");
  static final Path CHANGELOG = Path.of("../CHANGELOG.md");

  static String baseline;
  static String current;
  static BreakingChanges changes;

  @BeforeAll
  static void compare() throws IOException {
    baseline = Files.readString(BASELINE);
    current = SpecValidatorTest.packagedSpec();
    changes = BreakingChanges.between(baseline, current);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/spec-diff.md"), changes.report());
  }

  static Set<String> acknowledged() throws IOException {
    return Files.readAllLines(ACKNOWLEDGED).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  @Test
  void everyBreakingChangeIsAcknowledged() throws IOException {
    Set<String> unacknowledged = new LinkedHashSet<>(changes.list());
    unacknowledged.removeAll(acknowledged());
    assertThat(unacknowledged)
        .as("the spec breaks SDK users compared with %s (the last release). If this is intended, copy each line "
            + "into api-spec/%s with a comment saying why, and describe it in CHANGELOG.md. Full report: "
            + "api-spec/target/spec-diff.md", BASELINE, ACKNOWLEDGED)
        .isEmpty();
  }

  @Test
  void everyAcknowledgementNamesACurrentBreakingChange() throws IOException {
    Set<String> stale = acknowledged();
    changes.list().forEach(stale::remove);
    assertThat(stale)
        .as("api-spec/%s acknowledges changes that are not (or no longer) breaking: remove these lines", ACKNOWLEDGED)
        .isEmpty();
  }

  @Test
  void theChangelogRecordsEveryAddedOrRemovedOperation() throws IOException {
    String changelog = Files.readString(CHANGELOG);
    int start = changelog.indexOf("## Unreleased");
    assertThat(start).as("CHANGELOG.md has an '## Unreleased' section").isNotNegative();
    int end = changelog.indexOf("\n## ", start + 1);
    String unreleased = changelog.substring(start, end < 0 ? changelog.length() : end);
    if (!changes.unchanged()) {
      assertThat(unreleased).as("the spec changed since the last release: CHANGELOG.md's Unreleased section says how")
          .contains("- ");
    }
    for (String operationId : changes.addedAndRemovedOperations()) {
      assertThat(unreleased).as("CHANGELOG.md's Unreleased section names the operation %s", operationId)
          .contains(operationId);
    }
  }

  @Test
  void addingOperationsAndOptionalFieldsIsNotBreaking() {
    String withField = baseline.replace("        expires_at:\n",
        "        note:\n          type: string\n        expires_at:\n");
    assertThat(BreakingChanges.between(baseline, withField).list()).isEmpty();
    assertThat(BreakingChanges.between(baseline, current).list()).isEmpty();
  }

  @Test
  void aRemovedOperationIsBreaking() {
    assertThat(BreakingChanges.between(current, baseline).list()).containsExactly(
        "removed operation DELETE /access-tokens/{id} (revoke_access_token)",
        "removed operation POST /access-tokens (issue_access_token)");
  }

  @Test
  void aRemovedResponseFieldIsBreaking() {
    String removed = baseline.replace("        expires_at:\n", "        expiry:\n");
    assertThat(BreakingChanges.between(baseline, removed).list()).containsExactly(
        "removed property $.access_tokens[].expires_at from the 200 response of GET /access-tokens");
  }

  @Test
  void aNarrowedTypeIsBreaking() {
    String narrowed = baseline.replace("        has_more:\n          type: boolean", "        has_more:\n          type: string");
    assertThat(BreakingChanges.between(baseline, narrowed).list()).containsExactly(
        "changed type of $.has_more (boolean -> string) in the 200 response of GET /access-tokens");
  }

  @Test
  void aNewRequiredParameterIsBreaking() {
    String required = baseline.replace(
        "          description: Filter to access tokens whose IDs begin with this prefix.\n          required: false",
        "          description: Filter to access tokens whose IDs begin with this prefix.\n          required: true");
    assertThat(BreakingChanges.between(baseline, required).list()).containsExactly(
        "narrowed query parameter 'prefix' of GET /access-tokens (now required)");
  }

  @Test
  void aNarrowedBoundAndARemovedEnumValueAreBreaking() {
    String narrowed = baseline.replace("            maximum: 1000\n            minimum: 0",
        "            maximum: 500\n            minimum: 0").replace("        - list-basins\n", "");
    assertThat(BreakingChanges.between(baseline, narrowed).list()).containsExactly(
        "narrowed query parameter 'limit' of GET /access-tokens (accepts fewer values)",
        "removed enum value 'list-basins' of $.access_tokens[].scope.ops[] in the 200 response of GET /access-tokens");
  }

  @Test
  void aConstructTheCheckCannotCompareFailsLoudly() {
    String unsupported = baseline.replace("    AccessTokenIdStr:\n      type: string",
        "    AccessTokenIdStr:\n      type: string\n      prefixItems: []");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BreakingChanges.between(baseline, unsupported))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'prefixItems' at /components/schemas/AccessTokenIdStr");
  }

}
