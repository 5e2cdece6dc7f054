package dev.s2.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a document is OpenAPI 3.1 that swagger-parser reads without complaint and whose every
 * {@code $ref} points at something. Each problem names its place in the document.
 */
final class SpecValidator {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * swagger-parser messages that are wrong for OpenAPI 3.1: the License Object's {@code identifier}
   * is optional (OpenAPI 3.1.0, section 4.8.4), yet the parser reports it missing. Nothing else is
   * ignored.
   */
  static final Set<String> PARSER_FALSE_POSITIVES =
      Set.of("attribute info.license.identifier is missing");

  private SpecValidator() {}

  /** Returns the problems found in {@code yaml}, empty when the spec is valid. */
  static List<String> problems(String yaml) {
    List<String> problems = new ArrayList<>();
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      problems.add("not YAML: " + e.getMessage());
      return problems;
    }
    if (root == null || !root.isObject()) {
      problems.add("not a YAML mapping at the top level");
      return problems;
    }
    String version = root.path("openapi").asText("");
    if (!version.startsWith("3.1.")) {
      problems.add("openapi: expected a 3.1.x version, found '" + version + "'");
    }
    collectDanglingRefs(root, root, "", problems);

    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIParser().readContents(yaml, null, options);
    if (result.getMessages() != null) {
      for (String message : result.getMessages()) {
        if (!PARSER_FALSE_POSITIVES.contains(message)) {
          problems.add("swagger-parser: " + message);
        }
      }
    }
    if (result.getOpenAPI() == null) {
      problems.add("swagger-parser could not read the document as OpenAPI");
    }
    return problems;
  }

  private static void collectDanglingRefs(
      JsonNode root, JsonNode node, String path, List<String> problems) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        String target = ref.asText();
        if (!target.startsWith("#/")) {
          problems.add(path + "/$ref: only local references are allowed, found '" + target + "'");
        } else if (root.at(target.substring(1)).isMissingNode()) {
          problems.add(path + "/$ref: unresolved reference '" + target + "'");
        }
      }
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String key = field.getKey().replace("~", "~0").replace("/", "~1");
        collectDanglingRefs(root, field.getValue(), path + "/" + key, problems);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectDanglingRefs(root, node.get(i), path + "/" + i, problems);
      }
    }
  }
}
