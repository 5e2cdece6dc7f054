package dev.s2.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's usage snippets are the compiled code of ReadmeSnippets, verbatim. */
class ReadmeSnippetsTest {
  private static final Pattern SNIPPET =
      Pattern.compile("^( *)// snippet:([a-z-]+)\\n(.*?)^ *// end$", Pattern.MULTILINE | Pattern.DOTALL);

  private static final List<Path> SOURCES = List.of(
      Path.of("src/main/java/dev/s2/examples/ReadmeSnippets.java"),
      Path.of("src/test/java/dev/s2/examples/ReadmeSnippetsRunTest.java"));

  private static Map<String, String> snippets() throws IOException {
    Map<String, String> snippets = new LinkedHashMap<>();
    for (Path source : SOURCES) {
      Matcher m = SNIPPET.matcher(Files.readString(source));
      while (m.find()) {
        snippets.put(m.group(2), dedent(m.group(3), m.group(1).length()));
      }
    }
    return snippets;
  }

  @Test
  void everySnippetAppearsInTheReadme() throws IOException {
    Map<String, String> snippets = snippets();
    List<String> blocks = javaBlocks(Files.readString(Path.of("../README.md")));

    assertThat(snippets).hasSizeGreaterThanOrEqualTo(16);
    snippets.forEach((name, code) ->
        assertThat(blocks).as("README.md has the snippet '%s' verbatim", name).contains(code));
  }

  @Test
  void everyJavaBlockOfTheReadmeIsACompiledSnippet() throws IOException {
    Map<String, String> snippets = snippets();
    List<String> blocks = javaBlocks(Files.readString(Path.of("../README.md")));

    assertThat(blocks).isNotEmpty().allSatisfy(block -> assertThat(snippets.values())
        .as("a ```java block of README.md that is not compiled code of the examples:%n%s", block)
        .contains(block));
  }

  private static String dedent(String code, int indent) {
    StringBuilder sb = new StringBuilder();
    for (String line : code.split("\n", -1)) {
      sb.append(line.length() >= indent ? line.substring(indent) : line.strip()).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  private static List<String> javaBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    while (m.find()) {
      blocks.add(m.group(1).stripTrailing());
    }
    return blocks;
  }
}
