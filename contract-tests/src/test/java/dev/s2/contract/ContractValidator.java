package dev.s2.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks requests and responses against the spec with the Atlassian OpenAPI validator: path,
 * method, query parameter types and bounds, the bearer header, headers and body schemas. Each
 * problem reads like {@code [REQUEST GET /v1/access-tokens?limit=1001]
 * validation.request.parameter.schema.maximum: ...}.
 *
 * <p>Three things are settled here before the validator runs, as the spec means them: the request
 * must be under the server's base path ({@code /v1}; the validator also accepts paths without it);
 * the spec's top-level {@code security} applies to every operation that declares none (the
 * validator only reads operation-level {@code security}); and references other than to schemas are
 * inlined (the validator does not follow a response's {@code $ref} to {@code components/responses},
 * and then expects no body), see {@link SpecDocument#parseForValidator}. An event stream ({@code
 * text/event-stream}) is checked event by event ({@link #eventStreamProblems}): the validator reads
 * a body only as one JSON document.
 */
final class ContractValidator {
  /** The media type the gate names a response without content by. */
  static final String NO_CONTENT = "(no content)";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static ContractValidator s2;

  private final OpenApiInteractionValidator validator;
  private final SchemaValidator schemas;
  private final OpenAPI api;
  private final RefResolver refs;
  private final List<ApiOperation> operations;
  private final List<Pattern> pathPatterns = new ArrayList<>();

  ContractValidator(String yaml) {
    OpenAPI forValidator = SpecDocument.parseForValidator(yaml);
    applyTopLevelSecurity(forValidator);
    this.validator = OpenApiInteractionValidator.createFor(forValidator).build();
    OpenAPI forSchemas = SpecDocument.parseForValidator(yaml);
    this.schemas = new SchemaValidator(forSchemas, new MessageResolver());
    this.api = SpecDocument.parse(yaml);
    this.refs = new RefResolver(api);
    this.operations = ApiOperation.of(api);
    for (ApiOperation operation : operations) {
      pathPatterns.add(Pattern.compile(pathRegex(operation.path())));
    }
  }

  /** The validator of the S2 spec, built once. */
  static synchronized ContractValidator s2() {
    if (s2 == null) {
      s2 = new ContractValidator(SpecDocument.yaml());
    }
    return s2;
  }

  List<ApiOperation> operations() {
    return operations;
  }

  /** The operation a request is for, by method and path under the base path. */
  Optional<ApiOperation> operationFor(String method, String path) {
    for (int i = 0; i < operations.size(); i++) {
      if (operations.get(i).method().equalsIgnoreCase(method)
          && pathPatterns.get(i).matcher(path).matches()) {
        return Optional.of(operations.get(i));
      }
    }
    return Optional.empty();
  }

  /** The problems of a recorded request; empty when it conforms. */
  List<String> requestProblems(HttpExchange exchange) {
    String where = "[REQUEST " + exchange.method() + " " + exchange.pathAndQuery() + "] ";
    if (operationFor(exchange.method(), exchange.path()).isEmpty()) {
      List<String> known = operations.stream().map(ApiOperation::describe).toList();
      return List.of(
          where
              + "no operation of the spec has this method and path; the spec's operations: "
              + known);
    }
    SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), exchange.path());
    exchange.query().forEach(request::withQueryParam);
    exchange.headers().forEach(request::withHeader);
    if (exchange.requestBody() != null && !exchange.requestBody().isEmpty()) {
      request.withBody(exchange.requestBody());
    }
    return format(where, validator.validateRequest(request.build()));
  }

  /**
   * The problems of a response to a request for {@code path}; empty when it conforms. An event
   * stream's status and headers are checked by the validator, its events by {@link
   * #eventStreamProblems}.
   */
  List<String> responseProblems(
      String method, String path, int status, Map<String, List<String>> headers, String body) {
    return responseProblems(method, path, status, headers, body, false);
  }

  /**
   * As {@link #responseProblems(String, String, int, Map, String)}, for a response to a request in
   * S2's {@code base64} format ({@code s2-format: base64}) when {@code base64}: record strings are
   * then base64.
   */
  List<String> responseProblems(
      String method,
      String path,
      int status,
      Map<String, List<String>> headers,
      String body,
      boolean base64) {
    String where = "[RESPONSE " + status + " to " + method + " " + path + "] ";
    SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
    headers.forEach(response::withHeader);
    boolean eventStream = SseFraming.isEventStream(contentType(headers));
    if (body != null && !body.isEmpty()) {
      response.withBody(body);
    }
    List<String> problems =
        new ArrayList<>(
            format(
                where,
                validator.validateResponse(
                    path, Request.Method.valueOf(method.toUpperCase()), response.build())));
    Optional<ApiOperation> operation = operationFor(method, path);
    Optional<String> key = operation.flatMap(o -> responseKey(o, status));
    if (eventStream && key.isPresent()) {
      problems.addAll(
          eventStreamProblems(where, operation.get(), key.get(), body == null ? "" : body, base64));
    }
    return problems;
  }

  /**
   * The problems of an event stream ({@link SseFraming}) answering a declared response whose {@code
   * text/event-stream} schema is a {@code oneOf} of events ({@code ReadEvent}): every event names
   * one of its variants ({@code event: batch}), and {@code {event, data, id}} conforms to that
   * variant's schema, the {@code data} read as JSON unless the variant's {@code data} is a string;
   * a batch's {@code id} counts the session ({@code <last seq num>,<records so far>,<metered bytes
   * so far>}); {@code data: [DONE]} comes last, and only there; the session ends with it or with an
   * error event.
   */
  List<String> eventStreamProblems(
      String where, ApiOperation operation, String responseKey, String body) {
    return eventStreamProblems(where, operation, responseKey, body, false);
  }

  /**
   * As {@link #eventStreamProblems(String, ApiOperation, String, String)}, the records' strings in
   * base64 or not.
   */
  List<String> eventStreamProblems(
      String where, ApiOperation operation, String responseKey, String body, boolean base64) {
    Schema<?> declared = mediaSchema(operation, responseKey, SseFraming.MEDIA_TYPE);
    if (declared == null) {
      return List.of(where + "the response declares no " + SseFraming.MEDIA_TYPE + " content");
    }
    List<Schema<?>> alternatives = RefResolver.alternatives(refs.schema(declared));
    List<Schema<?>> variants = alternatives == null ? List.of(declared) : alternatives;
    List<SseFraming.Event> events = SseFraming.parse(body);
    List<String> problems = new ArrayList<>();
    if (events.isEmpty()) {
      return List.of(where + "no event in the stream");
    }
    long count = 0;
    long bytes = 0;
    for (int i = 0; i < events.size(); i++) {
      SseFraming.Event event = events.get(i);
      String at =
          where
              + "event "
              + (i + 1)
              + " ("
              + (event.name() == null ? "data: " + event.data() : event.name())
              + "): ";
      if (event.isDone()) {
        if (i != events.size() - 1) {
          problems.add(at + "[DONE] before the end of the stream");
        }
        continue;
      }
      Schema<?> variant =
          variants.stream()
              .filter(v -> eventNames(v).contains(event.name()))
              .findFirst()
              .orElse(null);
      if (variant == null) {
        problems.add(
            at
                + "an event the spec does not declare; it declares "
                + variants.stream().flatMap(v -> eventNames(v).stream()).toList());
        continue;
      }
      ObjectNode json = JsonNodeFactory.instance.objectNode().put("event", event.name());
      Schema<?> dataSchema = refs.schema(properties(variant).getOrDefault("data", new Schema<>()));
      if (SchemaSynthesizer.types(dataSchema).equals(java.util.Set.of("string"))) {
        json.put("data", event.data());
      } else {
        try {
          json.set("data", JSON.readTree(event.data()));
        } catch (java.io.IOException e) {
          problems.add(at + "data is not JSON: " + event.data());
          continue;
        }
      }
      if (event.id() != null) {
        json.put("id", event.id());
      }
      problems.addAll(format(at, schemas.validate(json.toString(), variant, "response.body")));
      JsonNode records = json.path("data").path("records");
      if (event.id() != null && records.isArray() && !records.isEmpty()) {
        count += records.size();
        bytes += SseFraming.meteredBytes(records, base64);
        String expected =
            records.get(records.size() - 1).path("seq_num").asText() + "," + count + "," + bytes;
        if (!expected.equals(event.id())) {
          problems.add(
              at
                  + "id "
                  + event.id()
                  + ", but the session so far makes it "
                  + expected
                  + " (last seq num, records, metered bytes)");
        }
      }
      if (SseFraming.ERROR_EVENT.equals(event.name()) && i != events.size() - 1) {
        problems.add(at + "events after an error event, which ends the session");
      }
    }
    SseFraming.Event last = events.get(events.size() - 1);
    if (!last.isDone() && !SseFraming.ERROR_EVENT.equals(last.name())) {
      problems.add(where + "the stream ends without data: [DONE] or an error event");
    }
    return problems;
  }

  private Set<String> eventNames(Schema<?> variant) {
    Schema<?> event = refs.schema(properties(variant).getOrDefault("event", new Schema<>()));
    Set<String> names = new LinkedHashSet<>();
    if (event.getEnum() != null) {
      event.getEnum().forEach(v -> names.add(String.valueOf(v)));
    }
    if (event.getConst() != null) {
      names.add(String.valueOf(event.getConst()));
    }
    return names;
  }

  private Map<String, Schema<?>> properties(Schema<?> schema) {
    return RefResolver.properties(refs.schema(schema));
  }

  /**
   * The media types a declared response may have, or {@link #NO_CONTENT} for one without content.
   */
  List<String> declaredMediaTypes(ApiOperation operation, String responseKey) {
    ApiResponse response = refs.response(operation.operation().getResponses().get(responseKey));
    if (response.getContent() == null || response.getContent().isEmpty()) {
      return List.of(NO_CONTENT);
    }
    return List.copyOf(response.getContent().keySet());
  }

  /**
   * The declared media type a response's Content-Type answers to, {@link #NO_CONTENT}, or empty for
   * none.
   */
  Optional<String> mediaTypeOf(
      ApiOperation operation, String responseKey, Map<String, List<String>> headers, String body) {
    List<String> declared = declaredMediaTypes(operation, responseKey);
    String contentType = contentType(headers);
    if (declared.equals(List.of(NO_CONTENT))) {
      return (body == null || body.isEmpty()) ? Optional.of(NO_CONTENT) : Optional.empty();
    }
    if (contentType == null) {
      return Optional.empty();
    }
    String type = contentType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
    return declared.stream().filter(d -> d.equalsIgnoreCase(type)).findFirst();
  }

  private Schema<?> mediaSchema(ApiOperation operation, String responseKey, String mediaType) {
    ApiResponse response = refs.response(operation.operation().getResponses().get(responseKey));
    MediaType media = response.getContent() == null ? null : response.getContent().get(mediaType);
    return media == null ? null : media.getSchema();
  }

  private static String contentType(Map<String, List<String>> headers) {
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase("Content-Type") && !h.getValue().isEmpty()) {
        return h.getValue().get(0);
      }
    }
    return null;
  }

  /**
   * The problems of a derived stub's response, as the client would receive it at the operation's
   * path.
   */
  List<String> stubProblems(DerivedStub stub) {
    Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
    stub.headers().forEach((k, v) -> headers.put(k, List.of(v)));
    if (stub.contentType() != null) {
      headers.put("Content-Type", List.of(stub.contentType()));
    }
    String path = stub.operation().path().replaceAll("\\{[^}/]+}", "sample");
    return responseProblems(stub.operation().method(), path, stub.status(), headers, stub.body());
  }

  /**
   * The declared response key a status answers to: the status itself, its range ({@code 4XX}) or
   * {@code default}; empty when the operation declares none of them.
   */
  static Optional<String> responseKey(ApiOperation operation, int status) {
    for (String key : List.of(String.valueOf(status), (status / 100) + "XX", "default")) {
      if (operation.responseKeys().contains(key)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  private static List<String> format(String where, ValidationReport report) {
    List<String> problems = new ArrayList<>();
    for (ValidationReport.Message message : report.getMessages()) {
      if (message.getLevel() != ValidationReport.Level.ERROR) {
        continue;
      }
      StringBuilder sb =
          new StringBuilder(where)
              .append(message.getKey())
              .append(": ")
              .append(message.getMessage());
      message
          .getContext()
          .flatMap(ValidationReport.MessageContext::getPointers)
          .ifPresent(
              p ->
                  sb.append(" (at ")
                      .append(p.getInstance().isEmpty() ? "/" : p.getInstance())
                      .append(", schema ")
                      .append(p.getSchema())
                      .append(')'));
      message
          .getContext()
          .flatMap(ValidationReport.MessageContext::getParameter)
          .ifPresent(
              p ->
                  sb.append(" (")
                      .append(p.getIn())
                      .append(" parameter '")
                      .append(p.getName())
                      .append("')"));
      problems.add(sb.toString());
    }
    return problems;
  }

  private static String pathRegex(String template) {
    StringBuilder regex = new StringBuilder();
    for (String part : template.split("(?=\\{)|(?<=})")) {
      regex.append(part.startsWith("{") && part.endsWith("}") ? "[^/]+" : Pattern.quote(part));
    }
    return regex.toString();
  }

  private static void applyTopLevelSecurity(OpenAPI api) {
    if (api.getSecurity() == null || api.getPaths() == null) {
      return;
    }
    for (PathItem item : api.getPaths().values()) {
      for (Operation operation : item.readOperations()) {
        if (operation.getSecurity() == null) {
          operation.setSecurity(new ArrayList<>(api.getSecurity()));
        }
      }
    }
  }
}
