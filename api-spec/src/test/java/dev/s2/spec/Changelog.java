package dev.s2.spec;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rule CHANGELOG.md must follow when the spec changes: its {@code ## Unreleased} section says
 * how, and names every added or removed operation by its operationId in backticks (such as {@code
 * `list_basins`}).
 */
final class Changelog {
  private static final Pattern UNRELEASED =
      Pattern.compile("^## Unreleased[ \t]*$", Pattern.MULTILINE);

  private Changelog() {}

  /**
   * Checks {@code changelog} against the changes of the spec.
   *
   * @throws AssertionError naming what the changelog lacks
   */
  static void check(String changelog, BreakingChanges changes) {
    String unreleased = unreleased(changelog);
    if (!changes.unchanged() && !unreleased.contains("\n- ")) {
      throw new AssertionError(
          "the spec changed since the last release: add an entry to CHANGELOG.md's"
              + " '## Unreleased' section saying how");
    }
    List<String> unnamed =
        changes.addedAndRemovedOperations().stream()
            .filter(id -> !unreleased.contains("`" + id + "`"))
            .sorted()
            .collect(Collectors.toList());
    if (!unnamed.isEmpty()) {
      throw new AssertionError(
          "CHANGELOG.md's '## Unreleased' section does not name these added or removed"
              + " operations (write each operationId in backticks, such as `"
              + unnamed.get(0)
              + "`): "
              + unnamed);
    }
  }

  /** The {@code ## Unreleased} section of {@code changelog}, up to the next {@code ## } heading. */
  static String unreleased(String changelog) {
    Matcher heading = UNRELEASED.matcher(changelog);
    if (!heading.find()) {
      throw new AssertionError("CHANGELOG.md has no '## Unreleased' section");
    }
    int end = changelog.indexOf("\n## ", heading.end());
    return changelog.substring(heading.start(), end < 0 ? changelog.length() : end);
  }
}
