package dev.s2.contract;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One JSON value synthesised for a schema, and what sets it apart from the schema's typical value.
 *
 * @param path where the change sits, relative to the value, in JSONPath-like notation ({@code
 *     .scope.ops[0]}); empty for the value itself
 * @param change what differs from the typical value at {@code path} ({@code "absent"}, {@code
 *     "null"}, {@code "= \"append\""}, ...), or null for the typical value
 * @param value the JSON value
 */
record Variant(String path, String change, JsonNode value) {

  /** The typical value of a schema: every property present, first choices everywhere. */
  static Variant typical(JsonNode value) {
    return new Variant("", null, value);
  }

  /** Whether this is the typical value (no change). */
  boolean isTypical() {
    return change == null;
  }

  /**
   * The same change, seen from a parent that holds this value at {@code segment} ({@code .name} or
   * {@code [0]}).
   */
  Variant under(String segment, JsonNode parentValue) {
    return new Variant(segment + path, change, parentValue);
  }

  /** A readable name of the variant, e.g. {@code $.access_tokens[0].scope.ops: null}. */
  String describe() {
    return isTypical() ? "typical" : "$" + path + ": " + change;
  }
}
