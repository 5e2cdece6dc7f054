package dev.s2.contract;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.servers.ServerVariable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One operation of the spec, where it is served, and the response keys it declares.
 *
 * @param operationId the spec's operation id ({@code list_access_tokens})
 * @param method the HTTP method, upper case
 * @param basePath the path of the operation's server URL, without trailing slash ({@code /v1}),
 *     maybe empty
 * @param specPath the path as the spec writes it ({@code /access-tokens/{id}})
 * @param responseKeys the declared response keys in spec order ({@code "200"}, {@code "4XX"},
 *     {@code "default"})
 * @param operation the parsed operation
 * @param tag the operation's first tag, {@code default} when it has none
 * @param serverVariables the variables of the operation's server URL in order ({@code basin} for
 *     S2's basin endpoint {@code https://{basin}.b.s2.dev/v1}); empty for an operation of the
 *     top-level server
 */
record ApiOperation(
    String operationId,
    String method,
    String basePath,
    String specPath,
    List<String> responseKeys,
    Operation operation,
    String tag,
    List<String> serverVariables) {
  private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

  /**
   * Every operation of the spec, in spec order (paths in document order, methods in {@link
   * PathItem.HttpMethod} order).
   */
  static List<ApiOperation> of(OpenAPI api) {
    List<ApiOperation> out = new ArrayList<>();
    if (api.getPaths() == null) {
      return out;
    }
    for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> entry :
          path.getValue().readOperationsMap().entrySet()) {
        Operation operation = entry.getValue();
        String method = entry.getKey().name();
        String id =
            operation.getOperationId() != null
                ? operation.getOperationId()
                : method + " " + path.getKey();
        List<String> keys =
            operation.getResponses() == null
                ? List.of()
                : List.copyOf(operation.getResponses().keySet());
        Server server =
            server(operation.getServers(), path.getValue().getServers(), api.getServers());
        String tag =
            operation.getTags() == null || operation.getTags().isEmpty()
                ? "default"
                : operation.getTags().get(0);
        out.add(
            new ApiOperation(
                id,
                method,
                basePath(server),
                path.getKey(),
                keys,
                operation,
                tag,
                variables(server)));
      }
    }
    return out;
  }

  /**
   * The path as the client sends it: base path, then spec path ({@code /v1/access-tokens/{id}}).
   */
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
    throw new IllegalStateException(
        describe() + ": unsupported response key '" + responseKey + "'");
  }

  /** Whether the operation is served by a server URL with variables (S2's basin endpoint). */
  boolean hasServerVariables() {
    return !serverVariables.isEmpty();
  }

  /**
   * The server that serves an operation: its own, else its path item's, else the document's; null
   * if none.
   */
  private static Server server(List<Server> operation, List<Server> pathItem, List<Server> root) {
    List<Server> servers =
        operation != null && !operation.isEmpty()
            ? operation
            : pathItem != null && !pathItem.isEmpty() ? pathItem : root;
    return servers == null || servers.isEmpty() || servers.get(0).getUrl() == null
        ? null
        : servers.get(0);
  }

  private static List<String> variables(Server server) {
    List<String> names = new ArrayList<>();
    if (server != null) {
      Matcher m = VARIABLE.matcher(server.getUrl());
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return List.copyOf(names);
  }

  /**
   * The path of a server URL, without trailing slash. Its variables are substituted first (their
   * default, else their first enum value, else a sample), since a URL template such as {@code
   * https://{basin}.b.s2.dev/v1} is no URI; the base path does not depend on them unless they sit
   * in the path, where a default is needed.
   */
  private static String basePath(Server server) {
    if (server == null) {
      return "";
    }
    Matcher m = VARIABLE.matcher(server.getUrl());
    StringBuilder url = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(url, Matcher.quoteReplacement(sample(server, m.group(1))));
    }
    m.appendTail(url);
    String rawPath = URI.create(url.toString()).getRawPath();
    if (rawPath == null) {
      return "";
    }
    return rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
  }

  private static String sample(Server server, String name) {
    ServerVariable variable =
        server.getVariables() == null ? null : server.getVariables().get(name);
    if (variable != null && variable.getDefault() != null && !variable.getDefault().isEmpty()) {
      return variable.getDefault();
    }
    if (variable != null && variable.getEnum() != null && !variable.getEnum().isEmpty()) {
      return variable.getEnum().get(0);
    }
    return "sample";
  }
}
