package dev.s2.codegen;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.CodegenParameter;
import org.openapitools.codegen.CodegenProperty;
import org.openapitools.codegen.SupportingFile;
import org.openapitools.codegen.model.ModelMap;
import org.openapitools.codegen.model.OperationMap;
import org.openapitools.codegen.model.OperationsMap;
import org.openapitools.codegen.utils.StringUtils;

/**
 * What the SDK derives from the spec's operations, handed to the Retrofit and surface templates as
 * vendor extensions ({@code x-s2-*}). Nothing here is keyed on an operation's name: every fact
 * follows from the operation's shape, so an operation added to the spec needs no configuration.
 *
 * <p>The rules, in order of {@link #fromOperation}:
 *
 * <ul>
 *   <li><b>Facade method</b>: the operationId without the words of its tag ({@code list_basins} in
 *       tag {@code basins} is {@code list}; {@code get_default_location} in {@code locations} is
 *       {@code getDefault}).
 *   <li><b>Endpoint</b>: an operation whose path item declares {@code servers} with variables (S2's
 *       basin endpoint {@code https://{basin}.b.s2.dev/v1}) is reached through a handle holding
 *       those variables ({@code client.basin("b")}); every other operation goes to the account
 *       endpoint.
 *   <li><b>Retry safety</b>: GET, HEAD, PUT, DELETE and OPTIONS are idempotent. POST and PATCH are
 *       not, unless the operation takes an idempotency header ({@code *request-token*} or {@code
 *       idempotency-key}): the SDK then fills it once per logical call, and every retry repeats the
 *       same token.
 *   <li><b>Paging</b>: a GET with a string query parameter {@code start_after}, an integer query
 *       parameter {@code limit} and a 200 response object holding a required boolean {@code
 *       has_more} and exactly one array of objects. Its cursor is the item's only required string
 *       property without a format (an id or a name); an ambiguous item fails generation with a
 *       message naming the operation.
 *   <li><b>Byte lengths</b>: a string whose description (or the description of any property
 *       referring to the same schema) says "between N and M bytes" is checked in UTF-8 bytes,
 *       everywhere it is used; other {@code minLength}/{@code maxLength} count code points, as JSON
 *       Schema does.
 *   <li><b>Body</b>: the properties of an object body are set on the operation's params builder; an
 *       optional body is sent only when one of them was set.
 * </ul>
 */
final class OperationShaping {
  /** The additional property choosing what an execution of the generator writes. */
  static final String MODE = "s2Surface";

  /**
   * Tags whose facade is hand-written (a comma-separated additional property); their params are
   * skipped too.
   */
  static final String HAND_WRITTEN_TAGS = "s2HandWrittenTags";

  /** The package of the Retrofit interfaces, for the surface templates' imports. */
  static final String RETROFIT_PACKAGE = "s2RetrofitPackage";

  private static final Set<String> IDEMPOTENT_METHODS =
      Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
  private static final java.util.regex.Pattern BYTE_RANGE =
      java.util.regex.Pattern.compile(
          "between (\\d+) and (\\d+) bytes", java.util.regex.Pattern.CASE_INSENSITIVE);

  private final S2JavaCodegen codegen;
  private Mode mode = Mode.CLIENT;
  private Set<String> handWrittenTags = Set.of();

  enum Mode {
    /** generated-client: models and Retrofit interfaces, one per tag. */
    CLIENT,
    /** client-extensions: one public facade per tag, and the scope classes listing them. */
    FACADES,
    /** client-extensions: one params class per operation. */
    PARAMS
  }

  OperationShaping(S2JavaCodegen codegen) {
    this.codegen = codegen;
  }

  Mode mode() {
    return mode;
  }

  void processOpts() {
    Object m = codegen.additionalProperties().get(MODE);
    mode = m == null ? Mode.CLIENT : Mode.valueOf(m.toString().toUpperCase(Locale.ROOT));
    Object tags = codegen.additionalProperties().get(HAND_WRITTEN_TAGS);
    if (tags != null && !tags.toString().isBlank()) {
      handWrittenTags = Set.of(tags.toString().trim().split("\\s*,\\s*"));
    }
    if (mode == Mode.CLIENT) {
      // The Retrofit @Tag carrying the values of a templated server's variables (the basin
      // endpoint).
      String folder = (codegen.getSourceFolder() + "/" + codegen.apiPackage()).replace('.', '/');
      codegen
          .supportingFiles()
          .add(new SupportingFile("ServerVariables.mustache", folder, "ServerVariables.java"));
      return;
    }
    // The surface executions write no models (generated-client has them), only their own templates.
    codegen.modelTemplateFiles().clear();
    codegen.modelDocTemplateFiles().clear();
    codegen.modelTestTemplateFiles().clear();
    codegen.apiTemplateFiles().clear();
    codegen.apiDocTemplateFiles().clear();
    codegen.apiTestTemplateFiles().clear();
    codegen.supportingFiles().clear();
    String folder = (codegen.getSourceFolder() + "/" + codegen.apiPackage()).replace('.', '/');
    if (mode == Mode.FACADES) {
      codegen.apiTemplateFiles().put("facade.mustache", ".java");
      codegen
          .supportingFiles()
          .add(new SupportingFile("AccountOperations.mustache", folder, "AccountOperations.java"));
      codegen
          .supportingFiles()
          .add(new SupportingFile("BasinOperations.mustache", folder, "BasinOperations.java"));
    } else {
      codegen.apiTemplateFiles().put("params.mustache", ".java");
    }
  }

  /**
   * The class name of a group: the facade of a tag, the params of an operation, or the Retrofit
   * interface.
   */
  String toApiName(String group, String defaultName) {
    switch (mode) {
      case FACADES:
        return Naming.facadeClass(group);
      case PARAMS:
        return Naming.paramsClass(group);
      default:
        return defaultName;
    }
  }

  CodegenOperation fromOperation(
      String path,
      String httpMethod,
      Operation operation,
      List<Server> servers,
      CodegenOperation op) {
    Map<String, Object> x = op.vendorExtensions;
    String method = httpMethod.toUpperCase(Locale.ROOT);
    String tag =
        operation.getTags() == null || operation.getTags().isEmpty()
            ? "default"
            : operation.getTags().get(0);
    x.put("x-s2-operation-id", operation.getOperationId());
    x.put(
        "x-s2-constant",
        StringUtils.underscore(operation.getOperationId()).toUpperCase(Locale.ROOT));
    x.put("x-s2-path", path);
    x.put("x-s2-summary", summary(operation));
    x.put("x-s2-tag", tag);
    x.put("x-s2-method", Naming.facadeMethod(operation.getOperationId(), tag));
    x.put("x-s2-params-class", Naming.paramsClass(operation.getOperationId()));
    x.put("x-s2-retrofit-interface", codegen.defaultApiName(tag));
    x.put("x-s2-http-method", method);

    List<String> serverVariables = serverVariables(servers);
    x.put("x-s2-basin-scoped", !serverVariables.isEmpty());
    x.put("x-s2-server-variables", serverVariables);
    x.put("x-s2-server-url", servers == null || servers.isEmpty() ? null : servers.get(0).getUrl());

    CodegenParameter token =
        op.headerParams.stream()
            .filter(p -> isIdempotencyHeader(p.baseName))
            .findFirst()
            .orElse(null);
    boolean idempotent = IDEMPOTENT_METHODS.contains(method) || token != null;
    x.put("x-s2-idempotent", idempotent);
    if (token != null) {
      // headerParams and allParams hold copies of each parameter: mark both, shapeCall reads
      // allParams
      for (CodegenParameter p : op.allParams) {
        if (p.isHeaderParam && p.baseName.equals(token.baseName)) {
          p.vendorExtensions.put("x-s2-idempotency-token", true);
        }
      }
      token.vendorExtensions.put("x-s2-idempotency-token", true);
      x.put("x-s2-idempotency-param", token.paramName);
    }

    for (CodegenParameter p : op.allParams) {
      shapeParameter(op, p, operation);
    }
    shapePaging(op, method, operation);
    shapeResult(op);
    shapeResponseBody(op, operation);
    shapeResponseHeaders(op, operation);
    return op;
  }

  /** True when this class grouped the operation itself. */
  boolean addOperationToGroup(
      String tag, CodegenOperation op, Map<String, List<CodegenOperation>> groups) {
    if (mode == Mode.CLIENT) {
      return false;
    }
    String rawTag = (String) op.vendorExtensions.get("x-s2-tag");
    if (handWrittenTags.contains(rawTag)) {
      return true; // its facade and params are hand-written: nothing generated for it here
    }
    if (mode == Mode.PARAMS && op.allParams.isEmpty()) {
      return true; // no parameters: the facade methods take none, no params class
    }
    String group =
        mode == Mode.FACADES ? rawTag : (String) op.vendorExtensions.get("x-s2-operation-id");
    groups.computeIfAbsent(group, k -> new ArrayList<>()).add(op);
    return true;
  }

  OperationsMap postProcessOperations(OperationsMap objs, List<ModelMap> allModels) {
    Map<String, CodegenModel> models = new LinkedHashMap<>();
    for (ModelMap mm : allModels) {
      models.put(mm.getModel().classname, mm.getModel());
    }
    OperationMap ops = objs.getOperations();
    List<CodegenOperation> list = ops.getOperation();
    boolean basin = false;
    boolean account = false;
    String tag = null;
    java.util.TreeSet<String> extraImports = new java.util.TreeSet<>();
    for (CodegenOperation op : list) {
      // after the generator's own post-processing, which may reorder the parameters of the Retrofit
      // method
      shapeCall(op, Boolean.TRUE.equals(op.vendorExtensions.get("x-s2-basin-scoped")));
      shapeBody(op, models);
      extraImports.addAll(bodyImports(op, models));
      if (Boolean.TRUE.equals(op.vendorExtensions.get("x-s2-basin-scoped"))) {
        basin = true;
      } else {
        account = true;
      }
      tag = (String) op.vendorExtensions.get("x-s2-tag");
    }
    if (mode == Mode.FACADES && basin && account) {
      throw new IllegalStateException(
          "tag '"
              + tag
              + "' mixes account and basin operations: one facade cannot"
              + " serve both; give them different tags");
    }
    if (mode == Mode.FACADES) {
      checkUniqueMethodNames(tag, list);
    }
    addImports(objs, extraImports);
    ops.put("s2BasinScoped", basin);
    ops.put("s2Tag", tag);
    ops.put("s2TagAccessor", Naming.facadeAccessor(tag == null ? "default" : tag));
    ops.put("s2TagDescription", tagDescription(tag));
    ops.put(
        "s2RetrofitInterface",
        list.isEmpty() ? null : list.get(0).vendorExtensions.get("x-s2-retrofit-interface"));
    objs.put(
        RETROFIT_PACKAGE,
        codegen.additionalProperties().getOrDefault(RETROFIT_PACKAGE, "dev.s2.api"));
    return objs;
  }

  // ---- rules
  // -------------------------------------------------------------------------------------------------

  /** The summary as a sentence without its final period, for Javadoc. */
  private static String summary(Operation operation) {
    String s =
        operation.getSummary() == null ? operation.getOperationId() : operation.getSummary().trim();
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static boolean isIdempotencyHeader(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("request-token") || n.equals("idempotency-key");
  }

  private static List<String> serverVariables(List<Server> servers) {
    if (servers == null || servers.isEmpty()) {
      return List.of();
    }
    Server s = servers.get(0);
    return s.getVariables() == null ? List.of() : new ArrayList<>(s.getVariables().keySet());
  }

  private void checkUniqueMethodNames(String tag, List<CodegenOperation> list) {
    Map<String, String> seen = new LinkedHashMap<>();
    for (CodegenOperation op : list) {
      String m = (String) op.vendorExtensions.get("x-s2-method");
      String before = seen.put(m, op.operationId);
      if (before != null) {
        throw new IllegalStateException(
            "operations '"
                + before
                + "' and '"
                + op.operationId
                + "' of tag '"
                + tag
                + "' would both be the facade method '"
                + m
                + "': rename one operationId");
      }
    }
  }

  private String tagDescription(String tag) {
    OpenAPI api = codegen.openApi();
    if (api.getTags() != null) {
      for (Tag t : api.getTags()) {
        if (t.getName().equals(tag) && t.getDescription() != null) {
          return t.getDescription();
        }
      }
    }
    return null;
  }

  /** Bounds, defaults and their Java forms, for the params template. */
  private void shapeParameter(CodegenOperation op, CodegenParameter p, Operation operation) {
    Map<String, Object> x = p.vendorExtensions;
    String constant = StringUtils.underscore(p.paramName).toUpperCase(Locale.ROOT);
    x.put("x-s2-constant", constant);
    x.put(
        "x-s2-in",
        p.isPathParam ? "path" : p.isQueryParam ? "query" : p.isHeaderParam ? "header" : "body");
    Parameter raw = rawParameter(operation, p.baseName);
    Schema<?> schema = raw == null ? null : raw.getSchema();
    Schema<?> resolved = schema == null ? null : codegen.resolve(schema);
    int[] bytes = byteRange(raw == null ? null : raw.getDescription(), schema);
    if (bytes != null) {
      x.put("x-s2-min-bytes", bytes[0]);
      x.put("x-s2-max-bytes", bytes[1]);
    } else {
      Integer min = resolved == null ? null : resolved.getMinLength();
      Integer max = resolved == null ? null : resolved.getMaxLength();
      if (min != null) {
        x.put("x-s2-min-code-points", min);
      }
      if (max != null) {
        x.put("x-s2-max-code-points", max);
      }
    }
    if (resolved != null && resolved.getPattern() != null) {
      x.put("x-s2-pattern", resolved.getPattern());
      x.put("x-s2-pattern-java", resolved.getPattern().replace("\\", "\\\\").replace("\"", "\\\""));
    }
    if (resolved != null && resolved.getMinimum() != null) {
      x.put("x-s2-minimum", resolved.getMinimum().longValueExact());
    }
    if (resolved != null && resolved.getMaximum() != null) {
      x.put("x-s2-maximum", resolved.getMaximum().longValueExact());
    }
    if (resolved != null && resolved.getDefault() != null) {
      Object d = resolved.getDefault();
      x.put("x-s2-default", javaLiteral(d, p));
    }
    x.put("x-s2-java-type", javaType(p));
    x.put("x-s2-plain-type", plainType(p.dataType));
    x.put("x-s2-optional-type", optionalType(p));
    x.put("x-s2-is-path", p.isPathParam);
    if (p.isPathParam) {
      op.vendorExtensions.put("x-s2-has-path-params", true);
    }
  }

  private static Parameter rawParameter(Operation operation, String name) {
    if (operation.getParameters() == null) {
      return null;
    }
    for (Parameter p : operation.getParameters()) {
      if (name.equals(p.getName())) {
        return p;
      }
    }
    return null;
  }

  /**
   * The byte range a description states ("between 1 and 96 bytes"), of the parameter itself or of
   * any property of the spec that refers to the same named schema: such a rule holds wherever the
   * schema is used.
   */
  private int[] byteRange(String description, Schema<?> schema) {
    int[] own = parseByteRange(description);
    if (own != null || schema == null || schema.get$ref() == null) {
      return own;
    }
    return codegen.byteRangesBySchema().get(schema.get$ref());
  }

  static int[] parseByteRange(String description) {
    if (description == null) {
      return null;
    }
    java.util.regex.Matcher m = BYTE_RANGE.matcher(description.replace('\n', ' '));
    return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
  }

  private static String javaType(CodegenParameter p) {
    String t = p.dataType;
    switch (t) {
      case "Integer":
      case "Long":
      case "Boolean":
      case "String":
      case "Double":
      case "Float":
        return t;
      default:
        return t;
    }
  }

  /** The primitive form of a boxed type, for constants and accessors that cannot be null. */
  private static String plainType(String dataType) {
    switch (dataType) {
      case "Integer":
        return "int";
      case "Long":
        return "long";
      case "Boolean":
        return "boolean";
      case "Double":
        return "double";
      default:
        return dataType;
    }
  }

  /** The accessor type of an optional parameter without default. */
  private static String optionalType(CodegenParameter p) {
    switch (p.dataType) {
      case "Integer":
        return "java.util.OptionalInt";
      case "Long":
        return "java.util.OptionalLong";
      default:
        return "java.util.Optional<" + p.dataType + ">";
    }
  }

  private static String javaLiteral(Object d, CodegenParameter p) {
    switch (p.dataType) {
      case "String":
        return '"' + d.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
      case "Long":
        return d + "L";
      case "Integer":
      case "Boolean":
        return d.toString();
      default:
        return p.dataType + ".fromValue(\"" + d + "\")";
    }
  }

  private void shapePaging(CodegenOperation op, String method, Operation operation) {
    if (!"GET".equals(method)) {
      return;
    }
    CodegenParameter cursor =
        op.queryParams.stream()
            .filter(p -> p.baseName.equals("start_after") && p.isString)
            .findFirst()
            .orElse(null);
    CodegenParameter limit =
        op.queryParams.stream()
            .filter(p -> p.baseName.equals("limit") && (p.isInteger || p.isLong))
            .findFirst()
            .orElse(null);
    if (cursor == null || limit == null) {
      return;
    }
    ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
    if (ok == null || ok.getContent() == null || ok.getContent().get("application/json") == null) {
      return;
    }
    Schema<?> response = codegen.resolve(ok.getContent().get("application/json").getSchema());
    if (response == null || response.getProperties() == null) {
      return;
    }
    Schema<?> hasMore = codegen.resolve(response.getProperties().get("has_more"));
    boolean hasMoreRequired =
        response.getRequired() != null && response.getRequired().contains("has_more");
    if (hasMore == null || !"boolean".equals(typeOf(hasMore)) || !hasMoreRequired) {
      return;
    }
    String itemsProperty = null;
    Schema<?> itemRef = null;
    for (Map.Entry<String, Schema> e : response.getProperties().entrySet()) {
      Schema<?> s = codegen.resolve(e.getValue());
      if ("array".equals(typeOf(s))) {
        if (itemsProperty != null) {
          return; // two arrays: not a page of one kind of item
        }
        itemsProperty = e.getKey();
        itemRef = s.getItems();
      }
    }
    if (itemsProperty == null || itemRef == null || itemRef.get$ref() == null) {
      return;
    }
    Schema<?> item = codegen.resolve(itemRef);
    List<String> candidates = new ArrayList<>();
    if (item.getProperties() != null && item.getRequired() != null) {
      for (String name : item.getRequired()) {
        Schema<?> s = codegen.resolve(item.getProperties().get(name));
        if (s != null
            && "string".equals(typeOf(s))
            && s.getFormat() == null
            && s.getEnum() == null) {
          candidates.add(name);
        }
      }
    }
    if (candidates.size() != 1) {
      throw new IllegalStateException(
          "operation '"
              + op.vendorExtensions.get("x-s2-operation-id")
              + "' pages (start_after, limit, has_more) but"
              + " its items have "
              + candidates.size()
              + " required string properties without a format "
              + candidates
              + ": the cursor must be exactly one of them");
    }
    Map<String, Object> x = op.vendorExtensions;
    x.put("x-s2-paged", true);
    x.put(
        "x-s2-page-item-type",
        codegen.toModelName(DefaultCodegenAccess.simpleRef(itemRef.get$ref())));
    x.put("x-s2-page-items-getter", codegen.toVarName(itemsProperty));
    x.put("x-s2-page-has-more-getter", codegen.toVarName("has_more"));
    x.put("x-s2-page-cursor-getter", codegen.toVarName(candidates.get(0)));
    x.put("x-s2-page-cursor-param", cursor.paramName);
    x.put("x-s2-page-limit-param", limit.paramName);
    Schema<?> limitSchema = codegen.resolve(rawParameter(operation, "limit").getSchema());
    Object def =
        limitSchema.getDefault() != null ? limitSchema.getDefault() : limitSchema.getMaximum();
    if (def == null) {
      throw new IllegalStateException(
          "operation '"
              + op.vendorExtensions.get("x-s2-operation-id")
              + "' pages but its limit has neither a default"
              + " nor a maximum: the walk cannot know the page size");
    }
    x.put("x-s2-page-default-size", Integer.parseInt(def.toString()));
    Integer maxItems = codegen.resolve(response.getProperties().get(itemsProperty)).getMaxItems();
    x.put("x-s2-page-max-items", maxItems == null ? Integer.parseInt(def.toString()) : maxItems);
  }

  private static String typeOf(Schema<?> s) {
    if (s.getType() != null) {
      return s.getType();
    }
    if (s.getTypes() != null) {
      for (Object t : s.getTypes()) {
        if (!"null".equals(t)) {
          return t.toString();
        }
      }
    }
    return null;
  }

  /**
   * The limit on the success body, and the secrets in it. A body whose shape bounds its size (no
   * array without {@code maxItems}, no map) is limited to the small default; any other to the
   * larger one (both documented in the runtime's {@code OperationSpec}); a page's limit follows the
   * page size asked for, at run time. Top-level {@code format: password} properties of the body are
   * secrets the client remembers, to mask them later.
   */
  private void shapeResponseBody(CodegenOperation op, Operation operation) {
    Schema<?> body = successSchema(operation);
    boolean unbounded = body != null && unbounded(body, new java.util.HashSet<>(), 0);
    op.vendorExtensions.put(
        "x-s2-max-body-bytes",
        unbounded ? "OperationSpec.UNBOUNDED_BODY_BYTES" : "OperationSpec.SMALL_BODY_BYTES");
    List<String> secrets = new ArrayList<>();
    Schema<?> resolved = body == null ? null : codegen.resolve(body);
    if (resolved != null && resolved.getProperties() != null) {
      for (Map.Entry<String, Schema> e : resolved.getProperties().entrySet()) {
        Schema<?> p = codegen.resolve(e.getValue());
        if (p != null && "password".equals(p.getFormat())
            || "password".equals(e.getValue().getFormat())) {
          boolean required =
              resolved.getRequired() != null && resolved.getRequired().contains(e.getKey());
          String getter = codegen.toVarName(e.getKey());
          secrets.add(required ? "r." + getter + "().reveal()" : null);
        }
      }
    }
    secrets.removeIf(java.util.Objects::isNull);
    if (!secrets.isEmpty()) {
      op.vendorExtensions.put("x-s2-secrets", String.join(", ", secrets));
    }
  }

  /**
   * Headers the spec declares on a success response (S2's {@code s2-provision-result} on create and
   * ensure): the facade then returns a result holding the body, the status and each header, typed
   * by its schema (an enum schema gives its open enum; anything else a string). The accessor is the
   * header's name without a leading {@code s2-} or {@code x-}, in lowerCamelCase.
   */
  private void shapeResponseHeaders(CodegenOperation op, Operation operation) {
    if (operation.getResponses() == null
        || Boolean.TRUE.equals(op.vendorExtensions.get("x-s2-paged"))) {
      return;
    }
    Map<String, Map<String, Object>> headers = new java.util.TreeMap<>();
    for (Map.Entry<String, ApiResponse> e : operation.getResponses().entrySet()) {
      if (!e.getKey().startsWith("2") || e.getValue().getHeaders() == null) {
        continue;
      }
      for (Map.Entry<String, io.swagger.v3.oas.models.headers.Header> h :
          e.getValue().getHeaders().entrySet()) {
        io.swagger.v3.oas.models.headers.Header header = resolveHeader(h.getValue());
        Schema<?> schema = header == null ? null : header.getSchema();
        String ref = schema == null ? null : schema.get$ref();
        Schema<?> resolved = schema == null ? null : codegen.resolve(schema);
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("name", h.getKey());
        String bare = h.getKey().replaceFirst("(?i)^(s2|x)-", "");
        x.put("getter", Naming.member(bare));
        boolean isEnum = ref != null && resolved != null && resolved.getEnum() != null;
        String type = isEnum ? codegen.toModelName(DefaultCodegenAccess.simpleRef(ref)) : "String";
        x.put("type", type);
        x.put("parse", isEnum ? type + "::of" : "java.util.function.Function.identity()");
        x.put("description", header == null ? null : header.getDescription());
        headers.put(h.getKey(), x);
      }
    }
    if (headers.isEmpty()) {
      return;
    }
    String method = (String) op.vendorExtensions.get("x-s2-method");
    String resultClass = Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Result";
    op.vendorExtensions.put("x-s2-response-headers", new ArrayList<>(headers.values()));
    op.vendorExtensions.put("x-s2-result-class", resultClass);
    op.vendorExtensions.put("x-s2-value-type", op.vendorExtensions.get("x-s2-result-type"));
    op.vendorExtensions.put("x-s2-result-type", resultClass);
    for (Map<String, Object> h : headers.values()) {
      if (!"String".equals(h.get("type"))) {
        op.imports.add((String) h.get("type"));
      }
    }
  }

  private io.swagger.v3.oas.models.headers.Header resolveHeader(
      io.swagger.v3.oas.models.headers.Header h) {
    if (h != null && h.get$ref() != null) {
      String name = h.get$ref().substring(h.get$ref().lastIndexOf('/') + 1);
      OpenAPI api = codegen.openApi();
      return api.getComponents() == null || api.getComponents().getHeaders() == null
          ? null
          : api.getComponents().getHeaders().get(name);
    }
    return h;
  }

  private Schema<?> successSchema(Operation operation) {
    if (operation.getResponses() == null) {
      return null;
    }
    for (Map.Entry<String, ApiResponse> e : operation.getResponses().entrySet()) {
      if (e.getKey().startsWith("2") && e.getValue().getContent() != null) {
        io.swagger.v3.oas.models.media.MediaType json =
            e.getValue().getContent().get("application/json");
        if (json != null && json.getSchema() != null) {
          return json.getSchema();
        }
      }
    }
    return null;
  }

  private boolean unbounded(Schema<?> schema, java.util.Set<Schema<?>> seen, int depth) {
    Schema<?> s = codegen.resolve(schema);
    if (s == null || depth > 32 || !seen.add(s)) {
      return false;
    }
    if ("array".equals(typeOf(s))) {
      return s.getMaxItems() == null
          || (s.getItems() != null && unbounded(s.getItems(), seen, depth + 1));
    }
    if (s.getAdditionalProperties() instanceof Schema
        || Boolean.TRUE.equals(s.getAdditionalProperties())) {
      return true;
    }
    boolean any = false;
    for (List<Schema> group : java.util.Arrays.asList(s.getOneOf(), s.getAnyOf(), s.getAllOf())) {
      if (group != null) {
        for (Schema<?> g : group) {
          any |= unbounded(g, seen, depth + 1);
        }
      }
    }
    if (s.getProperties() != null) {
      for (Schema<?> p : s.getProperties().values()) {
        any |= unbounded(p, seen, depth + 1);
      }
    }
    return any;
  }

  /** The type the facade method returns, and how. */
  private void shapeResult(CodegenOperation op) {
    Map<String, Object> x = op.vendorExtensions;
    boolean paged = Boolean.TRUE.equals(x.get("x-s2-paged"));
    if (paged) {
      x.put("x-s2-result-type", "Page<" + x.get("x-s2-page-item-type") + ">");
    } else if (op.returnType == null) {
      x.put("x-s2-result-type", "Void");
      x.put("x-s2-void", true);
    } else {
      x.put("x-s2-result-type", op.returnType);
    }
    x.put("x-s2-call-type", op.returnType == null ? "Void" : op.returnType);
  }

  /**
   * The arguments of the Retrofit call in the facade, in the interface's order: the server
   * variables first (a Retrofit {@code @Tag}), then each parameter's value to send, the SDK's
   * idempotency token, the body.
   */
  private static void shapeCall(CodegenOperation op, boolean basinScoped) {
    List<String> args = new ArrayList<>();
    List<String> argsWithoutBody = new ArrayList<>();
    List<CodegenParameter> withoutBody = new ArrayList<>();
    if (basinScoped) {
      args.add("server");
      argsWithoutBody.add("server");
    }
    boolean allOptional = true;
    boolean requiredOnlyPath = !op.pathParams.isEmpty();
    for (CodegenParameter p : op.allParams) {
      if (p.required) {
        allOptional = false;
        if (!p.isPathParam) {
          requiredOnlyPath = false;
        }
      }
      String arg;
      if (p.isBodyParam) {
        arg = "params.body()";
      } else if (p.isHeaderParam && isIdempotencyHeader(p.baseName)) {
        arg = "token";
      } else {
        arg = "params." + p.paramName + "ToSend()";
      }
      args.add(arg);
      if (!p.isBodyParam) {
        argsWithoutBody.add(arg);
        withoutBody.add(p);
      }
    }
    Map<String, Object> x = op.vendorExtensions;
    x.put("x-s2-call-args", String.join(", ", args));
    x.put("x-s2-call-args-without-body", String.join(", ", argsWithoutBody));
    x.put("x-s2-params-without-body", withoutBody);
    x.put("x-s2-has-params", !op.allParams.isEmpty());
    x.put("x-s2-all-optional", !op.allParams.isEmpty() && allOptional);
    x.put("x-s2-path-shortcut", requiredOnlyPath);
    x.put("x-s2-body-optional", op.bodyParam != null && !op.bodyParam.required);
  }

  /** The imports the params setters of an object body need (models, java.time, java.util types). */
  @SuppressWarnings("unchecked")
  private java.util.Set<String> bodyImports(CodegenOperation op, Map<String, CodegenModel> models) {
    java.util.Set<String> imports = new java.util.TreeSet<>();
    List<CodegenProperty> vars = (List<CodegenProperty>) op.vendorExtensions.get("x-s2-body-vars");
    if (vars == null) {
      return imports;
    }
    for (CodegenProperty v : vars) {
      for (String token : v.datatypeWithEnum.split("[^A-Za-z0-9_.]+")) {
        if (token.isEmpty()) {
          continue;
        }
        String mapped = codegen.importMapping().get(token);
        if (mapped != null) {
          imports.add(mapped);
        } else if (models.containsKey(token)) {
          imports.add(codegen.toModelImport(token));
        }
      }
    }
    return imports;
  }

  private static void addImports(OperationsMap objs, java.util.Set<String> extra) {
    List<Map<String, String>> imports = objs.getImports();
    java.util.Set<String> present = new java.util.HashSet<>();
    for (Map<String, String> m : imports) {
      present.add(m.get("import"));
    }
    for (String i : extra) {
      if (present.add(i)) {
        Map<String, String> m = new java.util.HashMap<>();
        m.put("import", i);
        m.put("classname", i.substring(i.lastIndexOf('.') + 1));
        imports.add(m);
      }
    }
  }

  /** The properties of an object body, set one by one on the params builder. */
  private void shapeBody(CodegenOperation op, Map<String, CodegenModel> models) {
    CodegenParameter body = op.bodyParam;
    if (body == null) {
      return;
    }
    CodegenModel model = models.get(body.baseType);
    if (model == null) {
      model = models.get(body.dataType);
    }
    boolean objectBody = model != null && !model.isEnum && model.oneOf.isEmpty() && !model.isAlias;
    op.vendorExtensions.put("x-s2-body-model", objectBody);
    for (CodegenParameter p : op.allParams) {
      if (p.isBodyParam) {
        p.vendorExtensions.put("x-s2-body-model", objectBody);
      }
    }
    body.vendorExtensions.put("x-s2-body-model", objectBody);
    if (objectBody) {
      List<CodegenProperty> vars = new ArrayList<>(model.vars);
      for (CodegenParameter p : op.allParams) {
        for (CodegenProperty v : vars) {
          if (!p.isBodyParam && p.paramName.equals(v.name)) {
            throw new IllegalStateException(
                "operation '"
                    + op.vendorExtensions.get("x-s2-operation-id")
                    + "': parameter '"
                    + p.baseName
                    + "' and body property '"
                    + v.baseName
                    + "' would be the same params setter");
          }
        }
      }
      op.vendorExtensions.put("x-s2-body-vars", vars);
    }
  }

  /** Access to static helpers of the generator without widening its API. */
  static final class DefaultCodegenAccess {
    private DefaultCodegenAccess() {}

    static String simpleRef(String ref) {
      return ref.substring(ref.lastIndexOf('/') + 1);
    }
  }
}
