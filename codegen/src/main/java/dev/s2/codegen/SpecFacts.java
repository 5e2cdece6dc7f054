package dev.s2.codegen;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;
import java.util.TreeMap;

/** Facts read from the spec as a whole, shared by the model and operation rules. */
final class SpecFacts {
  private SpecFacts() {}

  /**
   * Follows {@code $ref}s (and a {@code oneOf} of null and one schema) to the schema they denote.
   */
  static Schema<?> resolve(OpenAPI api, Schema<?> schema) {
    Schema<?> s = schema;
    for (int i = 0; s != null && i < 16; i++) {
      if (s.get$ref() != null) {
        String name = s.get$ref().substring(s.get$ref().lastIndexOf('/') + 1);
        s =
            api.getComponents() == null || api.getComponents().getSchemas() == null
                ? null
                : api.getComponents().getSchemas().get(name);
        continue;
      }
      if (s.getAllOf() != null && s.getAllOf().size() == 1) {
        // The generator's normalizer wraps a $ref with sibling keywords (a description) in a
        // one-element allOf.
        s = s.getAllOf().get(0);
        continue;
      }
      if (s.getOneOf() != null && s.getOneOf().size() == 2) {
        Schema<?> other = null;
        boolean hasNull = false;
        for (Schema<?> o : s.getOneOf()) {
          if (isNull(o)) {
            hasNull = true;
          } else {
            other = o;
          }
        }
        if (hasNull && other != null) {
          s = other;
          continue;
        }
      }
      return s;
    }
    return s;
  }

  static boolean isNull(Schema<?> s) {
    return "null".equals(s.getType())
        || (s.getTypes() != null && s.getTypes().size() == 1 && s.getTypes().contains("null"));
  }

  /**
   * For every named schema that some property refers to with a description stating "between N and M
   * bytes", that range (the widest seen when descriptions differ, so no valid value is refused).
   */
  static Map<String, int[]> byteRangesBySchema(OpenAPI api) {
    Map<String, int[]> ranges = new TreeMap<>();
    if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
      return ranges;
    }
    for (Map.Entry<String, Schema> e : api.getComponents().getSchemas().entrySet()) {
      int[] own = OperationShaping.parseByteRange(e.getValue().getDescription());
      if (own != null) {
        merge(ranges, "#/components/schemas/" + e.getKey(), own);
      }
      collect(e.getValue(), ranges, 0);
    }
    return ranges;
  }

  private static void collect(Schema<?> s, Map<String, int[]> ranges, int depth) {
    if (s == null || depth > 32) {
      return;
    }
    if (s.getProperties() != null) {
      for (Schema<?> p : s.getProperties().values()) {
        String ref = refOf(p);
        int[] r = OperationShaping.parseByteRange(p.getDescription());
        if (ref != null && r != null) {
          merge(ranges, ref, r);
        }
        collect(p, ranges, depth + 1);
      }
    }
    if (s.getItems() != null) {
      collect(s.getItems(), ranges, depth + 1);
    }
    if (s.getOneOf() != null) {
      for (Schema<?> o : s.getOneOf()) {
        collect(o, ranges, depth + 1);
      }
    }
  }

  /** The $ref of a property: direct, or inside a {@code oneOf} with null. */
  private static String refOf(Schema<?> p) {
    if (p.get$ref() != null) {
      return p.get$ref();
    }
    if (p.getAllOf() != null && p.getAllOf().size() == 1) {
      return refOf(p.getAllOf().get(0));
    }
    if (p.getOneOf() != null) {
      for (Schema<?> o : p.getOneOf()) {
        if (o.get$ref() != null) {
          return o.get$ref();
        }
      }
    }
    return null;
  }

  private static void merge(Map<String, int[]> ranges, String ref, int[] r) {
    ranges.merge(ref, r, (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
  }
}
