package dev.s2.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One change to a JSON document for the fuzz tests: drop, null, retype or rename the value at a
 * location, add an unknown property, or give a string an unknown (future enum) value. The location
 * is chosen among all locations of the document by {@code selector} modulo their number, so any
 * document can take any mutation.
 *
 * @param kind what to do
 * @param selector picks the location
 * @param replacement picks the replacement value of {@link Kind#RETYPE} and {@link
 *     Kind#ADD_UNKNOWN}
 */
record JsonMutation(Kind kind, int selector, int replacement) {

  /** The kinds of mutation. */
  enum Kind {
    DROP,
    NULL,
    RETYPE,
    ADD_UNKNOWN,
    UNKNOWN_STRING
  }

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final List<JsonNode> VALUES =
      List.of(
          JSON.numberNode(42),
          JSON.numberNode(-1),
          JSON.numberNode(1.5),
          JSON.textNode("text"),
          JSON.textNode(""),
          JSON.booleanNode(true),
          JSON.booleanNode(false),
          JSON.objectNode(),
          JSON.arrayNode(),
          JSON.textNode("2026-13-45T99:99:99Z"),
          JSON.arrayNode().add("append").add(7),
          JSON.objectNode().put("exact", "x").put("prefix", "y"));

  /**
   * Applies the mutation in place and describes what it did, e.g. {@code RETYPE $.has_more -> 42}.
   */
  String applyTo(JsonNode root) {
    List<Location> locations = new ArrayList<>();
    collect(root, "$", locations);
    if (kind == Kind.ADD_UNKNOWN) {
      List<Location> objects = locations.stream().filter(l -> l.value().isObject()).toList();
      Location target =
          objects.isEmpty()
              ? new Location(null, null, -1, "$", root)
              : objects.get(index(objects.size()));
      JsonNode value = VALUES.get(Math.floorMod(replacement, VALUES.size()));
      String name = "unknown_" + Math.floorMod(replacement, 1000);
      ((ObjectNode) target.value()).set(name, value.deepCopy());
      return kind + " " + target.path() + "." + name + " = " + value;
    }
    List<Location> children = locations.stream().filter(l -> l.parent() != null).toList();
    if (children.isEmpty()) {
      return kind + " (nothing to change)";
    }
    Location target = children.get(index(children.size()));
    switch (kind) {
      case DROP -> target.remove();
      case NULL -> target.replace(JSON.nullNode());
      case RETYPE ->
          target.replace(VALUES.get(Math.floorMod(replacement, VALUES.size())).deepCopy());
      case UNKNOWN_STRING -> {
        if (!target.value().isTextual()) {
          return kind + " " + target.path() + " (not a string, unchanged)";
        }
        target.replace(JSON.textNode("future-value-" + Math.floorMod(replacement, 100)));
      }
      default -> throw new IllegalStateException(kind.name());
    }
    return kind + " " + target.path() + (kind == Kind.DROP ? "" : " -> " + target.current());
  }

  private int index(int size) {
    return Math.floorMod(selector, size);
  }

  private static void collect(JsonNode node, String path, List<Location> out) {
    if (node.isObject()) {
      if (out.isEmpty()) {
        out.add(new Location(null, null, -1, path, node));
      }
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode child = node.get(name);
        out.add(new Location(node, name, -1, path + "." + name, child));
        collect(child, path + "." + name, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode child = node.get(i);
        out.add(new Location(node, null, i, path + "[" + i + "]", child));
        collect(child, path + "[" + i + "]", out);
      }
    }
  }

  /** A value in the document and where it sits (an object property or an array element). */
  private record Location(JsonNode parent, String name, int index, String path, JsonNode value) {
    void remove() {
      if (name != null) {
        ((ObjectNode) parent).remove(name);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }

    void replace(JsonNode replacement) {
      if (name != null) {
        ((ObjectNode) parent).set(name, replacement);
      } else {
        ((ArrayNode) parent).set(index, replacement);
      }
    }

    JsonNode current() {
      return name != null ? parent.get(name) : parent.get(index);
    }
  }
}
