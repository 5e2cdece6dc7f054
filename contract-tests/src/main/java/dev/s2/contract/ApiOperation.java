package dev.s2.contract;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.servers.Server;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One operation of the spec, where it is served, and the response keys it declares.
 *
 * @param operationId the spec's operation id ({@code list_access_tokens})
 * @param method the HTTP method, upper case
 * @param basePath the path of the operation's server URL, without trailing slash ({@code /v1}), maybe empty
 * @param specPath the path as the spec writes it ({@code /access-tokens/{id}})
 * @param responseKeys the declared response keys in spec order ({@code "200"}, {@code "4XX"}, {@code "default"})
 * @param operation the parsed operation
 */
record ApiOperation(
    String operationId, String method, String basePath, String specPath, List<String> responseKeys, Operation operation) {

  /** Every operation of the spec, in spec order (paths in document order, methods in {@link PathItem.HttpMethod} order). */
  static List<ApiOperation> of(OpenAPI api) {
    List<ApiOperation> out = new ArrayList<>();
    if (api.getPaths() == null) {
      return out;
    }
    for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
        Operation operation = entry.getValue();
        String method = entry.getKey().name();
        String id = operation.getOperationId() != null ? operation.getOperationId() : method + " " + path.getKey();
        List<String> keys = operation.getResponses() == null
            ? List.of() : List.copyOf(operation.getResponses().keySet());
        String basePath = basePath(operation.getServers(), path.getValue().getServers(), api.getServers());
        out.add(new ApiOperation(id, method, basePath, path.getKey(), keys, operation));
      }
    }
    return out;
  }

  /** The path as the client sends it: base path, then spec path ({@code /v1/access-tokens/{id}}). */
  String path() {
    return basePath + specPath;
  }

  /** Whether the path has {@code {parameters}}. */
  boolean isTemplated() {
    return specPath.contains("{");
  }

  /** A readable name: {@code list_access_tokens (GET /v1/access-tokens)}. */
  String describe() {
    return operationId + " (" + method + " " + path() + ")";
  }

  /** The operation's {@link #describe()}: the parsed operation is too long to print. */
  @Override
  public String toString() {
    return describe();
  }

  /**
   * The status a stub answers with for a response key: the number itself, {@code 4XX} as 400, and
   * {@code default} as the first of 500, 502, 503, 599 that the operation does not declare.
   */
  int statusFor(String responseKey) {
    if (responseKey.matches("[1-5][0-9][0-9]")) {
      return Integer.parseInt(responseKey);
    }
    if (responseKey.matches("[1-5]XX")) {
      return (responseKey.charAt(0) - '0') * 100;
    }
    if (responseKey.equals("default")) {
      for (int candidate : new int[] {500, 502, 503, 599}) {
        if (!responseKeys.contains(String.valueOf(candidate))) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(describe() + ": unsupported response key '" + responseKey + "'");
  }

  private static String basePath(List<Server> operation, List<Server> pathItem, List<Server> root) {
    List<Server> servers = operation != null && !operation.isEmpty() ? operation
        : pathItem != null && !pathItem.isEmpty() ? pathItem : root;
    if (servers == null || servers.isEmpty() || servers.get(0).getUrl() == null) {
      return "";
    }
    String rawPath = URI.create(servers.get(0).getUrl()).getRawPath();
    if (rawPath == null) {
      return "";
    }
    return rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
  }
}
