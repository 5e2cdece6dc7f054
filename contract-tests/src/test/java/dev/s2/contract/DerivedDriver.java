package dev.s2.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.s2.client.Page;
import dev.s2.client.S2Client;
import dev.s2.client.S2Json;
import dev.s2.codegen.Naming;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The driver of an operation derived from the spec alone: nothing in it names an operation. Its
 * {@link Plan} says what it calls and what the request must then be:
 *
 * <ul>
 *   <li><b>Where</b>: the facade and method by the generator's own naming rules ({@link Naming}):
 *       the tag's facade on the client ({@code client.basins()}), or for an operation of a server
 *       with variables (S2's basin endpoint) on the handle the client gives for them ({@code
 *       client.basin("b").streams()}); the method is the operationId without the tag's words
 *       ({@code list}), the params class {@code ListBasinsParams}.
 *   <li><b>Parameters</b>: every parameter gets a value synthesised from its schema ({@link
 *       SchemaSynthesizer}, so bounds, patterns and enums hold): a path parameter the first value
 *       that must travel percent-encoded (checking the encoding), a number with a maximum that
 *       maximum (a page size then admits every page the spec allows), any other its typical value.
 *       An idempotency header (a name with {@code request-token}, or {@code idempotency-key}) is
 *       left to the SDK, which fills it once per call. A server variable gets the value of the path
 *       parameter of the same name elsewhere in the spec ({@code basin}).
 *   <li><b>Body</b>: synthesised from the request schema, decoded by the SDK's own {@code S2Json}
 *       adapter into the model and set with {@code .body(model)}: the typical value, else (when the
 *       SDK refuses it before sending, for a rule the spec states only in prose) the next
 *       synthesised one. The refusals are kept ({@link #refusals()}) and checked by {@code
 *       DerivedDriversTest}.
 *   <li><b>Request</b>: the exact path (path parameters percent-encoded as a path segment), the
 *       query (only the parameters set, minus those equal to the spec's default, which the client
 *       omits), the headers, {@code s2-basin} on every request of a basin operation (the client's
 *       basin endpoint is direct), the SDK's idempotency token the same on every attempt, and the
 *       body JSON equal to the synthesised one.
 *   <li><b>Retries</b>: GET, HEAD, PUT, DELETE, OPTIONS are idempotent; POST and PATCH only with an
 *       idempotency header (the generator's rule).
 *   <li><b>Result</b>: a {@link Page} back into its list response ({@code {basins: items, has_more:
 *       hasMore}}), no body as null, anything else as it is.
 * </ul>
 */
final class DerivedDriver implements Driver {
  private static final Set<String> IDEMPOTENT_METHODS =
      Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
  private static final String CLIENT_PACKAGE = S2Client.class.getPackageName();
  private static final String BASIN_HEADER = "s2-basin";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, DerivedDriver> S2 = new ConcurrentHashMap<>();
  private static OpenAPI s2Spec;

  private final Plan plan;
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private volatile int chosenBody = -1;

  private DerivedDriver(Plan plan) {
    this.plan = plan;
  }

  /** The driver of an operation of the S2 spec (derived once). */
  static DerivedDriver of(ApiOperation operation) {
    return S2.computeIfAbsent(
        operation.operationId(), id -> new DerivedDriver(plan(operation, s2Spec())));
  }

  /**
   * A driver following a plan (of any spec: one the client was not generated from fails when
   * called).
   */
  static DerivedDriver of(Plan plan) {
    return new DerivedDriver(plan);
  }

  private static synchronized OpenAPI s2Spec() {
    if (s2Spec == null) {
      s2Spec = SpecDocument.load();
    }
    return s2Spec;
  }

  /**
   * What the driver of an operation does, derived from a spec.
   *
   * @param operationId the operation
   * @param handle the client's method giving the scope of a server's variables ({@code basin}), or
   *     null
   * @param handleValue the value given to it, or null
   * @param facadeAccessor the facade's accessor on the client or the handle ({@code basins})
   * @param method the facade's method ({@code list})
   * @param paramsClass the simple name of the params class, or null for an operation without
   *     parameters
   * @param params the parameters and their values
   * @param bodies the request bodies to try in order (the typical first), empty without a body
   * @param httpMethod the HTTP method
   * @param path the path the request must have, raw
   * @param query the query the request must have
   * @param headers the headers the request must have, by lower-case name ({@code s2-basin}
   *     included)
   * @param idempotencyHeader the header the SDK fills with its idempotency token, or null
   * @param idempotencyMaxLength the longest token the spec allows, or null
   * @param idempotent whether the client may retry the operation after any retryable failure
   * @param pageItems for a paged list, the response's array property, else null
   * @param pageFlag for a paged list, the response's boolean property ({@code has_more}), else null
   */
  record Plan(
      String operationId,
      String handle,
      String handleValue,
      String facadeAccessor,
      String method,
      String paramsClass,
      List<Param> params,
      List<Body> bodies,
      String httpMethod,
      String path,
      Map<String, List<String>> query,
      Map<String, String> headers,
      String idempotencyHeader,
      Integer idempotencyMaxLength,
      boolean idempotent,
      String pageItems,
      String pageFlag) {

    /**
     * The call in Java, e.g. {@code
     * client.basin("b").streams().list(ListStreamsParams.builder()...build())}.
     */
    String call() {
      StringBuilder sb = new StringBuilder("client.");
      if (handle != null) {
        sb.append(handle).append("(\"").append(handleValue).append("\").");
      }
      sb.append(facadeAccessor).append("().").append(method).append('(');
      if (paramsClass != null) {
        sb.append(paramsClass).append(".builder()");
        for (Param p : params) {
          if (p.value() != null) {
            sb.append('.').append(p.member()).append('(').append(p.value()).append(')');
          }
        }
        if (!bodies.isEmpty()) {
          sb.append(".body(<").append(bodies.get(0).scenario()).append(">)");
        }
        sb.append(".build()");
      }
      return sb.append(')').toString();
    }
  }

  /**
   * A parameter of the plan.
   *
   * @param name the spec's name
   * @param in where it travels: {@code path}, {@code query} or {@code header}
   * @param member the params builder's setter ({@link Naming#member})
   * @param value the value set, or null when the SDK fills it (an idempotency token)
   * @param sent the text the request carries, or null when the client omits it (unset, or the
   *     spec's default)
   */
  record Param(String name, String in, String member, JsonNode value, String sent) {}

  /**
   * A request body of the plan.
   *
   * @param scenario which synthesised value it is ({@code typical}, {@code $.auto_prefix_streams:
   *     absent})
   * @param json the value
   */
  record Body(String scenario, JsonNode json) {}

  /** Derives the plan of an operation from a spec. */
  static Plan plan(ApiOperation operation, OpenAPI api) {
    RefResolver refs = new RefResolver(api);
    SchemaSynthesizer synthesizer = new SchemaSynthesizer(refs);
    String id = operation.operationId();
    String tag = operation.tag();

    String handle = null;
    String handleValue = null;
    if (operation.hasServerVariables()) {
      if (operation.serverVariables().size() != 1) {
        throw new IllegalStateException(
            id
                + ": a server with "
                + operation.serverVariables().size()
                + " variables; the client's handles take one");
      }
      String variable = operation.serverVariables().get(0);
      handle = Naming.member(variable);
      handleValue =
          synthesizer
              .variants(variableSchema(api, refs, id, variable), variable)
              .get(0)
              .value()
              .asText();
    }

    List<Parameter> parameters = parameters(api, operation, refs);
    List<Param> params = new ArrayList<>();
    Map<String, String> pathValues = new LinkedHashMap<>();
    Map<String, List<String>> query = new LinkedHashMap<>();
    Map<String, String> headers = new LinkedHashMap<>();
    String idempotencyHeader = null;
    Integer idempotencyMaxLength = null;
    for (Parameter p : parameters) {
      Schema<?> schema = p.getSchema() == null ? new Schema<>() : p.getSchema();
      String member = Naming.member(p.getName());
      if ("header".equals(p.getIn()) && isIdempotencyHeader(p.getName())) {
        idempotencyHeader = p.getName().toLowerCase(Locale.ROOT);
        idempotencyMaxLength = refs.schema(schema).getMaxLength();
        params.add(new Param(p.getName(), p.getIn(), member, null, null));
        continue;
      }
      JsonNode value = parameterValue(synthesizer, refs, p, schema);
      String text = value.isTextual() ? value.asText() : value.toString();
      boolean isDefault = isDefault(refs, schema, value);
      String sent = isDefault && !"path".equals(p.getIn()) ? null : text;
      params.add(new Param(p.getName(), p.getIn(), member, value, sent));
      switch (p.getIn()) {
        case "path" -> pathValues.put(p.getName(), text);
        case "query" -> {
          if (sent != null) {
            query.put(p.getName(), List.of(sent));
          }
        }
        case "header" -> {
          if (sent != null) {
            headers.put(p.getName().toLowerCase(Locale.ROOT), sent);
          }
        }
        default ->
            throw new IllegalStateException(
                id
                    + ": parameter '"
                    + p.getName()
                    + "' in "
                    + p.getIn()
                    + ": only path, query and header parameters are supported");
      }
    }
    if (handleValue != null) {
      headers.put(BASIN_HEADER, handleValue);
    }

    List<Body> bodies = new ArrayList<>();
    Schema<?> bodySchema = requestSchema(refs, operation);
    if (bodySchema != null) {
      List<Body> last = new ArrayList<>();
      for (Variant v : synthesizer.variants(bodySchema, null)) {
        Body body = new Body(v.describe(), v.value());
        if ("only the required properties".equals(v.change())) {
          last.add(body); // the least informative body: tried when the others are refused
        } else {
          bodies.add(body);
        }
      }
      bodies.addAll(last);
    }

    String pageItems = null;
    String pageFlag = null;
    Schema<?> ok = successSchema(refs, operation);
    if (ok != null && isPaged(parameters)) {
      for (Map.Entry<String, Schema<?>> property :
          RefResolver.properties(refs.schema(ok)).entrySet()) {
        Set<String> types = SchemaSynthesizer.types(refs.schema(property.getValue()));
        if (types.contains("array")) {
          pageItems = property.getKey();
        } else if (types.contains("boolean")) {
          pageFlag = property.getKey();
        }
      }
    }

    boolean hasParams = !parameters.isEmpty() || bodySchema != null;
    boolean idempotent =
        IDEMPOTENT_METHODS.contains(operation.method()) || idempotencyHeader != null;
    return new Plan(
        id,
        handle,
        handleValue,
        Naming.facadeAccessor(tag),
        Naming.facadeMethod(id, tag),
        hasParams ? Naming.paramsClass(id) : null,
        List.copyOf(params),
        List.copyOf(bodies),
        operation.method(),
        path(operation, pathValues),
        query,
        headers,
        idempotencyHeader,
        idempotencyMaxLength,
        idempotent,
        pageItems,
        pageFlag);
  }

  Plan plan() {
    return plan;
  }

  /**
   * The same driver, but with the idempotency token set by the user: the request must carry it as
   * it is.
   */
  DerivedDriver withIdempotencyToken(String token) {
    if (plan.idempotencyHeader() == null) {
      throw new IllegalStateException(plan.operationId() + " takes no idempotency header");
    }
    List<Param> params =
        plan.params().stream()
            .map(
                p ->
                    p.value() == null && p.name().equalsIgnoreCase(plan.idempotencyHeader())
                        ? new Param(p.name(), p.in(), p.member(), TextNode.valueOf(token), token)
                        : p)
            .toList();
    Map<String, String> headers = new LinkedHashMap<>(plan.headers());
    headers.put(plan.idempotencyHeader(), token);
    return new DerivedDriver(
        new Plan(
            plan.operationId(),
            plan.handle(),
            plan.handleValue(),
            plan.facadeAccessor(),
            plan.method(),
            plan.paramsClass(),
            params,
            plan.bodies(),
            plan.httpMethod(),
            plan.path(),
            plan.query(),
            headers,
            plan.idempotencyHeader(),
            plan.idempotencyMaxLength(),
            plan.idempotent(),
            plan.pageItems(),
            plan.pageFlag()));
  }

  /**
   * The synthesised bodies the SDK refused before sending, with its reasons, in the order tried.
   */
  List<String> refusals() {
    return List.copyOf(refusals);
  }

  @Override
  public boolean idempotent() {
    return plan.idempotent();
  }

  /** The last result the facade returned, before {@link #view}. */
  private Object lastResult;

  @Override
  public Object call(S2Client client) {
    Object facade = facade(client);
    Method method = method(facade);
    if (plan.paramsClass() == null) {
      return view(invoke(method, facade));
    }
    int candidates = Math.max(1, plan.bodies().size());
    for (int i = Math.max(0, chosenBody); i < candidates; i++) {
      try {
        Object result = invoke(method, facade, params(i));
        chosenBody = i;
        return view(result);
      } catch (IllegalArgumentException e) {
        if (plan.bodies().isEmpty() || chosenBody >= 0) {
          throw e; // parameters the spec allows must be accepted; so must a body once accepted
        }
        refusals.add(plan.bodies().get(i).scenario() + ": " + e.getMessage());
      }
    }
    throw new AssertionError(
        plan.operationId() + ": the SDK refused every body synthesised from the spec: " + refusals);
  }

  /** The body the calls send (the first one the SDK accepted), or null without body. */
  Body body() {
    return plan.bodies().isEmpty() ? null : plan.bodies().get(Math.max(0, chosenBody));
  }

  @Override
  public void assertRequests(List<HttpExchange> attempts) {
    assertThat(attempts).as("attempts of %s", plan.operationId()).isNotEmpty();
    for (HttpExchange request : attempts) {
      assertThat(request.method()).isEqualTo(plan.httpMethod());
      assertThat(request.path()).as("path").isEqualTo(plan.path());
      assertThat(request.query()).as("query").isEqualTo(plan.query());
      plan.headers()
          .forEach(
              (name, value) ->
                  assertThat(request.header(name)).as("header %s", name).isEqualTo(value));
      if (!plan.headers().containsKey(BASIN_HEADER)) {
        assertThat(request.header(BASIN_HEADER))
            .as("header %s of an account operation", BASIN_HEADER)
            .isNull();
      }
      Body body = body();
      if (body == null) {
        assertThat(request.requestBody()).as("body").isEmpty();
      } else {
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(json(request.requestBody()).equals(NUMERIC, body.json()))
            .as(
                "body sent %s, synthesised (%s) %s",
                request.requestBody(), body.scenario(), body.json())
            .isTrue();
      }
    }
    if (plan.idempotencyHeader() != null) {
      String token = attempts.get(0).header(plan.idempotencyHeader());
      assertThat(token).as("the SDK's %s", plan.idempotencyHeader()).isNotBlank();
      if (plan.idempotencyMaxLength() != null) {
        assertThat(token.length())
            .as("length of %s", token)
            .isLessThanOrEqualTo(plan.idempotencyMaxLength());
      }
      assertThat(attempts)
          .extracting(a -> a.header(plan.idempotencyHeader()))
          .as("%s on every attempt of one call", plan.idempotencyHeader())
          .containsOnly(token);
    }
  }

  // ---- the call, by reflection on the client
  // ---------------------------------------------------------------

  /**
   * The facade the operation is called on: {@code client.basins()}, {@code
   * client.basin("b").streams()}.
   */
  Object facade(S2Client client) {
    Object scope = client;
    if (plan.handle() != null) {
      scope =
          invoke(find(client.getClass(), plan.handle(), String.class), client, plan.handleValue());
    }
    return invoke(find(scope.getClass(), plan.facadeAccessor()), scope);
  }

  /**
   * Finds what the plan calls on this client without calling it: {@code
   * Basins.list(ListBasinsParams)}.
   *
   * @throws IllegalStateException naming what is missing
   */
  String resolve(S2Client client) {
    Object facade = facade(client);
    Method method = method(facade);
    return facade.getClass().getSimpleName()
        + "."
        + method.getName()
        + Arrays.stream(method.getParameterTypes())
            .map(Class::getSimpleName)
            .toList()
            .toString()
            .replace('[', '(')
            .replace(']', ')');
  }

  private Method method(Object facade) {
    if (plan.paramsClass() == null) {
      return find(facade.getClass(), plan.method());
    }
    return find(facade.getClass(), plan.method(), paramsClass());
  }

  /** The params class of the operation. */
  Class<?> paramsClass() {
    try {
      return Class.forName(CLIENT_PACKAGE + "." + plan.paramsClass());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          plan.operationId()
              + ": no params class "
              + CLIENT_PACKAGE
              + "."
              + plan.paramsClass()
              + " (Naming.paramsClass): was the client generated from this spec?",
          e);
    }
  }

  private Object params(int bodyIndex) {
    Class<?> type = paramsClass();
    Object builder = invoke(find(type, "builder"), null);
    for (Param p : plan.params()) {
      if (p.value() != null) {
        Method setter = setter(builder.getClass(), p.member());
        invoke(setter, builder, decode(p.value(), setter.getGenericParameterTypes()[0]));
      }
    }
    if (!plan.bodies().isEmpty()) {
      Method setter = setter(builder.getClass(), "body");
      invoke(
          setter,
          builder,
          decode(plan.bodies().get(bodyIndex).json(), setter.getGenericParameterTypes()[0]));
    }
    return invoke(find(builder.getClass(), "build"), builder);
  }

  /**
   * What the facade returned, as the response body to compare: a {@link Page} as its list response;
   * a result class (an operation whose success declares headers: {@code create}, {@code ensure}) as
   * its {@code value()}, its status and headers kept for {@link #mismatches}.
   */
  private Object view(Object result) {
    lastResult = result;
    Method value = resultValue(result);
    if (value != null) {
      return invoke(value, result);
    }
    if (result instanceof Page<?> page) {
      if (plan.pageItems() == null || plan.pageFlag() == null) {
        throw new IllegalStateException(
            plan.operationId()
                + ": a Page, but the spec's 200 response has no array "
                + "and boolean property to compare it with");
      }
      Map<String, Object> list = new LinkedHashMap<>();
      list.put(plan.pageItems(), page.items());
      list.put(plan.pageFlag(), page.hasMore());
      return list;
    }
    return result;
  }

  private static Method resultValue(Object result) {
    if (result == null
        || !result.getClass().getSimpleName().endsWith("Result")
        || result.getClass().getEnclosingClass() == null) {
      return null;
    }
    try {
      return result.getClass().getMethod("value");
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /**
   * The body compared as derived, and for a result class its status and each header the stub sends:
   * the accessor of a header is its name without {@code s2-}/{@code x-}, in lowerCamelCase ({@link
   * Naming#member}).
   */
  @Override
  public List<String> mismatches(DerivedStub stub, Object result) {
    List<String> out = new ArrayList<>(Driver.super.mismatches(stub, result));
    Object raw = lastResult;
    if (resultValue(raw) == null) {
      return out;
    }
    Object status = invoke(find(raw.getClass(), "status"), raw);
    if (!Integer.valueOf(stub.status()).equals(status)) {
      out.add("status: " + stub.status() + " sent, " + status + " in the result");
    }
    for (Map.Entry<String, String> header : stub.headers().entrySet()) {
      if (header.getKey().equalsIgnoreCase("Content-Type")) {
        continue;
      }
      String accessor =
          dev.s2.codegen.Naming.member(header.getKey().replaceFirst("(?i)^(s2|x)-", ""));
      Method m;
      try {
        m = raw.getClass().getMethod(accessor);
      } catch (NoSuchMethodException e) {
        out.add(
            "header "
                + header.getKey()
                + ": "
                + raw.getClass().getSimpleName()
                + " has no accessor "
                + accessor
                + "()");
        continue;
      }
      Object got = invoke(m, raw);
      String shown =
          got instanceof java.util.Optional<?> o
              ? o.map(Object::toString).orElse(null)
              : String.valueOf(got);
      if (!header.getValue().equals(shown)) {
        out.add(
            "header "
                + header.getKey()
                + ": '"
                + header.getValue()
                + "' sent, "
                + shown
                + " in the result");
      }
    }
    return out;
  }

  /** A JSON value as the SDK reads it: decoded by its own Moshi adapter for the setter's type. */
  private static Object decode(JsonNode value, Type type) {
    try {
      return S2Json.moshi().adapter(type).fromJson(value.toString());
    } catch (IOException e) {
      throw new IllegalStateException("the SDK cannot read " + value + " as " + type, e);
    }
  }

  /**
   * A public method by name and parameter types, or a failure naming the operation and the missing
   * method.
   */
  Method find(Class<?> type, String name, Class<?>... parameters) {
    try {
      return type.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          plan.operationId()
              + ": "
              + type.getSimpleName()
              + " has no method "
              + name
              + Arrays.stream(parameters)
                  .map(Class::getSimpleName)
                  .toList()
                  .toString()
                  .replace('[', '(')
                  .replace(']', ')')
              + " (named by dev.s2.codegen.Naming): was the client generated from this spec?",
          e);
    }
  }

  /** The one public method of a builder with this name and one parameter. */
  Method setter(Class<?> builder, String name) {
    List<Method> candidates =
        Arrays.stream(builder.getMethods())
            .filter(m -> m.getName().equals(name) && m.getParameterCount() == 1)
            .toList();
    if (candidates.size() != 1) {
      throw new IllegalStateException(
          plan.operationId()
              + ": "
              + builder.getName()
              + " has "
              + candidates.size()
              + " setters "
              + name
              + "(x), expected one");
    }
    return candidates.get(0);
  }

  /**
   * Invokes a method; what it throws is thrown as it is (an S2Exception, an
   * IllegalArgumentException).
   */
  static Object invoke(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(method + " is not accessible", e);
    }
  }

  // ---- derivation rules
  // ------------------------------------------------------------------------------------

  /**
   * The generator's rule: an idempotency header's name holds {@code request-token} or is {@code
   * idempotency-key}.
   */
  static boolean isIdempotencyHeader(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("request-token") || n.equals("idempotency-key");
  }

  /**
   * Whether the operation takes the parameters of a paged list ({@code start_after} and {@code
   * limit}).
   */
  private static boolean isPaged(List<Parameter> parameters) {
    return parameters.stream()
            .anyMatch(p -> "query".equals(p.getIn()) && p.getName().equals("start_after"))
        && parameters.stream()
            .anyMatch(p -> "query".equals(p.getIn()) && p.getName().equals("limit"));
  }

  private static List<Parameter> parameters(OpenAPI api, ApiOperation operation, RefResolver refs) {
    Map<String, Parameter> byKey = new LinkedHashMap<>();
    PathItem item = api.getPaths().get(operation.specPath());
    List<Parameter> inherited =
        item == null || item.getParameters() == null ? List.of() : item.getParameters();
    List<Parameter> own =
        operation.operation().getParameters() == null
            ? List.of()
            : operation.operation().getParameters();
    for (Parameter p : inherited) {
      Parameter resolved = refs.parameter(p);
      byKey.put(resolved.getIn() + " " + resolved.getName(), resolved);
    }
    for (Parameter p : own) {
      Parameter resolved = refs.parameter(p);
      byKey.put(resolved.getIn() + " " + resolved.getName(), resolved);
    }
    return List.copyOf(byKey.values());
  }

  private static JsonNode parameterValue(
      SchemaSynthesizer synthesizer, RefResolver refs, Parameter p, Schema<?> schema) {
    List<Variant> values = synthesizer.variants(schema, p.getName());
    if ("path".equals(p.getIn())) {
      for (Variant v : values) {
        if (v.value().isTextual()
            && !v.value().asText().isEmpty()
            && !encodeSegment(v.value().asText()).equals(v.value().asText())) {
          return v.value();
        }
      }
    }
    Schema<?> resolved = refs.schema(schema);
    if (resolved.getMaximum() != null) {
      for (Variant v : values) {
        if (v.value().isNumber()
            && v.value().decimalValue().compareTo(resolved.getMaximum()) == 0) {
          return v.value();
        }
      }
    }
    return values.get(0).value();
  }

  private static boolean isDefault(RefResolver refs, Schema<?> schema, JsonNode value) {
    Object fallback =
        schema.getDefault() != null ? schema.getDefault() : refs.schema(schema).getDefault();
    return fallback != null && SchemaSynthesizer.toJson(fallback).equals(NUMERIC, value);
  }

  /**
   * The schema of a server variable: that of the path parameter of the same name elsewhere in the
   * spec.
   */
  private static Schema<?> variableSchema(
      OpenAPI api, RefResolver refs, String operationId, String variable) {
    for (PathItem item : api.getPaths().values()) {
      for (io.swagger.v3.oas.models.Operation op : item.readOperations()) {
        List<Parameter> all =
            new ArrayList<>(op.getParameters() == null ? List.of() : op.getParameters());
        all.addAll(item.getParameters() == null ? List.of() : item.getParameters());
        for (Parameter p : all) {
          Parameter resolved = refs.parameter(p);
          if ("path".equals(resolved.getIn())
              && variable.equals(resolved.getName())
              && resolved.getSchema() != null) {
            return resolved.getSchema();
          }
        }
      }
    }
    throw new IllegalStateException(
        operationId
            + ": server variable '"
            + variable
            + "' has no schema: no path "
            + "parameter of that name in the spec to take it from");
  }

  private static Schema<?> requestSchema(RefResolver refs, ApiOperation operation) {
    if (operation.operation().getRequestBody() == null) {
      return null;
    }
    var body = refs.requestBody(operation.operation().getRequestBody());
    return jsonSchema(body.getContent());
  }

  private static Schema<?> successSchema(RefResolver refs, ApiOperation operation) {
    ApiResponse ok =
        operation.operation().getResponses() == null
            ? null
            : operation.operation().getResponses().get("200");
    return ok == null ? null : jsonSchema(refs.response(ok).getContent());
  }

  private static Schema<?> jsonSchema(Map<String, MediaType> content) {
    if (content == null) {
      return null;
    }
    for (Map.Entry<String, MediaType> media : content.entrySet()) {
      if (media.getKey().contains("json")) {
        return media.getValue().getSchema();
      }
    }
    return null;
  }

  /**
   * The raw path of a request: base path, then the spec's path with each parameter encoded as a
   * path segment.
   */
  static String path(ApiOperation operation, Map<String, String> values) {
    String path = operation.path();
    for (Map.Entry<String, String> v : values.entrySet()) {
      path = path.replace("{" + v.getKey() + "}", encodeSegment(v.getValue()));
    }
    return path;
  }

  /**
   * A value as one path segment: every byte of its UTF-8 percent-encoded but the characters RFC
   * 3986 allows in a segment unencoded (unreserved, sub-delims, {@code :} and {@code @}); a {@code
   * /} becomes {@code %2F}.
   */
  static String encodeSegment(String value) {
    StringBuilder sb = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format("%02X", c));
      }
    }
    return sb.toString();
  }

  /**
   * Equal JSON values, numbers compared by value ({@code 1} and {@code 1.0}, int and long nodes).
   */
  static final Comparator<JsonNode> NUMERIC =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("the request body is not JSON: " + text, e);
    }
  }

  @Override
  public String toString() {
    return plan.operationId() + ": " + plan.call();
  }
}
