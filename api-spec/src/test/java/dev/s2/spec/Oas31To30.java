package dev.s2.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites the OpenAPI 3.1 constructs the spec uses into their OpenAPI 3.0 form, so openapi-diff
 * (whose schema comparison reads 3.0's single {@code type}) can compare two versions of the spec.
 * The rewrite keeps meaning: {@code type: [X, 'null']} becomes {@code type: X, nullable: true}; a
 * {@code oneOf}/{@code anyOf} holding {@code {type: 'null'}} loses it and becomes nullable; numeric
 * {@code exclusiveMinimum/Maximum} become the boolean form; {@code const} becomes a one-value
 * {@code enum}; a tuple ({@code prefixItems}, closed by {@code items: false}) keeps {@code type:
 * array} and gets one property per position, named {@code [0]}, {@code [1]}, ..., so that a
 * changed, added or removed element is compared like a property (with {@code maxItems} set to its
 * length when closed). A 3.1 construct it cannot rewrite fails with its place in the document, so
 * nothing is compared wrongly in silence.
 */
final class Oas31To30 {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> UNSUPPORTED =
      Set.of(
          "$defs",
          "unevaluatedProperties",
          "unevaluatedItems",
          "dependentRequired",
          "dependentSchemas",
          "if",
          "then",
          "else",
          "patternProperties",
          "contains",
          "$dynamicRef",
          "contentSchema");

  private Oas31To30() {}

  static String convert(String yaml) {
    try {
      JsonNode root = YAML.readTree(yaml);
      ((ObjectNode) root).put("openapi", "3.0.3");
      JsonNode license = root.path("info").path("license");
      if (license.isObject()) {
        ((ObjectNode) license).remove("identifier");
      }
      rewrite(root, "");
      return YAML.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A tuple becomes an array whose positions are properties named [0], [1], ...; see the class
   * comment.
   */
  private static void tuple(ObjectNode o, String path) {
    JsonNode prefix = o.remove("prefixItems");
    JsonNode items = o.get("items");
    if (prefix != null) {
      if (!prefix.isArray() || o.has("properties")) {
        throw new IllegalArgumentException("the tuple at " + path + " has no OpenAPI 3.0 form");
      }
      ObjectNode positions = YAML.createObjectNode();
      for (int i = 0; i < prefix.size(); i++) {
        positions.set("[" + i + "]", prefix.get(i));
      }
      o.set("properties", positions);
    }
    if (items != null && items.isBoolean()) {
      if (items.booleanValue()) {
        o.set("items", YAML.createObjectNode());
      } else {
        o.remove("items");
        if (!o.has("maxItems")) {
          o.put("maxItems", prefix == null ? 0 : prefix.size());
        }
      }
    }
    if (prefix != null && !o.has("items")) {
      o.set("items", YAML.createObjectNode());
    }
  }

  private static void rewrite(JsonNode node, String path) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        rewrite(node.get(i), path + "/" + i);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    ObjectNode o = (ObjectNode) node;
    // A schema, not a map of them (components/schemas, properties), whose keys could be any names.
    if (path.contains("/schema") && !path.endsWith("/schemas") && !path.endsWith("/properties")) {
      for (String keyword : UNSUPPORTED) {
        if (o.has(keyword)) {
          throw new IllegalArgumentException(
              "the spec uses '"
                  + keyword
                  + "' at "
                  + path
                  + ", which the compatibility check cannot compare yet: teach Oas31To30 its 3.0 form");
        }
      }
      tuple(o, path);
      JsonNode type = o.get("type");
      if (type != null && type.isArray()) {
        List<String> types = new ArrayList<>();
        type.forEach(t -> types.add(t.asText()));
        boolean nullable = types.remove("null");
        if (types.size() != 1) {
          throw new IllegalArgumentException(
              "type " + types + " at " + path + " has no OpenAPI 3.0 form");
        }
        o.put("type", types.get(0));
        if (nullable) {
          o.put("nullable", true);
        }
      }
      for (String composition : List.of("oneOf", "anyOf")) {
        JsonNode alternatives = o.get(composition);
        if (alternatives != null && alternatives.isArray()) {
          ArrayNode rest = YAML.createArrayNode();
          boolean nullable = false;
          for (JsonNode alternative : alternatives) {
            if ("null".equals(alternative.path("type").asText(null)) && alternative.size() == 1) {
              nullable = true;
            } else {
              rest.add(alternative);
            }
          }
          if (nullable) {
            o.remove(composition);
            o.set(rest.size() == 1 ? "allOf" : composition, rest);
            o.put("nullable", true);
          }
        }
      }
      for (String bound : List.of("exclusiveMinimum", "exclusiveMaximum")) {
        JsonNode value = o.get(bound);
        if (value != null && value.isNumber()) {
          o.set(bound.equals("exclusiveMinimum") ? "minimum" : "maximum", value);
          o.put(bound, true);
        }
      }
      JsonNode constant = o.remove("const");
      if (constant != null) {
        o.set("enum", YAML.createArrayNode().add(constant));
      }
      JsonNode examples = o.get("examples");
      if (examples != null && examples.isArray()) {
        o.remove("examples");
        if (examples.size() > 0) {
          o.set("example", examples.get(0));
        }
      }
    }
    for (Map.Entry<String, JsonNode> f : List.copyOf(o.properties())) {
      rewrite(f.getValue(), path + "/" + f.getKey());
    }
  }
}
