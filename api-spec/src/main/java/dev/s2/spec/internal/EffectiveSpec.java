package dev.s2.spec.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the effective spec: S2's published spec with the SDK's overlay applied, written as YAML.
 * Run by the api-spec build (exec-maven-plugin), which puts the result on the classpath as {@code
 * dev/s2/spec/s2-openapi.yaml}.
 *
 * <p>The output is deterministic: the same inputs give the same bytes (keys keep the order of the
 * upstream file, additions follow in overlay order; Unix line ends; no timestamp).
 */
public final class EffectiveSpec {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML_IN = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper YAML_OUT =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .build());
  private static final String HEADER =
      """
      # The effective S2 spec, built by the s2-api-spec build: S2's published spec
      # (api-spec/src/main/spec/upstream/openapi.json) with the SDK's overlay (api-spec/src/main/spec/s2-sdk.overlay.yaml)
      # applied. Do not edit: change the overlay, or take a newer upstream spec.
      """;

  private EffectiveSpec() {}

  /**
   * Writes the effective spec.
   *
   * @param args the upstream spec (JSON or YAML), the overlay (YAML or JSON) and the output file
   * @throws IOException if a file cannot be read or written
   * @throws OverlayException if the overlay is malformed or one of its actions is stale, naming the
   *     action
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException(
          "usage: EffectiveSpec <upstream spec> <overlay> <output .yaml>");
    }
    Path output = Path.of(args[2]);
    String spec = build(Files.readString(Path.of(args[0])), Files.readString(Path.of(args[1])));
    if (output.getParent() != null) {
      Files.createDirectories(output.getParent());
    }
    Files.writeString(output, spec, StandardCharsets.UTF_8);
  }

  /**
   * Applies {@code overlay} to {@code upstream} and renders the result.
   *
   * @param upstream the upstream spec, JSON or YAML
   * @param overlay the overlay document, YAML or JSON
   * @return the effective spec as YAML, starting with a comment saying how it was made
   * @throws OverlayException if the overlay is malformed or one of its actions is stale, naming the
   *     action
   */
  public static String build(String upstream, String overlay) {
    JsonNode document = read(upstream, "the upstream spec");
    if (!(document instanceof ObjectNode root)) {
      throw new OverlayException("the upstream spec is not a mapping at its top level");
    }
    Overlay.parse(read(overlay, "the overlay")).applyTo(root);
    return render(root);
  }

  /**
   * Renders a document as the effective spec's YAML.
   *
   * @param document the document
   * @return YAML, with the header comment
   */
  public static String render(JsonNode document) {
    try {
      return HEADER + YAML_OUT.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String text, String what) {
    try {
      return text.stripLeading().startsWith("{") ? JSON.readTree(text) : YAML_IN.readTree(text);
    } catch (JsonProcessingException e) {
      throw new OverlayException(what + " cannot be read: " + e.getOriginalMessage());
    }
  }
}
