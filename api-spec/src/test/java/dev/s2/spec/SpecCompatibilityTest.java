package dev.s2.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The effective spec against its last released version (api-spec/baseline/s2-openapi.yaml): a
 * change that breaks SDK users fails the build unless api-spec/acknowledged-breaking-changes.txt
 * names it, and CHANGELOG.md records every added or removed operation. openapi-diff's full report
 * is written to api-spec/target/spec-diff.md. The check itself is tested on spec pairs of its own
 * (BreakingChangesTest, ChangelogTest).
 */
class SpecCompatibilityTest {
  static final Path BASELINE = Path.of("baseline/s2-openapi.yaml");
  static final Path ACKNOWLEDGED = Path.of("acknowledged-breaking-changes.txt");
  static final Path CHANGELOG = Path.of("../CHANGELOG.md");

  static BreakingChanges changes;

  @BeforeAll
  static void compare() throws IOException {
    changes = BreakingChanges.between(Files.readString(BASELINE), SpecValidatorTest.packagedSpec());
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
        .as(
            "the spec breaks SDK users compared with %s (the last release). If this is intended, copy each line "
                + "into api-spec/%s with a comment saying why, and describe it in CHANGELOG.md. Full report: "
                + "api-spec/target/spec-diff.md",
            BASELINE, ACKNOWLEDGED)
        .isEmpty();
  }

  @Test
  void everyAcknowledgementNamesACurrentBreakingChange() throws IOException {
    Set<String> stale = acknowledged();
    changes.list().forEach(stale::remove);
    assertThat(stale)
        .as(
            "api-spec/%s acknowledges changes that are not (or no longer) breaking: remove these lines",
            ACKNOWLEDGED)
        .isEmpty();
  }

  @Test
  void theCheckReadsEveryConstructOfTheSpec() throws IOException {
    String spec = SpecValidatorTest.packagedSpec();
    BreakingChanges same = BreakingChanges.between(spec, spec);
    assertThat(same.unchanged()).as("the spec compared with itself").isTrue();
    assertThat(same.list()).isEmpty();
  }

  @Test
  void theChangelogRecordsEveryAddedOrRemovedOperation() throws IOException {
    Changelog.check(Files.readString(CHANGELOG), changes);
  }
}
