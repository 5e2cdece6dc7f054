package dev.s2.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks requests and responses against the spec with the Atlassian OpenAPI validator: path, method, query
 * parameter types and bounds, the bearer header, headers and body schemas. Each problem reads like
 * {@code [REQUEST GET /v1/access-tokens?limit=1001] validation.request.parameter.schema.maximum: ...}.
 *
 * <p>Three things are settled here before the validator runs, as the spec means them: the request must be under
 * the server's base path ({@code /v1}; the validator also accepts paths without it); the spec's top-level
 * {@code security} applies to every operation that declares none (the validator only reads operation-level
 * {@code security}); and references are inlined (the validator does not follow a response's {@code $ref} to
 * {@code components/responses}, and then expects no body).
 */
final class ContractValidator {
  private static ContractValidator s2;

  private final OpenApiInteractionValidator validator;
  private final List<ApiOperation> operations;
  private final List<Pattern> pathPatterns = new ArrayList<>();

  ContractValidator(String yaml) {
    OpenAPI forValidator = SpecDocument.parse(yaml, true);
    applyTopLevelSecurity(forValidator);
    this.validator = OpenApiInteractionValidator.createFor(forValidator).build();
    this.operations = ApiOperation.of(SpecDocument.parse(yaml));
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
      if (operations.get(i).method().equalsIgnoreCase(method) && pathPatterns.get(i).matcher(path).matches()) {
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
      return List.of(where + "no operation of the spec has this method and path; the spec's operations: " + known);
    }
    SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), exchange.path());
    exchange.query().forEach(request::withQueryParam);
    exchange.headers().forEach(request::withHeader);
    if (exchange.requestBody() != null && !exchange.requestBody().isEmpty()) {
      request.withBody(exchange.requestBody());
    }
    return format(where, validator.validateRequest(request.build()));
  }

  /** The problems of a response to a request for {@code path}; empty when it conforms. */
  List<String> responseProblems(String method, String path, int status, Map<String, List<String>> headers, String body) {
    String where = "[RESPONSE " + status + " to " + method + " " + path + "] ";
    SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
    headers.forEach(response::withHeader);
    if (body != null && !body.isEmpty()) {
      response.withBody(body);
    }
    return format(where, validator.validateResponse(path, Request.Method.valueOf(method.toUpperCase()), response.build()));
  }

  /** The problems of a derived stub's response, as the client would receive it at the operation's path. */
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
      StringBuilder sb = new StringBuilder(where).append(message.getKey()).append(": ").append(message.getMessage());
      message.getContext().flatMap(ValidationReport.MessageContext::getPointers).ifPresent(p ->
          sb.append(" (at ").append(p.getInstance().isEmpty() ? "/" : p.getInstance())
              .append(", schema ").append(p.getSchema()).append(')'));
      message.getContext().flatMap(ValidationReport.MessageContext::getParameter).ifPresent(p ->
          sb.append(" (").append(p.getIn()).append(" parameter '").append(p.getName()).append("')"));
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
