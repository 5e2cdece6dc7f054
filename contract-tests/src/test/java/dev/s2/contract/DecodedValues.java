package dev.s2.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s2.client.S2Json;
import dev.s2.model.Secret;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a decoded model object with the JSON it was decoded from, field by field, guided by the
 * spec's schema: each property of the schema is read through the model's accessor of the same name
 * in camel case ({@code has_more} through {@code hasMore()}), {@link Optional}s unwrapped. An
 * absent property must decode to the schema's default or to nothing, {@code null} to nothing (where
 * the spec allows no {@code null}, as if absent: a lenient reading the client may choose), a {@code
 * oneOf} to the variant whose accessors match, an enum to its wire value ({@code value()}), a
 * date-time to an equal {@link OffsetDateTime}, a tuple or pair ({@code [epoch, value]}, {@code
 * [name, value]}) to the value type its factory {@code of(...)} makes of the elements, a secret to
 * what it reveals. A {@link Map} stands for an object by its JSON property names (a page turned
 * back into its list response). Properties the schema does not declare are ignored, as the client
 * ignores them.
 */
final class DecodedValues {
  private static DecodedValues s2;
  private final RefResolver refs;
  private final OpenAPI api;

  DecodedValues(OpenAPI api) {
    this.api = api;
    this.refs = new RefResolver(api);
  }

  static synchronized DecodedValues s2() {
    if (s2 == null) {
      s2 = new DecodedValues(SpecDocument.load());
    }
    return s2;
  }

  /** The JSON schema of a declared response, or null when it has no JSON content. */
  Schema<?> responseSchema(ApiOperation operation, String responseKey) {
    var response =
        refs.response(
            api.getPaths()
                .get(operation.specPath())
                .readOperationsMap()
                .get(io.swagger.v3.oas.models.PathItem.HttpMethod.valueOf(operation.method()))
                .getResponses()
                .get(responseKey));
    if (response.getContent() == null) {
      return null;
    }
    for (Map.Entry<String, MediaType> media : response.getContent().entrySet()) {
      if (media.getKey().contains("json")) {
        return media.getValue().getSchema();
      }
    }
    return null;
  }

  /** The JSON schema of an operation's request body, or null when it has none. */
  Schema<?> requestSchema(ApiOperation operation) {
    var body = operation.operation().getRequestBody();
    if (body == null || body.getContent() == null) {
      return null;
    }
    for (Map.Entry<String, MediaType> media : body.getContent().entrySet()) {
      if (media.getKey().contains("json")) {
        return media.getValue().getSchema();
      }
    }
    return null;
  }

  /** Where {@code actual} differs from {@code expected}; empty when every field matches. */
  List<String> mismatches(JsonNode expected, Object actual, Schema<?> schema) {
    List<String> out = new ArrayList<>();
    compare("$", expected, actual, schema, out);
    return out;
  }

  private void compare(
      String path, JsonNode expected, Object actual, Schema<?> declared, List<String> out) {
    Schema<?> schema = refs.schema(declared);
    if (actual instanceof Optional<?> optional) {
      actual = optional.orElse(null);
    } else if (actual instanceof java.util.OptionalLong optional) {
      actual = optional.isPresent() ? optional.getAsLong() : null;
    } else if (actual instanceof java.util.OptionalInt optional) {
      actual = optional.isPresent() ? optional.getAsInt() : null;
    } else if (actual instanceof java.util.OptionalDouble optional) {
      actual = optional.isPresent() ? optional.getAsDouble() : null;
    }
    if (expected != null && expected.isNull() && !nullable(declared) && !nullable(schema)) {
      expected =
          null; // null where the spec allows no null: the client may read it as absent (or refuse
      // it)
    }
    if (expected == null || expected.isMissingNode()) {
      Object fallback = declared.getDefault() != null ? declared.getDefault() : schema.getDefault();
      if (fallback != null) {
        compare(path, SchemaSynthesizer.toJson(fallback), actual, declared, out);
      } else if (actual != null) {
        out.add(path + ": absent from the body, decoded as " + describe(actual));
      }
      return;
    }
    if (expected.isNull()) {
      if (actual != null) {
        out.add(path + ": null in the body, decoded as " + describe(actual));
      }
      return;
    }
    if (actual == null) {
      out.add(path + ": " + expected + " in the body, decoded as nothing");
      return;
    }
    List<Schema<?>> alternatives = RefResolver.alternatives(schema);
    if (alternatives != null) {
      compareAlternatives(path, expected, actual, alternatives, out);
    } else if (expected.isObject()) {
      compareObject(path, expected, actual, schema, out);
    } else if (expected.isArray()) {
      compareArray(path, expected, actual, schema, out);
    } else {
      compareScalar(path, expected, actual, schema, out);
    }
  }

  private void compareAlternatives(
      String path,
      JsonNode expected,
      Object actual,
      List<Schema<?>> alternatives,
      List<String> out) {
    List<Schema<?>> candidates =
        alternatives.stream().filter(a -> fits(expected, refs.schema(a))).toList();
    List<String> closest = null;
    for (Schema<?> alternative : candidates.isEmpty() ? alternatives : candidates) {
      if (SchemaSynthesizer.types(refs.schema(alternative)).equals(java.util.Set.of("null"))) {
        continue;
      }
      List<String> attempt = new ArrayList<>();
      compare(path, expected, actual, alternative, attempt);
      if (attempt.isEmpty()) {
        return;
      }
      if (closest == null || attempt.size() < closest.size()) {
        closest = attempt;
      }
    }
    out.addAll(
        closest == null
            ? List.of(path + ": no alternative of the oneOf fits " + expected)
            : closest);
  }

  /**
   * Whether the schema admits {@code null}: a type array with "null", or a oneOf/anyOf with a null
   * alternative.
   */
  private boolean nullable(Schema<?> schema) {
    if (SchemaSynthesizer.types(schema).contains("null")
        || Boolean.TRUE.equals(schema.getNullable())) {
      return true;
    }
    List<Schema<?>> alternatives = RefResolver.alternatives(schema);
    return alternatives != null
        && alternatives.stream()
            .anyMatch(a -> SchemaSynthesizer.types(refs.schema(a)).contains("null"));
  }

  /**
   * Whether the JSON has the shape of an alternative: its type, and for an object every required
   * property.
   */
  private static boolean fits(JsonNode json, Schema<?> alternative) {
    java.util.Set<String> types = SchemaSynthesizer.types(alternative);
    if (json.isObject()) {
      List<String> required =
          alternative.getRequired() == null ? List.of() : alternative.getRequired();
      boolean objectType = types.isEmpty() || types.contains("object");
      return objectType && required.stream().allMatch(json::has);
    }
    return !types.contains("object");
  }

  private void compareObject(
      String path, JsonNode expected, Object actual, Schema<?> schema, List<String> out) {
    Map<String, Schema<?>> properties = properties(schema);
    for (Map.Entry<String, Schema<?>> property : properties.entrySet()) {
      String name = property.getKey();
      if (actual instanceof Map<?, ?> map) {
        compare(path + "." + name, expected.get(name), map.get(name), property.getValue(), out);
        continue;
      }
      String accessor = camelCase(name);
      Method method;
      try {
        method = actual.getClass().getMethod(accessor);
      } catch (NoSuchMethodException e) {
        out.add(
            path
                + "."
                + name
                + ": "
                + actual.getClass().getSimpleName()
                + " has no accessor "
                + accessor
                + "()");
        continue;
      }
      Object value;
      try {
        value = method.invoke(actual);
      } catch (InvocationTargetException e) {
        out.add(path + "." + name + ": " + accessor + "() threw " + e.getCause());
        continue;
      } catch (IllegalAccessException e) {
        out.add(path + "." + name + ": " + accessor + "() is not accessible");
        continue;
      }
      compare(path + "." + name, expected.get(name), value, property.getValue(), out);
    }
  }

  private void compareArray(
      String path, JsonNode expected, Object actual, Schema<?> schema, List<String> out) {
    if (!(actual instanceof List<?> list)) {
      compareTuple(path, expected, actual, out);
      return;
    }
    List<Schema<?>> positions = SchemaSynthesizer.prefixItems(schema);
    if (list.size() != expected.size()) {
      out.add(path + ": " + expected.size() + " items in the body, " + list.size() + " decoded");
      return;
    }
    Schema<?> items = schema.getItems() != null ? schema.getItems() : new Schema<>();
    for (int i = 0; i < list.size(); i++) {
      Schema<?> item = positions != null && i < positions.size() ? positions.get(i) : items;
      compare(path + "[" + i + "]", expected.get(i), list.get(i), item, out);
    }
  }

  /**
   * An array decoded into a value type (a tuple such as a metric point {@code [epoch, value]}, a
   * pair such as a header {@code [name, value]}): equal to what the type's factory {@code of(...)}
   * makes of the elements, in order, each read by the SDK's adapter for the factory's parameter
   * type.
   */
  private static void compareTuple(
      String path, JsonNode expected, Object actual, List<String> out) {
    Method factory =
        Arrays.stream(actual.getClass().getMethods())
            .filter(
                m ->
                    m.getName().equals("of")
                        && Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() == expected.size())
            .findFirst()
            .orElse(null);
    if (factory == null) {
      out.add(
          path
              + ": an array of "
              + expected.size()
              + " in the body, decoded as "
              + describe(actual)
              + ", which has no factory of("
              + expected.size()
              + " values) to compare with");
      return;
    }
    Object[] args = new Object[expected.size()];
    try {
      for (int i = 0; i < args.length; i++) {
        args[i] =
            S2Json.moshi()
                .adapter(factory.getGenericParameterTypes()[i])
                .fromJson(expected.get(i).toString());
      }
      Object fromBody = factory.invoke(null, args);
      if (!fromBody.equals(actual)) {
        out.add(
            path
                + ": "
                + expected
                + " in the body ("
                + fromBody
                + "), decoded as "
                + describe(actual));
      }
    } catch (IOException | ReflectiveOperationException | RuntimeException e) {
      out.add(
          path
              + ": "
              + expected
              + " in the body cannot be made into a "
              + actual.getClass().getSimpleName()
              + " to compare with: "
              + e);
    }
  }

  private static void compareScalar(
      String path, JsonNode expected, Object actual, Schema<?> schema, List<String> out) {
    boolean equal;
    if (actual instanceof OffsetDateTime dateTime && expected.isTextual()) {
      equal = parsesTo(expected.asText(), dateTime);
    } else if (actual instanceof Number number && expected.isNumber()) {
      equal = new BigDecimal(number.toString()).compareTo(expected.decimalValue()) == 0;
    } else if (actual instanceof Boolean bool && expected.isBoolean()) {
      equal = bool == expected.booleanValue();
    } else if (expected.isValueNode() && !expected.isBoolean()) {
      equal = wireText(actual).equals(expected.asText());
    } else {
      equal = false;
    }
    if (!equal) {
      out.add(path + ": " + expected + " in the body, decoded as " + describe(actual));
    }
  }

  private static boolean parsesTo(String text, OffsetDateTime actual) {
    try {
      return OffsetDateTime.parse(text).equals(actual);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /**
   * A string, a secret's value ({@code reveal()}), or an open enum's wire value ({@code value()}),
   * as the JSON writes it.
   */
  private static String wireText(Object actual) {
    if (actual instanceof String s) {
      return s;
    }
    if (actual instanceof Secret secret) {
      return secret.reveal();
    }
    try {
      Method value = actual.getClass().getMethod("value");
      if (value.getReturnType() == String.class) {
        return (String) value.invoke(actual);
      }
    } catch (ReflectiveOperationException e) {
      // not an open enum
    }
    return String.valueOf(actual);
  }

  /**
   * The properties of an object schema by name, those of its {@code allOf} parts included; empty
   * for others.
   */
  Map<String, Schema<?>> properties(Schema<?> schema) {
    Map<String, Schema<?>> properties = new LinkedHashMap<>();
    collectProperties(schema, properties);
    return properties;
  }

  private void collectProperties(Schema<?> schema, Map<String, Schema<?>> properties) {
    Schema<?> resolved = refs.schema(schema);
    RefResolver.allOf(resolved).forEach(part -> collectProperties(part, properties));
    properties.putAll(RefResolver.properties(resolved));
  }

  static String camelCase(String jsonName) {
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (char c : jsonName.toCharArray()) {
      if (c == '_' || c == '-') {
        upper = sb.length() > 0;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  /** The JSON name of an accessor: {@code hasMore} gives {@code has_more}. */
  static String snakeCase(String javaName) {
    StringBuilder sb = new StringBuilder();
    for (char c : javaName.toCharArray()) {
      if (Character.isUpperCase(c)) {
        sb.append('_').append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String describe(Object actual) {
    String text = String.valueOf(actual);
    return (text.length() > 120 ? text.substring(0, 120) + "..." : text)
        + " ("
        + actual.getClass().getSimpleName()
        + ")";
  }
}
