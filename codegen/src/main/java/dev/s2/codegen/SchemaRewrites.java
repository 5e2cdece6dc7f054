package dev.s2.codegen;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rewrites of the parsed spec made before openapi-generator's normalizer and inline-model resolver
 * run, so that every shape the SDK models specially reaches the generator as a named object schema
 * with a marker. Rules, each derived from the shape alone:
 *
 * <ol>
 *   <li><b>Single-key unions</b>: a {@code oneOf} whose variants are objects with exactly one
 *       property, required, the keys all different. Inline variants become component schemas named
 *       union + PascalCase(variant {@code title}, else its key): {@code RetentionPolicyAge}, {@code
 *       MetricGauge}.
 *   <li><b>Tagged unions</b>: a {@code oneOf} of objects that all require one property whose schema
 *       holds a single string value ({@code enum} of one, or {@code const}), a different one per
 *       variant. Variants are named union + PascalCase(title, else the value): {@code
 *       ReadEventBatch}; the tag property becomes a constant.
 *   <li><b>Tuples</b>: an array with {@code prefixItems} and {@code items: false}, or an array of
 *       one item type with {@code minItems == maxItems} (2 to 8). It becomes an object schema whose
 *       properties are the elements, in order, all required. JSON Schema gives neither a tuple nor
 *       its elements a name: they come from the {@code title}s when the spec has them, else from
 *       the {@code s2TupleNames} table of the generator's configuration, else {@code
 *       <Owner><Property>Item} with elements {@code item_0, item_1, ...}. Tuples of the same name
 *       and shape are one class.
 *   <li><b>Empty objects</b>: a component {@code type: object} without properties, additional or
 *       pattern properties, or combinators, which the generator would type {@code Object}, becomes
 *       a class without fields.
 *   <li><b>Reconfigurations</b>: the component schemas reachable from a PATCH request body are
 *       listed; their optional nullable properties get three states (leave, reset, set).
 * </ol>
 */
final class SchemaRewrites {
  static final String UNION = "x-s2-union";
  static final String UNION_TAG = "x-s2-union-tag";
  static final String UNION_VARIANTS = "x-s2-union-variants";
  static final String VARIANT_OF = "x-s2-variant-of";
  static final String VARIANT_KEY = "x-s2-variant-key";
  static final String CONSTANT = "x-s2-const";
  static final String TUPLE = "x-s2-tuple";
  static final String EMPTY = "x-s2-empty";

  private static final String COMPONENTS = "#/components/schemas/";

  private final OpenAPI openAPI;
  private final Map<String, Schema> schemas;
  private final Map<String, TupleName> tupleNames;

  /** The component schemas reachable from a PATCH request body. */
  private final Set<String> reconfigurations = new LinkedHashSet<>();

  /**
   * Tuple class name to the JSON of its element schemas, to share equal tuples and refuse different
   * ones.
   */
  private final Map<String, String> tupleShapes = new LinkedHashMap<>();

  SchemaRewrites(OpenAPI openAPI, Map<String, TupleName> tupleNames) {
    this.openAPI = openAPI;
    this.schemas =
        openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
            ? new LinkedHashMap<>()
            : openAPI.getComponents().getSchemas();
    this.tupleNames = tupleNames;
  }

  /** The name and element names of a tuple, as {@code MetricPoint(epoch_seconds, value)}. */
  record TupleName(String name, List<String> elements) {
    static TupleName parse(String text) {
      String t = text.trim();
      int open = t.indexOf('(');
      if (open <= 0 || !t.endsWith(")")) {
        throw new IllegalArgumentException(
            "s2TupleNames: expected Name(element, element, ...), was '" + text + "'");
      }
      List<String> elements = new ArrayList<>();
      for (String e : t.substring(open + 1, t.length() - 1).split(",")) {
        elements.add(e.trim());
      }
      return new TupleName(t.substring(0, open).trim(), elements);
    }
  }

  void apply() {
    for (String name : new ArrayList<>(schemas.keySet())) {
      shapeUnion(name, schemas.get(name));
    }
    for (String name : new ArrayList<>(schemas.keySet())) {
      Schema<?> schema = schemas.get(name);
      if (isFixedArray(schema)) {
        toTuple(schema, name, COMPONENTS + name, name);
      } else {
        findTuples(schema, COMPONENTS + name, name, null);
      }
    }
    markEmpty();
    markReconfigurations();
  }

  /**
   * The names of the component schemas reachable from a PATCH request body. Kept by name, not as a
   * mark on the schema: the parser shares one object between identical component schemas.
   */
  Set<String> reconfigurations() {
    return reconfigurations;
  }

  // ---- unions ----

  private void shapeUnion(String union, Schema<?> schema) {
    List<Schema> variants = schema.getOneOf();
    if (variants == null
        || variants.size() < 2
        || variants.stream().anyMatch(SchemaRewrites::isNull)) {
      return;
    }
    List<String> keys = singleKeys(variants);
    String tag = keys == null ? commonTag(variants) : null;
    if (keys == null && tag == null) {
      return; // left to the generator; ModelShaping refuses a oneOf interface it cannot decode
    }
    schema.addExtension(UNION, keys != null ? "key" : "tag");
    if (tag != null) {
      schema.addExtension(UNION_TAG, tag);
    }
    List<String> names = new ArrayList<>();
    schema.addExtension(UNION_VARIANTS, names);
    for (int i = 0; i < variants.size(); i++) {
      Schema<?> ref = variants.get(i);
      Schema<?> variant = resolve(ref);
      String key = keys != null ? keys.get(i) : tagValue(resolve(variant.getProperties().get(tag)));
      if (tag != null) {
        Schema<?> constant = new JsonSchema().types(Set.of("string"));
        constant.addExtension(CONSTANT, key);
        variant.getProperties().put(tag, constant);
      }
      variant.addExtension(VARIANT_OF, union);
      variant.addExtension(VARIANT_KEY, key);
      if (ref.get$ref() == null) {
        String name = union + pascal(variant.getTitle() != null ? variant.getTitle() : key);
        if (schemas.containsKey(name)) {
          throw new IllegalStateException(
              "The variant '"
                  + key
                  + "' of "
                  + union
                  + " would be named "
                  + name
                  + ", which names another schema already; give the variant a title");
        }
        variant.setTitle(null);
        schemas.put(name, variant);
        variants.set(i, new JsonSchema().$ref(COMPONENTS + name));
        names.add(name);
      } else {
        names.add(refName(ref.get$ref()));
      }
    }
  }

  /**
   * The variants' single keys, or null when they are not all objects with one required property.
   */
  private List<String> singleKeys(List<Schema> variants) {
    List<String> keys = new ArrayList<>();
    for (Schema<?> v : variants) {
      Schema<?> variant = resolve(v);
      Map<String, Schema> props = variant.getProperties();
      if (!isObject(variant) || props == null || props.size() != 1) {
        return null;
      }
      String key = props.keySet().iterator().next();
      if (variant.getRequired() == null
          || !variant.getRequired().contains(key)
          || keys.contains(key)) {
        return null;
      }
      keys.add(key);
    }
    return keys;
  }

  /** The property that tells every variant apart by a single string value, or null. */
  private String commonTag(List<Schema> variants) {
    Set<String> candidates = null;
    for (Schema<?> v : variants) {
      Schema<?> variant = resolve(v);
      if (!isObject(variant) || variant.getProperties() == null || variant.getRequired() == null) {
        return null;
      }
      Set<String> tags = new LinkedHashSet<>();
      for (Map.Entry<String, Schema> p : variant.getProperties().entrySet()) {
        if (variant.getRequired().contains(p.getKey()) && tagValue(resolve(p.getValue())) != null) {
          tags.add(p.getKey());
        }
      }
      if (candidates == null) {
        candidates = tags;
      } else {
        candidates.retainAll(tags);
      }
    }
    for (String tag : candidates) {
      Set<String> values = new LinkedHashSet<>();
      for (Schema<?> v : variants) {
        values.add(tagValue(resolve((Schema<?>) resolve(v).getProperties().get(tag))));
      }
      if (values.size() == variants.size()) {
        return tag;
      }
    }
    return null;
  }

  private static String tagValue(Schema<?> schema) {
    if (schema.getConst() instanceof String) {
      return (String) schema.getConst();
    }
    List<?> values = schema.getEnum();
    return values != null && values.size() == 1 && values.get(0) instanceof String
        ? (String) values.get(0)
        : null;
  }

  // ---- tuples ----

  private void findTuples(Schema<?> schema, String pointer, String owner, String property) {
    if (schema == null || schema.get$ref() != null) {
      return;
    }
    if (schema.getProperties() != null) {
      for (Map.Entry<String, Schema> p : schema.getProperties().entrySet()) {
        Schema<?> value = p.getValue();
        String at = pointer + "/properties/" + escape(p.getKey());
        if (isFixedArray(value)) {
          p.setValue(tupleRef(value, at, owner, p.getKey()));
        } else {
          findTuples(value, at, owner, p.getKey());
        }
      }
    }
    Schema<?> items = schema.getItems();
    if (items != null) {
      if (isFixedArray(items)) {
        schema.setItems(tupleRef(items, pointer + "/items", owner, property));
      } else {
        findTuples(items, pointer + "/items", owner, property);
      }
    }
    if (schema.getOneOf() != null) {
      for (int i = 0; i < schema.getOneOf().size(); i++) {
        Schema<?> branch = schema.getOneOf().get(i);
        if (isFixedArray(branch)) {
          schema.getOneOf().set(i, tupleRef(branch, pointer + "/oneOf/" + i, owner, property));
        } else {
          findTuples(branch, pointer + "/oneOf/" + i, owner, property);
        }
      }
    }
    if (schema.getAdditionalProperties() instanceof Schema) {
      findTuples(
          (Schema<?>) schema.getAdditionalProperties(),
          pointer + "/additionalProperties",
          owner,
          property);
    }
  }

  private Schema<?> tupleRef(Schema<?> array, String pointer, String owner, String property) {
    TupleName given = tupleNames.get(pointer);
    String name =
        given != null
            ? given.name()
            : array.getTitle() != null
                ? pascal(array.getTitle())
                : owner + pascal(property == null ? "" : singular(property)) + "Item";
    String shape = shapeOf(array);
    String known = tupleShapes.get(name);
    if (known == null) {
      if (schemas.containsKey(name)) {
        throw new IllegalStateException(
            "The tuple at "
                + pointer
                + " would be named "
                + name
                + ", which names another schema already; name it in s2TupleNames or give it a title");
      }
      Schema<?> tuple = new JsonSchema();
      tuple.setDescription(array.getDescription());
      schemas.put(name, tuple);
      toTuple(tuple, array, name, pointer, given);
    } else if (!known.equals(shape)) {
      throw new IllegalStateException(
          "Two different tuples would be named "
              + name
              + " (one at "
              + pointer
              + "); give them different names in s2TupleNames");
    }
    Schema<?> ref = new JsonSchema().$ref(COMPONENTS + name);
    return ref;
  }

  /**
   * A component that is itself a tuple keeps its name and is replaced by the tuple's object schema
   * (a new object: the parser may share the original with identical schemas).
   */
  private void toTuple(Schema<?> schema, String name, String pointer, String owner) {
    Schema<?> tuple = new JsonSchema();
    tuple.setDescription(schema.getDescription());
    schemas.put(name, tuple);
    toTuple(tuple, schema, name, pointer, tupleNames.get(pointer));
  }

  private void toTuple(
      Schema<?> target, Schema<?> array, String name, String pointer, TupleName given) {
    List<Schema> elements = elementsOf(array);
    if (given != null && given.elements().size() != elements.size()) {
      throw new IllegalStateException(
          "s2TupleNames names "
              + given.elements().size()
              + " elements for "
              + pointer
              + ", which has "
              + elements.size());
    }
    Map<String, Schema> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      Schema<?> element = elements.get(i);
      String elementName =
          given != null
              ? given.elements().get(i)
              : element.getTitle() != null ? snake(element.getTitle()) : "item_" + i;
      if (properties.put(elementName, element) != null) {
        throw new IllegalStateException(
            "Two elements of the tuple " + name + " are named " + elementName);
      }
      required.add(elementName);
    }
    target.setTypes(new LinkedHashSet<>(List.of("object")));
    target.setType("object");
    target.setProperties(properties);
    target.setRequired(required);
    target.addExtension(TUPLE, true);
    tupleShapes.put(name, shapeOf(array));
  }

  private static List<Schema> elementsOf(Schema<?> array) {
    if (array.getPrefixItems() != null) {
      return new ArrayList<>(array.getPrefixItems());
    }
    List<Schema> elements = new ArrayList<>();
    for (int i = 0; i < array.getMaxItems(); i++) {
      elements.add(array.getItems());
    }
    return elements;
  }

  private static String shapeOf(Schema<?> array) {
    StringBuilder sb = new StringBuilder();
    for (Schema<?> e : elementsOf(array)) {
      sb.append(io.swagger.v3.core.util.Json31.pretty(e)).append('|');
    }
    return sb.toString();
  }

  /** A tuple: prefixItems with no further items, or one item type at a fixed small length. */
  static boolean isFixedArray(Schema<?> schema) {
    if (schema == null || schema.get$ref() != null || !hasType(schema, "array")) {
      return false;
    }
    if (schema.getPrefixItems() != null && !schema.getPrefixItems().isEmpty()) {
      Schema<?> items = schema.getItems();
      if (items != null && !Boolean.FALSE.equals(items.getBooleanSchemaValue())) {
        throw new IllegalStateException(
            "An array with prefixItems and further items is not supported: " + schema);
      }
      return true;
    }
    Integer min = schema.getMinItems();
    Integer max = schema.getMaxItems();
    Schema<?> items = schema.getItems();
    return min != null
        && min.equals(max)
        && min >= 2
        && min <= 8
        && items != null
        && items.get$ref() == null
        && (hasType(items, "string")
            || hasType(items, "integer")
            || hasType(items, "number")
            || hasType(items, "boolean"));
  }

  // ---- empty objects ----

  /**
   * The generator types a 3.1 {@code type: object} without properties {@code Object}, whatever its
   * additionalProperties say; for a 3.0-style object schema it honours {@code x-is-free-form:
   * false}. So the empty component is replaced by such a schema, which the generator then makes a
   * model of.
   */
  private void markEmpty() {
    for (Map.Entry<String, Schema> e : schemas.entrySet()) {
      Schema<?> schema = e.getValue();
      if (isObject(schema)
          && (schema.getProperties() == null || schema.getProperties().isEmpty())
          && schema.getAdditionalProperties() == null
          && schema.getPatternProperties() == null
          && schema.getOneOf() == null
          && schema.getAnyOf() == null
          && schema.getAllOf() == null) {
        Schema<?> empty = new ObjectSchema();
        empty.setDescription(schema.getDescription());
        empty.setTitle(schema.getTitle());
        if (schema.getExtensions() != null) {
          schema.getExtensions().forEach(empty::addExtension);
        }
        empty.addExtension(EMPTY, e.getKey());
        empty.addExtension("x-is-free-form", false);
        e.setValue(empty);
      }
    }
  }

  // ---- reconfigurations ----

  private void markReconfigurations() {
    Deque<Schema<?>> todo = new ArrayDeque<>();
    if (openAPI.getPaths() != null) {
      for (PathItem item : openAPI.getPaths().values()) {
        Operation patch = item.getPatch();
        if (patch != null && patch.getRequestBody() != null) {
          RequestBody body = patch.getRequestBody();
          if (body.get$ref() != null && openAPI.getComponents().getRequestBodies() != null) {
            body = openAPI.getComponents().getRequestBodies().get(refName(body.get$ref()));
          }
          Content content = body == null ? null : body.getContent();
          if (content != null) {
            for (MediaType media : content.values()) {
              if (media.getSchema() != null) {
                todo.add(media.getSchema());
              }
            }
          }
        }
      }
    }
    while (!todo.isEmpty()) {
      Schema<?> s = todo.pop();
      if (s.get$ref() != null) {
        String name = refName(s.get$ref());
        Schema<?> target = schemas.get(name);
        if (target != null && reconfigurations.add(name)) {
          todo.add(target);
        }
        continue;
      }
      if (s.getProperties() != null) {
        s.getProperties().values().forEach(p -> todo.add((Schema<?>) p));
      }
      if (s.getItems() != null) {
        todo.add(s.getItems());
      }
      for (List<Schema> branches :
          List.of(
              listOrEmpty(s.getOneOf()), listOrEmpty(s.getAnyOf()), listOrEmpty(s.getAllOf()))) {
        branches.forEach(b -> todo.add((Schema<?>) b));
      }
      if (s.getAdditionalProperties() instanceof Schema) {
        todo.add((Schema<?>) s.getAdditionalProperties());
      }
    }
  }

  private static List<Schema> listOrEmpty(List<Schema> list) {
    return list == null ? List.of() : list;
  }

  // ---- helpers ----

  private Schema<?> resolve(Schema<?> schema) {
    Schema<?> s = schema;
    for (int depth = 0; s != null && s.get$ref() != null && depth < 16; depth++) {
      s = schemas.get(refName(s.get$ref()));
    }
    return Objects.requireNonNull(s, () -> "unresolved reference " + schema.get$ref());
  }

  private static String refName(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  private static boolean isNull(Schema<?> schema) {
    return hasType(schema, "null") && schema.getTypes().size() == 1;
  }

  private static boolean isObject(Schema<?> schema) {
    return hasType(schema, "object")
        || (schema.getType() == null
            && schema.getTypes() == null
            && schema.getProperties() != null);
  }

  static boolean hasType(Schema<?> schema, String type) {
    return type.equals(schema.getType())
        || (schema.getTypes() != null && schema.getTypes().contains(type));
  }

  private static String escape(String pointerToken) {
    return pointerToken.replace("~", "~0").replace("/", "~1");
  }

  /**
   * {@code fencing token}, {@code seq_num}, {@code exact} to {@code FencingToken}, {@code SeqNum},
   * {@code Exact}.
   */
  static String pascal(String text) {
    StringBuilder sb = new StringBuilder();
    for (String part : text.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        sb.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
      }
    }
    return sb.toString();
  }

  /** {@code Epoch seconds} to {@code epoch_seconds}. */
  static String snake(String text) {
    return String.join("_", text.trim().toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9]+"));
  }

  private static String singular(String word) {
    return word.endsWith("s") && word.length() > 1 ? word.substring(0, word.length() - 1) : word;
  }
}
