package dev.s2.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Synthesises JSON values for a schema so that every choice the schema offers appears in at least
 * one value ("each choice" coverage), without multiplying choices with each other.
 *
 * <p>The first value is the typical one: examples of the spec where present, otherwise every
 * property present and the first choice everywhere. Each further value differs from it in one
 * place: an optional property absent, a {@code oneOf} variant, {@code null} where nullable, an enum
 * value, a boundary size (empty string or list, {@code minLength}/{@code maxLength}, {@code
 * minimum}/{@code maximum}, {@code maxItems} items), a non-ASCII string, a date-time with
 * fractional seconds and an offset.
 */
final class SchemaSynthesizer {
  static final String DATE_TIME = "2026-01-02T03:04:05Z";
  static final String DATE_TIME_WITH_OFFSET = "2026-12-31T23:59:59.123456789+05:30";
  static final String NON_ASCII = "ünï-cødé ✓ 名前";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final RefResolver refs;
  private final Deque<String> refsInProgress = new ArrayDeque<>();

  SchemaSynthesizer(RefResolver refs) {
    this.refs = refs;
  }

  /**
   * The values of a schema, typical first, each distinct.
   *
   * @param schema the schema, possibly a {@code $ref}
   * @param name the property name the value is for (seeds synthesised strings), or null
   */
  List<Variant> variants(Schema<?> schema, String name) {
    String refName = RefResolver.refName(schema);
    if (refName != null) {
      if (refsInProgress.contains(refName)) {
        throw new IllegalStateException(
            "schema " + refName + " refers to itself: recursive schemas are not supported");
      }
      refsInProgress.push(refName);
      try {
        return variants(refs.schema(schema), name);
      } finally {
        refsInProgress.pop();
      }
    }
    List<Variant> out = new ArrayList<>();
    List<JsonNode> examples = examples(schema);
    for (int i = 0; i < examples.size(); i++) {
      out.add(
          i == 0
              ? Variant.typical(examples.get(0))
              : new Variant("", "example #" + (i + 1), examples.get(i)));
    }
    List<Variant> synthesised = synthesise(schema, name);
    for (Variant v : synthesised) {
      out.add(
          !examples.isEmpty() && v.isTypical()
              ? new Variant("", "synthesised from the schema", v.value())
              : v);
    }
    return distinct(out);
  }

  private List<Variant> synthesise(Schema<?> schema, String name) {
    boolean nullable = Boolean.TRUE.equals(schema.getNullable());
    List<Variant> out = new ArrayList<>();
    if (schema.getConst() != null) {
      out.add(Variant.typical(toJson(schema.getConst())));
    } else if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
      for (Object value : schema.getEnum()) {
        JsonNode node = toJson(value);
        out.add(out.isEmpty() ? Variant.typical(node) : new Variant("", "= " + node, node));
      }
    } else if (RefResolver.alternatives(schema) != null) {
      nullable |= alternatives(RefResolver.alternatives(schema), name, out);
    } else {
      Set<String> types = types(schema);
      nullable |= types.remove("null");
      if (types.isEmpty()) {
        types.add(schema.getItems() != null || prefixItems(schema) != null ? "array" : "object");
      }
      for (String type : types) {
        List<Variant> ofType = ofType(type, schema, name);
        for (Variant v : ofType) {
          boolean firstOfLaterType = v.isTypical() && !out.isEmpty();
          out.add(firstOfLaterType ? new Variant("", "as " + type, v.value()) : v);
        }
      }
    }
    if (nullable) {
      out.add(new Variant("", "null", JSON.nullNode()));
    }
    return out;
  }

  /**
   * Adds the values of each alternative of a oneOf/anyOf, naming the alternative when there is a
   * choice; returns whether one alternative is {@code null}.
   */
  private boolean alternatives(List<Schema<?>> alternatives, String name, List<Variant> out) {
    boolean nullable = false;
    long choices = alternatives.stream().filter(a -> !isNullOnly(refs.schema(a))).count();
    int index = 0;
    for (Schema<?> alternative : alternatives) {
      index++;
      Schema<?> resolved = refs.schema(alternative);
      if (isNullOnly(resolved)) {
        nullable = true;
        continue;
      }
      List<String> required = resolved.getRequired() == null ? List.of() : resolved.getRequired();
      String tag =
          resolved.getTitle() != null
              ? resolved.getTitle()
              : RefResolver.refName(alternative) != null
                  ? RefResolver.refName(alternative)
                  : required.size() == 1 ? required.get(0) : "alternative #" + index;
      for (Variant v : variants(alternative, name)) {
        if (out.isEmpty()) {
          out.add(Variant.typical(v.value()));
        } else if (choices == 1) {
          out.add(v);
        } else if (v.isTypical()) {
          out.add(new Variant("", "variant " + tag, v.value()));
        } else {
          out.add(new Variant(v.path(), v.change() + " (variant " + tag + ")", v.value()));
        }
      }
    }
    return nullable;
  }

  private List<Variant> ofType(String type, Schema<?> schema, String name) {
    switch (type) {
      case "object":
        return objects(schema);
      case "array":
        return arrays(schema, name);
      case "string":
        return strings(schema, name);
      case "integer":
        return numbers(schema, true);
      case "number":
        return numbers(schema, false);
      case "boolean":
        return List.of(
            Variant.typical(JSON.booleanNode(true)),
            new Variant("", "= false", JSON.booleanNode(false)));
      default:
        throw new IllegalStateException("unsupported schema type '" + type + "'");
    }
  }

  private List<Variant> objects(Schema<?> schema) {
    Map<String, Schema<?>> properties = new LinkedHashMap<>();
    Set<String> required = new LinkedHashSet<>();
    collectProperties(schema, properties, required);

    Map<String, List<Variant>> byProperty = new LinkedHashMap<>();
    ObjectNode typical = JSON.objectNode();
    for (Map.Entry<String, Schema<?>> property : properties.entrySet()) {
      List<Variant> values = variants(property.getValue(), property.getKey());
      byProperty.put(property.getKey(), values);
      typical.set(property.getKey(), values.get(0).value());
    }
    List<Variant> out = new ArrayList<>();
    out.add(Variant.typical(typical));
    ObjectNode onlyRequired = typical.deepCopy();
    onlyRequired.retain(required);
    out.add(new Variant("", "only the required properties", onlyRequired));
    for (Map.Entry<String, List<Variant>> property : byProperty.entrySet()) {
      String key = property.getKey();
      if (!required.contains(key)) {
        ObjectNode without = typical.deepCopy();
        without.remove(key);
        out.add(new Variant("." + key, "absent", without));
      }
      List<Variant> values = property.getValue();
      for (Variant v : values.subList(1, values.size())) {
        ObjectNode changed = typical.deepCopy();
        changed.set(key, v.value());
        out.add(v.under("." + key, changed));
      }
    }
    return out;
  }

  /** Properties and required names of an object schema, including those its allOf parts declare. */
  private void collectProperties(
      Schema<?> schema, Map<String, Schema<?>> properties, Set<String> required) {
    Schema<?> resolved = refs.schema(schema);
    for (Schema<?> part : RefResolver.allOf(resolved)) {
      collectProperties(part, properties, required);
    }
    properties.putAll(RefResolver.properties(resolved));
    if (resolved.getRequired() != null) {
      required.addAll(resolved.getRequired());
    }
  }

  private List<Variant> arrays(Schema<?> schema, String name) {
    if (prefixItems(schema) != null) {
      return tuples(schema, name);
    }
    Schema<?> items = schema.getItems() != null ? schema.getItems() : new Schema<>();
    List<Variant> itemValues = variants(items, name);
    JsonNode typicalItem = itemValues.get(0).value();
    int min = schema.getMinItems() == null ? 0 : schema.getMinItems();
    Integer max = schema.getMaxItems();
    int typicalSize = Math.max(1, min);
    if (max != null && max < typicalSize) {
      typicalSize = max;
    }
    List<Variant> out = new ArrayList<>();
    out.add(Variant.typical(repeat(typicalItem, typicalSize)));
    if (min == 0 && typicalSize > 0) {
      out.add(new Variant("", "empty array", JSON.arrayNode()));
    }
    if (typicalSize > 0) {
      for (Variant v : itemValues.subList(1, itemValues.size())) {
        ArrayNode array = repeat(typicalItem, typicalSize);
        array.set(0, v.value());
        out.add(v.under("[0]", array));
      }
    }
    boolean unique = Boolean.TRUE.equals(schema.getUniqueItems());
    if (max != null && max > typicalSize && !unique) {
      out.add(new Variant("", max + " items (maxItems)", repeat(typicalItem, max)));
    }
    return out;
  }

  /**
   * A tuple ({@code prefixItems}, with {@code items: false} no more items): one value per position,
   * typical first, then each choice of each position in a tuple of its own ({@code [[epoch,
   * value]]} for S2's metric points, not a list of one schema).
   */
  private List<Variant> tuples(Schema<?> schema, String name) {
    List<Schema<?>> positions = prefixItems(schema);
    List<List<Variant>> byPosition = new ArrayList<>();
    ArrayNode typical = JSON.arrayNode();
    for (Schema<?> position : positions) {
      List<Variant> values = variants(position, name);
      byPosition.add(values);
      typical.add(values.get(0).value());
    }
    List<Variant> out = new ArrayList<>();
    out.add(Variant.typical(typical));
    for (int i = 0; i < byPosition.size(); i++) {
      List<Variant> values = byPosition.get(i);
      for (Variant v : values.subList(1, values.size())) {
        ArrayNode changed = typical.deepCopy();
        changed.set(i, v.value());
        out.add(v.under("[" + i + "]", changed));
      }
    }
    return out;
  }

  /** The positions of a tuple schema ({@code prefixItems}), or null when it is none. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static List<Schema<?>> prefixItems(Schema<?> schema) {
    List raw = schema.getPrefixItems();
    return raw == null || raw.isEmpty() ? null : raw;
  }

  private List<Variant> strings(Schema<?> schema, String name) {
    List<Variant> out = new ArrayList<>();
    String format = schema.getFormat() == null ? "" : schema.getFormat();
    switch (format) {
      case "date-time":
        out.add(Variant.typical(JSON.textNode(DATE_TIME)));
        out.add(
            new Variant(
                "", "fractional seconds and an offset", JSON.textNode(DATE_TIME_WITH_OFFSET)));
        return out;
      case "date":
        out.add(Variant.typical(JSON.textNode("2026-01-02")));
        return out;
      case "uuid":
        out.add(Variant.typical(JSON.textNode("123e4567-e89b-12d3-a456-426614174000")));
        return out;
      case "uri":
      case "url":
        out.add(Variant.typical(JSON.textNode("https://example.com/sample")));
        return out;
      case "email":
        out.add(Variant.typical(JSON.textNode("sample@example.com")));
        return out;
      case "byte":
        out.add(Variant.typical(JSON.textNode("c2FtcGxl")));
        return out;
      default:
        break;
    }
    int min = schema.getMinLength() == null ? 0 : schema.getMinLength();
    Integer max = schema.getMaxLength();
    String seed = name == null ? "sample" : "sample-" + name;
    int typicalLength = Math.max(min, Math.min(seed.length(), max == null ? seed.length() : max));
    out.add(Variant.typical(JSON.textNode(fit(seed, typicalLength))));
    out.add(
        min == 0
            ? new Variant("", "empty string", JSON.textNode(""))
            : new Variant("", "minLength " + min, JSON.textNode(fit(seed, min))));
    if (max != null) {
      out.add(new Variant("", "maxLength " + max, JSON.textNode(fit(seed, max))));
    }
    int nonAsciiLength = NON_ASCII.codePointCount(0, NON_ASCII.length());
    if (nonAsciiLength >= min && (max == null || nonAsciiLength <= max)) {
      out.add(new Variant("", "non-ASCII", JSON.textNode(NON_ASCII)));
    }
    if (schema.getPattern() != null) {
      matching(schema, name, min, max, out);
    }
    return out;
  }

  /**
   * Keeps the values that match the schema's pattern, and adds what {@link PatternSample} generates
   * where none of typical length, {@code minLength} or {@code maxLength} is left; fails only when
   * no value is left and the schema has no example either.
   */
  private static void matching(
      Schema<?> schema, String name, int min, Integer max, List<Variant> out) {
    Pattern pattern = Pattern.compile(schema.getPattern());
    out.removeIf(v -> !pattern.matcher(v.value().asText()).find());
    Optional<PatternSample> sample = PatternSample.of(schema.getPattern());
    if (sample.isPresent()) {
      if (out.isEmpty()) {
        sample
            .get()
            .shortest(min)
            .filter(v -> max == null || v.length() <= max)
            .ifPresent(v -> out.add(Variant.typical(JSON.textNode(v))));
      }
      boolean hasMin =
          out.stream()
              .anyMatch(
                  v -> v.value().asText().codePointCount(0, v.value().asText().length()) == min);
      if (!hasMin) {
        sample
            .get()
            .shortest(min)
            .filter(v -> v.length() == min)
            .ifPresent(
                v ->
                    out.add(
                        new Variant(
                            "", "minLength " + min + " (from the pattern)", JSON.textNode(v))));
      }
      boolean hasMax =
          max == null
              || out.stream()
                  .anyMatch(
                      v ->
                          v.value().asText().codePointCount(0, v.value().asText().length()) == max);
      if (!hasMax) {
        sample
            .get()
            .longest(max)
            .filter(v -> v.length() == max)
            .ifPresent(
                v ->
                    out.add(
                        new Variant(
                            "", "maxLength " + max + " (from the pattern)", JSON.textNode(v))));
      }
      out.removeIf(v -> !pattern.matcher(v.value().asText()).find());
    }
    if (out.isEmpty()) {
      if (!examples(schema).isEmpty()) {
        return; // the examples, which variants() puts first, are the values
      }
      throw new IllegalStateException(
          "string schema of '"
              + name
              + "' has pattern "
              + schema.getPattern()
              + " that no synthesised value matches and that is too complex to generate a value from: give it an"
              + " example in the spec");
    }
    if (!out.get(0).isTypical()) {
      out.set(0, Variant.typical(out.get(0).value()));
    }
  }

  private List<Variant> numbers(Schema<?> schema, boolean integer) {
    BigDecimal min = schema.getMinimum();
    BigDecimal max = schema.getMaximum();
    BigDecimal step = integer ? BigDecimal.ONE : new BigDecimal("0.5");
    if (schema.getExclusiveMinimumValue() != null) {
      min = schema.getExclusiveMinimumValue().add(step);
    }
    if (schema.getExclusiveMaximumValue() != null) {
      max = schema.getExclusiveMaximumValue().subtract(step);
    }
    if (integer) {
      min = min == null ? null : min.setScale(0, RoundingMode.CEILING);
      max = max == null ? null : max.setScale(0, RoundingMode.FLOOR);
    }
    BigDecimal typical = integer ? BigDecimal.ONE : new BigDecimal("1.5");
    if (min != null && typical.compareTo(min) < 0) {
      typical = min;
    }
    if (max != null && typical.compareTo(max) > 0) {
      typical = max;
    }
    List<Variant> out = new ArrayList<>();
    out.add(Variant.typical(number(typical, integer)));
    out.add(
        min != null
            ? new Variant("", "minimum " + min.toPlainString(), number(min, integer))
            : new Variant("", "zero", number(BigDecimal.ZERO, integer)));
    if (max != null) {
      out.add(new Variant("", "maximum " + max.toPlainString(), number(max, integer)));
    }
    return out;
  }

  /**
   * The node Jackson would read for the number's text: int, long or big integer; double or big
   * decimal.
   */
  private static JsonNode number(BigDecimal value, boolean integer) {
    if (integer) {
      java.math.BigInteger n = value.toBigIntegerExact();
      return n.bitLength() < 32
          ? JSON.numberNode(n.intValue())
          : n.bitLength() < 64 ? JSON.numberNode(n.longValue()) : JSON.numberNode(n);
    }
    double d = value.doubleValue();
    return BigDecimal.valueOf(d).compareTo(value) == 0
        ? JSON.numberNode(d)
        : JSON.numberNode(value);
  }

  /**
   * The types a schema declares (OpenAPI 3.1 {@code type} arrays or a 3.0 {@code type}), in order.
   */
  static Set<String> types(Schema<?> schema) {
    Set<String> types = new LinkedHashSet<>();
    if (schema.getTypes() != null) {
      types.addAll(schema.getTypes());
    } else if (schema.getType() != null) {
      types.add(schema.getType());
    }
    return types;
  }

  private static boolean isNullOnly(Schema<?> schema) {
    Set<String> types = types(schema);
    return types.size() == 1 && types.contains("null");
  }

  private static List<JsonNode> examples(Schema<?> schema) {
    List<JsonNode> out = new ArrayList<>();
    if (schema.getExamples() != null) {
      for (Object example : schema.getExamples()) {
        out.add(toJson(example));
      }
    } else if (schema.getExample() != null) {
      out.add(toJson(schema.getExample()));
    }
    return out;
  }

  /**
   * A JSON node for a value swagger-parser read from the spec (a JsonNode, a Java scalar, map or
   * list).
   */
  static JsonNode toJson(Object value) {
    if (value == null) {
      return JSON.nullNode();
    }
    if (value instanceof JsonNode) {
      return (JsonNode) value;
    }
    if (value instanceof java.util.Date || value instanceof java.time.temporal.TemporalAccessor) {
      return JSON.textNode(
          value instanceof java.util.Date
              ? ((java.util.Date) value).toInstant().toString()
              : value.toString());
    }
    return MAPPER.valueToTree(value);
  }

  private static ArrayNode repeat(JsonNode item, int times) {
    ArrayNode array = JSON.arrayNode();
    for (int i = 0; i < times; i++) {
      array.add(item.deepCopy());
    }
    return array;
  }

  /** {@code seed} cut or repeated to exactly {@code length} code points (all ASCII here). */
  private static String fit(String seed, int length) {
    StringBuilder sb = new StringBuilder(length);
    while (sb.length() < length) {
      sb.append(seed).append('.');
    }
    return sb.substring(0, length);
  }

  /** The variants with equal values removed, keeping the first (a typical value stays first). */
  private static List<Variant> distinct(List<Variant> variants) {
    Map<JsonNode, Variant> byValue = new LinkedHashMap<>();
    for (Variant v : variants) {
      byValue.putIfAbsent(v.value(), v);
    }
    return new ArrayList<>(byValue.values());
  }
}
