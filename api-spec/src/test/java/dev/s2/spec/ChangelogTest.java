package dev.s2.spec;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The changelog rule, with changelog texts given here and a spec pair of the test's own. */
class ChangelogTest {
  static final BreakingChanges ADDED_LIST_BASINS =
      BreakingChanges.between(Fixtures.base(), Fixtures.withListBasins(Fixtures.base()));

  static String changelog(String unreleased) {
    return "# Changelog\n\n## Unreleased\n\n"
        + unreleased
        + "\n## 0.1.0\n\n- Added `list_basins` long ago.\n";
  }

  @Test
  void anAddedOperationNamedInTheUnreleasedSectionPasses() {
    assertThatCode(
            () ->
                Changelog.check(
                    changelog("### Spec\n- Added `list_basins` (`GET /basins`).\n"),
                    ADDED_LIST_BASINS))
        .doesNotThrowAnyException();
  }

  @Test
  void anAddedOperationTheUnreleasedSectionDoesNotNameFailsNamingIt() {
    assertThatThrownBy(
            () ->
                Changelog.check(
                    changelog("### Spec\n- Basins can be listed.\n"), ADDED_LIST_BASINS))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "CHANGELOG.md's '## Unreleased' section does not name these added or removed operations (write"
                + " each operationId in backticks, such as `list_basins`): [list_basins]");
  }

  @Test
  void anOperationIdMentionedWithoutBackticksDoesNotCount() {
    assertThatThrownBy(
            () -> Changelog.check(changelog("- Added list_basins.\n"), ADDED_LIST_BASINS))
        .isInstanceOf(AssertionError.class)
        .hasMessageEndingWith(": [list_basins]");
  }

  @Test
  void aChangedSpecNeedsAnEntry() {
    assertThatThrownBy(() -> Changelog.check(changelog("Nothing yet.\n"), ADDED_LIST_BASINS))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("the spec changed since the last release");
  }

  @Test
  void anUnchangedSpecNeedsNothing() {
    BreakingChanges same = BreakingChanges.between(Fixtures.base(), Fixtures.base());
    assertThatCode(() -> Changelog.check(changelog(""), same)).doesNotThrowAnyException();
  }

  @Test
  void aChangelogWithoutAnUnreleasedSectionFails() {
    assertThatThrownBy(
            () -> Changelog.check("# Changelog\n\n## 0.1.0\n- `list_basins`\n", ADDED_LIST_BASINS))
        .isInstanceOf(AssertionError.class)
        .hasMessage("CHANGELOG.md has no '## Unreleased' section");
  }
}
