package dev.s2.codegen;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openapitools.codegen.CodegenProperty;

/**
 * The Java code of one property of a model: its type, and how it is read (strictly: the JSON token
 * is checked, null refused, constraints checked), written and checked in a builder. The templates
 * place these snippets; this class decides them from the property's shape (scalar kind, container,
 * constraints, format).
 *
 * <p>Rules: a {@code string} is read only from a JSON string, a {@code boolean} only from {@code
 * true}/{@code false}, an {@code integer} only from a JSON number that is an integer within the
 * declared range (an int32 within Java int, an int64 within Java long: a u64 above 2^63 - 1 is
 * refused), a {@code number} only from a finite JSON number. {@code minLength}/{@code maxLength}
 * count code points; {@code pattern} is searched, not anchored (JSON Schema semantics); {@code
 * maxItems} stops reading at the first item too many. Every other type (models, enums, unions,
 * tuples, date-times) is read by its Moshi adapter after JSON null was refused.
 */
final class Fields {
  enum Kind {
    STRING,
    SECRET,
    BOOLEAN,
    INT,
    LONG,
    DOUBLE,
    DECIMAL,
    ADAPTER,
    LIST,
    MAP
  }

  private final boolean secretType;

  /** Type to adapter field name, for the adapter class being generated. */
  private final Map<String, String> adapters = new LinkedHashMap<>();

  /** Pattern constant name to the Java string literal of the pattern. */
  private final Map<String, String> patterns = new LinkedHashMap<>();

  Fields(boolean secretType) {
    this.secretType = secretType;
  }

  Map<String, String> adapters() {
    return adapters;
  }

  Map<String, String> patterns() {
    return patterns;
  }

  Kind kind(CodegenProperty p) {
    if (p.isArray) {
      return Kind.LIST;
    }
    if (p.isMap) {
      return Kind.MAP;
    }
    switch (p.dataType) {
      case "String":
        return p.isPassword && secretType ? Kind.SECRET : Kind.STRING;
      case "Boolean":
        return Kind.BOOLEAN;
      case "Integer":
        return Kind.INT;
      case "Long":
        return Kind.LONG;
      case "Double":
      case "Float":
        return Kind.DOUBLE;
      case "BigDecimal":
        return Kind.DECIMAL;
      default:
        if ("Object".equals(p.dataType) || p.isAnyType || p.isFreeFormObject) {
          throw new IllegalStateException(
              "The property '"
                  + p.baseName
                  + "' has no type this SDK can model "
                  + "(it would be typed Object); give its schema a type");
        }
        return Kind.ADAPTER;
    }
  }

  /** The boxed Java type of the field. */
  String type(CodegenProperty p) {
    switch (kind(p)) {
      case LIST:
        return "List<" + type(p.items) + ">";
      case MAP:
        return "Map<String, " + type(p.items) + ">";
      case SECRET:
        return "Secret";
      case DOUBLE:
        return "Double";
      default:
        return p.datatypeWithEnum;
    }
  }

  /** The type an accessor returns when the value is always there: primitives for scalars. */
  String valueType(CodegenProperty p) {
    switch (kind(p)) {
      case BOOLEAN:
        return "boolean";
      case INT:
        return "int";
      case LONG:
        return "long";
      case DOUBLE:
        return "double";
      default:
        return type(p);
    }
  }

  /**
   * An expression reading a non-null value of {@code p} at {@code reader}; {@code depth} names
   * lambda params.
   */
  String read(CodegenProperty p, String reader, String what, int depth) {
    switch (kind(p)) {
      case STRING:
        return "ModelJson.readString(" + reader + ")";
      case SECRET:
        return "Secret.of(ModelJson.readString(" + reader + "))";
      case BOOLEAN:
        return "ModelJson.readBoolean(" + reader + ")";
      case INT:
        {
          String[] r = intRange(p, "Integer");
          return "ModelJson.readInt(" + reader + ", \"" + what + "\", " + r[0] + ", " + r[1] + ")";
        }
      case LONG:
        {
          String[] r = intRange(p, "Long");
          return "ModelJson.readLong(" + reader + ", \"" + what + "\", " + r[0] + ", " + r[1] + ")";
        }
      case DOUBLE:
        return "ModelJson.readDouble(" + reader + ", \"" + what + "\")";
      case DECIMAL:
        return "ModelJson.readDecimal(" + reader + ")";
      case LIST:
        {
          String max = p.maxItems != null ? String.valueOf(p.maxItems) : "-1";
          return "ModelJson.readList("
              + reader
              + ", \""
              + what
              + "\", "
              + max
              + ", "
              + element(p.items, what + "[]", depth)
              + ")";
        }
      case MAP:
        return "ModelJson.readMap(" + reader + ", " + element(p.items, what + "{}", depth) + ")";
      default:
        return "ModelJson.read(" + reader + ", " + adapter(type(p)) + ", \"" + what + "\")";
    }
  }

  private String element(CodegenProperty items, String what, int depth) {
    String r = "r" + (depth == 0 ? "" : String.valueOf(depth));
    String read = read(items, r, what, depth + 1);
    List<String> checks = decodeChecks(items, "e", r, what, patternFor(items, what));
    if (checks.isEmpty()) {
      return r + " -> " + read;
    }
    return r
        + " -> {\n"
        + "  "
        + type(items)
        + " e = "
        + read
        + ";\n"
        + String.join("\n", checks.stream().map(c -> "  " + c).toList())
        + "\n  return e;\n}";
  }

  /**
   * Statements checking a value just read into {@code local} (constraints not checked while
   * reading).
   */
  List<String> decodeChecks(
      CodegenProperty p, String local, String reader, String what, String pattern) {
    List<String> checks = new ArrayList<>();
    for (String violation : violations(p, local, pattern, false)) {
      checks.add("ModelJson.check(" + violation + ", \"" + what + "\", " + reader + ");");
    }
    return checks;
  }

  /** Statements checking a non-null value in a builder. */
  List<String> buildChecks(CodegenProperty p, String local, String what, String pattern) {
    List<String> checks = new ArrayList<>();
    for (String violation : violations(p, local, pattern, true)) {
      checks.add("ModelJson.require(" + violation + ", \"" + what + "\");");
    }
    if (kind(p) == Kind.LIST || kind(p) == Kind.MAP) {
      List<String> itemChecks = buildChecks(p.items, "e", what + "[]", patternFor(p.items, what));
      if (!itemChecks.isEmpty()) {
        String values = kind(p) == Kind.MAP ? local + ".values()" : local;
        checks.add(
            "for ("
                + type(p.items)
                + " e : "
                + values
                + ") {\n  "
                + String.join("\n  ", itemChecks)
                + "\n}");
      }
    }
    return checks;
  }

  /** Expressions giving what is wrong with the value, or null. */
  private List<String> violations(
      CodegenProperty p, String local, String pattern, boolean inBuilder) {
    List<String> v = new ArrayList<>();
    Kind kind = kind(p);
    if (kind == Kind.STRING || kind == Kind.SECRET) {
      String text = kind == Kind.SECRET ? local + ".reveal()" : local;
      int[] bytes = (int[]) p.vendorExtensions.get("x-s2-byte-range");
      if (bytes != null) {
        v.add("ModelJson.byteLengthViolation(" + text + ", " + bytes[0] + ", " + bytes[1] + ")");
      } else if (p.minLength != null || p.maxLength != null) {
        v.add(
            "ModelJson.lengthViolation("
                + text
                + ", "
                + (p.minLength != null ? p.minLength : 0)
                + ", "
                + (p.maxLength != null ? p.maxLength : "Integer.MAX_VALUE")
                + ")");
      }
      if (pattern != null) {
        v.add("ModelJson.patternViolation(" + text + ", " + pattern + ")");
      }
    } else if ((kind == Kind.INT || kind == Kind.LONG)
        && inBuilder
        && (p.minimum != null || p.maximum != null)) {
      String[] r = intRange(p, kind == Kind.INT ? "Integer" : "Long");
      v.add("ModelJson.rangeViolation(" + local + ", " + r[0] + ", " + r[1] + ")");
    } else if (kind == Kind.DOUBLE && (inBuilder || p.minimum != null || p.maximum != null)) {
      v.add(
          "ModelJson.rangeViolation("
              + local
              + ", "
              + doubleBound(p.minimum, "-Double.MAX_VALUE")
              + ", "
              + doubleBound(p.maximum, "Double.MAX_VALUE")
              + ")");
    } else if (kind == Kind.LIST && (p.minItems != null || (inBuilder && p.maxItems != null))) {
      String max =
          inBuilder && p.maxItems != null ? String.valueOf(p.maxItems) : "Integer.MAX_VALUE";
      v.add(
          "ModelJson.sizeViolation("
              + local
              + ".size(), "
              + (p.minItems != null ? p.minItems : 0)
              + ", "
              + max
              + ")");
    }
    return v;
  }

  /**
   * A statement writing the non-null value {@code source} (a field or an accessor call) to {@code
   * writer}.
   */
  String write(CodegenProperty p, String writer, String source, int depth) {
    switch (kind(p)) {
      case SECRET:
        return writer + ".value(" + source + ".reveal());";
      case STRING:
      case BOOLEAN:
      case INT:
      case LONG:
      case DOUBLE:
      case DECIMAL:
        return writer + ".value(" + source + ");";
      case LIST:
      case MAP:
        {
          String w = "w" + (depth == 0 ? "" : String.valueOf(depth));
          String e = "e" + (depth == 0 ? "" : String.valueOf(depth));
          String item = write(p.items, w, e, depth + 1);
          return "ModelJson.write"
              + (kind(p) == Kind.LIST ? "List" : "Map")
              + "("
              + writer
              + ", "
              + source
              + ", ("
              + w
              + ", "
              + e
              + ") -> "
              + item.substring(0, item.length() - 1)
              + ");";
        }
      default:
        return adapter(type(p)) + ".toJson(" + writer + ", " + source + ");";
    }
  }

  /** The name of the adapter field for a type, registering it. */
  String adapter(String type) {
    return adapters.computeIfAbsent(
        type, t -> Character.toLowerCase(t.charAt(0)) + t.substring(1) + "Adapter");
  }

  /** Registers the pattern of a property as a constant and returns the constant's name, or null. */
  String pattern(String rawPattern, String constantBase) {
    if (rawPattern == null) {
      return null;
    }
    String name =
        constantBase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT) + "_PATTERN";
    patterns.put(name, javaString(rawPattern));
    return name;
  }

  private String patternFor(CodegenProperty items, String what) {
    return items.pattern == null
        ? null
        : pattern(rawPattern(items.pattern), what.replaceAll("\\W", "_"));
  }

  /** The generator wraps patterns in slashes for Java; the raw pattern is inside. */
  static String rawPattern(String generated) {
    if (generated != null
        && generated.length() >= 2
        && generated.startsWith("/")
        && generated.endsWith("/")) {
      return generated.substring(1, generated.length() - 1);
    }
    return generated;
  }

  /** [min, max] Java literals for an integer property of type Integer or Long. */
  static String[] intRange(CodegenProperty p, String type) {
    String suffix = type.equals("Long") ? "L" : "";
    String min = type + ".MIN_VALUE";
    String max = type + ".MAX_VALUE";
    if (p.minimum != null) {
      BigDecimal m = new BigDecimal(p.minimum).setScale(0, RoundingMode.CEILING);
      if (p.exclusiveMinimum) {
        m = m.add(BigDecimal.ONE);
      }
      min = m.toPlainString() + suffix;
    }
    if (p.maximum != null) {
      BigDecimal m = new BigDecimal(p.maximum).setScale(0, RoundingMode.FLOOR);
      if (p.exclusiveMaximum) {
        m = m.subtract(BigDecimal.ONE);
      }
      max = m.toPlainString() + suffix;
    }
    return new String[] {min, max};
  }

  private static String doubleBound(String bound, String otherwise) {
    return bound == null ? otherwise : new BigDecimal(bound).toPlainString() + "d";
  }

  static String javaString(String text) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }
}
