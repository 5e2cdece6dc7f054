package dev.s2.codegen;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenProperty;
import org.openapitools.codegen.SupportingFile;
import org.openapitools.codegen.model.ModelMap;
import org.openapitools.codegen.model.ModelsMap;

/**
 * What the SDK derives from the spec's schemas for the model templates.
 *
 * <p>Before the generator reads the spec, {@link SchemaRewrites} gives every specially modelled
 * shape (unions, tuples, empty objects) a named object schema with a marker. After it built its
 * models, this class adds to each model and property the code snippets of {@link Fields} and the
 * facts the templates need, as {@code x-s2-*} vendor extensions, and refuses what the templates
 * could not generate correctly (a {@code oneOf} that is neither a single-key nor a tagged union, a
 * field typed {@code Object}, a class named like a {@code java.lang} type).
 *
 * <p>Rules decided here, one per line:
 *
 * <ul>
 *   <li>accessors: required and not nullable: the value; optional with a default: the value or the
 *       default; otherwise {@code Optional};
 *   <li>three states (leave, reset, set): optional nullable properties of schemas reachable from a
 *       PATCH body;
 *   <li>secrets: {@code format: password} strings are {@code Secret}s (option {@code s2SecretType:
 *       Secret}), or Strings masked in {@code toString()} ({@code s2SecretType: String});
 *   <li>u64 ({@code int64}, {@code minimum: 0}): a Java {@code long}; larger values are refused on
 *       decode;
 *   <li>an integer field named {@code epoch_seconds} (or {@code *_epoch_seconds}) also gets an
 *       {@code Instant} accessor;
 *   <li>a variant whose single field is an empty object gets a factory {@code of()} without
 *       argument.
 * </ul>
 */
final class ModelShaping {
  /** Generator option: the table of tuple names, JSON pointer to {@code Name(element, ...)}. */
  static final String TUPLE_NAMES = "s2TupleNames";

  /**
   * Generator option: the type of {@code format: password} strings, {@code Secret} (default) or
   * {@code String}.
   */
  static final String SECRET_TYPE = "s2SecretType";

  /**
   * Simple names of java.lang types that a model class must not shadow (a star import would clash).
   */
  private static final Set<String> JAVA_LANG =
      Set.of(
          "Boolean",
          "Byte",
          "Character",
          "Class",
          "Comparable",
          "Deprecated",
          "Double",
          "Enum",
          "Error",
          "Exception",
          "Float",
          "Integer",
          "Iterable",
          "Long",
          "Math",
          "Module",
          "Number",
          "Object",
          "Override",
          "Package",
          "Process",
          "Record",
          "Runnable",
          "Runtime",
          "RuntimeException",
          "Short",
          "StackTraceElement",
          "String",
          "StringBuilder",
          "System",
          "Thread",
          "Throwable",
          "Void");

  /** Names the generated adapter code uses for its own locals and parameters. */
  private static final Set<String> RESERVED_LOCALS =
      Set.of(
          "reader", "writer", "seen", "value", "moshi", "index", "result", "b", "o", "other", "sb",
          "sep", "e", "r", "w");

  private final S2JavaCodegen codegen;
  private boolean secretType = true;
  private Set<String> reconfigurations = Set.of();

  ModelShaping(S2JavaCodegen codegen) {
    this.codegen = codegen;
  }

  /**
   * Adds our supporting files and rewrites the spec before the generator's normalizer and inline
   * resolver.
   */
  void processOpts(OpenAPI openAPI) {
    String folder =
        (codegen.getSourceFolder()
                + File.separator
                + codegen.modelPackage().replace('.', File.separatorChar))
            .replace('/', File.separatorChar);
    for (String name : List.of("ModelAdapters", "ModelJson", "StrictJson", "Secret")) {
      codegen.supportingFiles().add(new SupportingFile(name + ".mustache", folder, name + ".java"));
    }
    Object secret = codegen.additionalProperties().get(SECRET_TYPE);
    if (secret != null && !"Secret".equals(secret) && !"String".equals(secret)) {
      throw new IllegalArgumentException(SECRET_TYPE + " must be Secret or String, was " + secret);
    }
    secretType = secret == null || "Secret".equals(secret);
    Map<String, SchemaRewrites.TupleName> names = new LinkedHashMap<>();
    Object table = codegen.additionalProperties().get(TUPLE_NAMES);
    if (table instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) ->
              names.put(String.valueOf(k), SchemaRewrites.TupleName.parse(String.valueOf(v))));
    } else if (table != null) {
      throw new IllegalArgumentException(
          TUPLE_NAMES + " must be a map of JSON pointer to Name(element, ...)");
    }
    if (openAPI == null) {
      throw new IllegalStateException("the spec is not available when options are processed");
    }
    SchemaRewrites rewrites = new SchemaRewrites(openAPI, names);
    rewrites.apply();
    reconfigurations = rewrites.reconfigurations();
  }

  CodegenModel fromModel(String name, Schema<?> schema, CodegenModel model) {
    return model;
  }

  ModelsMap postProcessModels(ModelsMap objs) {
    return objs;
  }

  Map<String, ModelsMap> postProcessAllModels(Map<String, ModelsMap> objs) {
    Map<String, CodegenModel> models = new TreeMap<>();
    Map<String, CodegenModel> bySchemaName = new TreeMap<>();
    for (ModelsMap map : objs.values()) {
      for (ModelMap m : map.getModels()) {
        models.put(m.getModel().classname, m.getModel());
        bySchemaName.put(m.getModel().name, m.getModel());
      }
    }
    for (CodegenModel model : models.values()) {
      model.vars.forEach(this::typeEmptyObjects);
    }
    for (CodegenModel model : models.values()) {
      if (JAVA_LANG.contains(model.classname)) {
        throw new IllegalStateException(
            "The schema "
                + model.name
                + " would become a class named "
                + model.classname
                + ", which clashes with java.lang."
                + model.classname
                + "; name it with modelNameMappings or a title");
      }
    }
    for (CodegenModel model : models.values()) {
      if (model.isEnum) {
        model.vendorExtensions.put("x-s2-doc", Javadoc.text(model.unescapedDescription));
        continue;
      }
      if (Boolean.TRUE.equals(model.vendorExtensions.get("x-is-one-of-interface"))) {
        shapeUnion(model, bySchemaName);
      } else {
        shapeClass(model, models);
      }
    }
    return objs;
  }

  /**
   * The generator inlines a reference to an empty object schema as a free-form {@code Object} (a
   * map); the schema's marker, copied to the property, names the class to use instead.
   */
  private void typeEmptyObjects(CodegenProperty p) {
    if (p == null) {
      return;
    }
    Object empty = p.vendorExtensions.get(SchemaRewrites.EMPTY);
    if (empty instanceof String schemaName && !p.isArray) {
      String type = codegen.toModelName(schemaName);
      p.dataType = type;
      p.datatypeWithEnum = type;
      p.baseType = type;
      p.complexType = type;
      p.isMap = false;
      p.isContainer = false;
      p.isFreeFormObject = false;
      p.isPrimitiveType = false;
      p.isModel = true;
      return;
    }
    typeEmptyObjects(p.items);
  }

  // ---- classes ----

  private void shapeClass(CodegenModel model, Map<String, CodegenModel> models) {
    Fields fields = new Fields(secretType);
    boolean patch = reconfigurations.contains(model.name);
    List<CodegenProperty> vars = new ArrayList<>();
    List<Map<String, Object>> constants = new ArrayList<>();
    for (CodegenProperty p : model.vars) {
      Object constant = p.vendorExtensions.get(SchemaRewrites.CONSTANT);
      if (constant != null) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("baseName", p.baseName);
        c.put("value", constant);
        c.put("required", p.required);
        constants.add(c);
      } else {
        vars.add(p);
      }
    }
    if (vars.size() + constants.size() > 64) {
      throw new IllegalStateException(
          model.classname
              + " has more than 64 properties, which the adapter's "
              + "duplicate-key check does not support");
    }
    model.vars = vars;
    model.requiredVars = vars.stream().filter(v -> v.required).toList();
    long required = 0;
    List<String> names = new ArrayList<>();
    int index = 0;
    for (CodegenProperty p : vars) {
      shapeField(model, p, index, patch, fields, models);
      if (p.required) {
        required |= 1L << index;
      }
      names.add(Fields.javaString(p.baseName));
      index++;
    }
    for (Map<String, Object> c : constants) {
      c.put("index", index);
      c.put("bit", bit(index));
      c.put("what", model.classname + "." + c.get("baseName"));
      c.put("literal", Fields.javaString((String) c.get("value")));
      c.put("jsonName", Fields.javaString((String) c.get("baseName")));
      if (Boolean.TRUE.equals(c.get("required"))) {
        required |= 1L << index;
      }
      names.add(Fields.javaString((String) c.get("baseName")));
      index++;
    }
    Map<String, Object> x = model.vendorExtensions;
    x.put("x-s2-doc", Javadoc.text(model.unescapedDescription));
    x.put("x-s2-constants", constants);
    x.put("x-s2-json-names", joinNames(names));
    x.put("x-s2-has-names", !names.isEmpty());
    x.put("x-s2-required-mask", required == 0 ? null : "0x" + Long.toHexString(required) + "L");
    x.put("x-s2-has-required", !model.requiredVars.isEmpty());
    x.put("x-s2-adapters", entries(fields.adapters(), "type", "name"));
    x.put("x-s2-patterns", entries(fields.patterns(), "name", "literal"));
    x.put("x-s2-tuple-size", vars.size());
    x.put("x-s2-has-vars", !vars.isEmpty());
    x.put(
        "x-s2-reconfiguration",
        vars.stream()
            .anyMatch(v -> Boolean.TRUE.equals(v.vendorExtensions.get("x-s2-three-state"))));
    vars.forEach(v -> v.vendorExtensions.put("x-s2-tuple-size", vars.size()));
    if (Boolean.TRUE.equals(x.get(SchemaRewrites.TUPLE)) && !constants.isEmpty()) {
      throw new IllegalStateException("a tuple cannot have constants: " + model.classname);
    }
    if (vars.size() == 1 && vars.get(0).required) {
      CodegenModel type = models.get(vars.get(0).dataType);
      if (type != null && type.vendorExtensions.get(SchemaRewrites.EMPTY) != null) {
        x.put("x-s2-empty-of", type.classname);
      }
    }
  }

  private void shapeField(
      CodegenModel model,
      CodegenProperty p,
      int index,
      boolean patch,
      Fields fields,
      Map<String, CodegenModel> models) {
    String what = model.classname + "." + p.baseName;
    String local = RESERVED_LOCALS.contains(p.name) ? p.name + "Value" : p.name;
    boolean threeState = patch && !p.required && p.isNullable;
    boolean plain = p.required && !p.isNullable;
    boolean withDefault =
        !p.required
            && !threeState
            && p.defaultValue != null
            && !p.isContainer
            && !"null".equals(p.defaultValue);
    String pattern =
        p.pattern == null ? null : fields.pattern(Fields.rawPattern(p.pattern), p.name);
    Map<String, Object> x = p.vendorExtensions;
    int[] bytes = OperationShaping.parseByteRange(p.description);
    if (bytes != null) {
      // the description states the length in bytes ("between 1 and 96 bytes"): it holds instead of
      // maxLength
      x.put("x-s2-byte-range", bytes);
    }
    x.put("x-s2-type", fields.type(p));
    x.put("x-s2-value-type", plain || withDefault ? fields.valueType(p) : fields.type(p));
    boolean primitive = !fields.valueType(p).equals(fields.type(p));
    x.put("x-s2-param-type", plain || threeState ? fields.valueType(p) : fields.type(p));
    x.put("x-s2-null-check", plain && !primitive);
    x.put("x-s2-reset-null-check", threeState && !primitive);
    x.put("x-s2-local", local);
    x.put("x-s2-what", what);
    x.put("x-s2-index", index);
    x.put("x-s2-bit", bit(index));
    x.put("x-s2-read", fields.read(p, "reader", what, 0).replace("\n", "\n            "));
    x.put("x-s2-decode-checks", indent(fields.decodeChecks(p, local, "reader", what, pattern)));
    List<String> buildChecks = fields.buildChecks(p, p.name, what, pattern);
    x.put(
        "x-s2-build-checks", buildChecks.stream().map(l -> l.replace("\n", "\n        ")).toList());
    x.put("x-s2-has-build-checks", !buildChecks.isEmpty());
    x.put("x-s2-json-name", Fields.javaString(p.baseName));
    x.put("x-s2-write", fields.write(p, "writer", "value." + p.name, 0));
    x.put("x-s2-nullable", p.isNullable);
    x.put("x-s2-write-null", p.required && p.isNullable);
    x.put("x-s2-three-state", threeState);
    x.put("x-s2-plain", plain);
    x.put("x-s2-default", withDefault);
    x.put("x-s2-optional", !plain && !withDefault && !threeState);
    x.put("x-s2-masked", p.isPassword);
    x.put("x-s2-list", p.isArray);
    x.put("x-s2-map", p.isMap);
    x.put("x-s2-reset-name", "reset" + p.nameInPascalCase);
    x.put("x-s2-resets-name", "resets" + p.nameInPascalCase);
    x.put(
        "x-s2-doc",
        Javadoc.text(p.unescapedDescription != null ? p.unescapedDescription : p.description));
    x.put("x-s2-doc-note", note(p, fields));
    String instant = instantAccessor(p, fields);
    x.put("x-s2-instant", plain ? instant : null);
    if (p.isModel || models.containsKey(p.dataType)) {
      CodegenModel type = models.get(p.dataType);
      if (type != null && type.vendorExtensions.get(SchemaRewrites.EMPTY) != null) {
        x.put("x-s2-empty-type", true);
      }
    }
  }

  /** What the Javadoc must add about the field's representation. */
  private static String note(CodegenProperty p, Fields fields) {
    if (fields.kind(p) == Fields.Kind.LONG
        && p.minimum != null
        && p.maximum == null
        && new java.math.BigDecimal(p.minimum).signum() >= 0) {
      return "An unsigned 64-bit integer in the API (u64), held as a Java {@code long}: a value above "
          + "{@link Long#MAX_VALUE} cannot be represented and is refused when decoding.";
    }
    if (fields.kind(p) == Fields.Kind.SECRET) {
      return "A secret ({@code format: password}): {@link Secret#toString()} never shows it.";
    }
    if (p.isPassword) {
      return "A secret ({@code format: password}): {@code toString()} of this object masks it.";
    }
    return null;
  }

  private static String instantAccessor(CodegenProperty p, Fields fields) {
    Fields.Kind kind = fields.kind(p);
    if ((kind != Fields.Kind.INT && kind != Fields.Kind.LONG)
        || !p.baseName.endsWith("epoch_seconds")) {
      return null;
    }
    String prefix = p.baseName.substring(0, p.baseName.length() - "epoch_seconds".length());
    if (!prefix.isEmpty() && !prefix.endsWith("_")) {
      return null;
    }
    String camel = SchemaRewrites.pascal(prefix);
    return camel.isEmpty()
        ? "instant"
        : Character.toLowerCase(camel.charAt(0)) + camel.substring(1) + "Instant";
  }

  // ---- unions ----

  private void shapeUnion(CodegenModel union, Map<String, CodegenModel> bySchemaName) {
    Object kind = union.vendorExtensions.get(SchemaRewrites.UNION);
    if (kind == null) {
      throw new IllegalStateException(
          "The oneOf "
              + union.classname
              + " is neither a union of single-key objects "
              + "nor a union told apart by a constant property, so the SDK cannot decode it");
    }
    Fields fields = new Fields(secretType);
    List<Map<String, Object>> variants = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<String> order = (List<String>) union.vendorExtensions.get(SchemaRewrites.UNION_VARIANTS);
    for (String schemaName : order) {
      CodegenModel variant = bySchemaName.get(schemaName);
      String name = variant.classname;
      String key = (String) variant.vendorExtensions.get(SchemaRewrites.VARIANT_KEY);
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("classname", name);
      v.put("key", key);
      v.put("keyLiteral", Fields.javaString(key));
      v.put("index", keys.size());
      v.put("doc", Javadoc.text(variant.unescapedDescription));
      keys.add(Fields.javaString(key));
      if ("key".equals(kind)) {
        CodegenProperty p = variant.vars.get(0);
        String what = name + "." + p.baseName;
        String local = RESERVED_LOCALS.contains(p.name) ? p.name + "Value" : p.name;
        String pattern =
            p.pattern == null
                ? null
                : fields.pattern(Fields.rawPattern(p.pattern), name + p.nameInPascalCase);
        v.put("type", fields.type(p));
        v.put("local", local);
        v.put("read", fields.read(p, "reader", what, 0));
        v.put("checks", indent(fields.decodeChecks(p, local, "reader", what, pattern)));
        v.put("write", fields.write(p, "writer", "((" + name + ") value)." + p.name + "()", 0));
      } else {
        v.put("adapter", fields.adapter(name));
      }
      variants.add(v);
    }
    Map<String, Object> x = union.vendorExtensions;
    x.put("x-s2-doc", Javadoc.text(union.unescapedDescription));
    x.put("x-s2-variants", variants);
    x.put("x-s2-keyed", "key".equals(kind));
    x.put("x-s2-tag", union.vendorExtensions.get(SchemaRewrites.UNION_TAG));
    x.put("x-s2-keys", joinNames(keys));
    x.put("x-s2-adapters", entries(fields.adapters(), "type", "name"));
    x.put("x-s2-patterns", entries(fields.patterns(), "name", "literal"));
  }

  // ---- helpers ----

  private static String bit(int index) {
    return "0x" + Long.toHexString(1L << index) + "L";
  }

  /** Names for JsonReader.Options.of(...), wrapped so generated lines stay short. */
  private static String joinNames(List<String> names) {
    StringBuilder sb = new StringBuilder();
    int line = 0;
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i) + (i < names.size() - 1 ? ", " : "");
      if (line > 0 && line + n.length() > 80) {
        sb.append("\n        ");
        line = 0;
      }
      sb.append(n);
      line += n.length();
    }
    return sb.toString();
  }

  private static List<Map<String, String>> entries(
      Map<String, String> map, String key, String value) {
    List<Map<String, String>> list = new ArrayList<>();
    map.forEach((k, v) -> list.add(Map.of(key, k, value, v)));
    return list;
  }

  /** Multi-line snippets indented for their place in the adapter. */
  private static List<String> indent(List<String> lines) {
    return lines.stream().map(l -> l.replace("\n", "\n            ")).toList();
  }
}
