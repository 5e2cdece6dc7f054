package dev.s2.contract;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The S2 OpenAPI document, read from the classpath resource of the {@code s2-api-spec} artifact and
 * parsed by swagger-parser.
 */
final class SpecDocument {
  /** Where the {@code s2-api-spec} artifact puts the spec. */
  static final String RESOURCE = "dev/s2/spec/s2-openapi.yaml";

  /**
   * swagger-parser messages that are wrong for OpenAPI 3.1: the License Object's {@code identifier}
   * is optional (OpenAPI 3.1.0, section 4.8.4), yet the parser reports it missing. Nothing else is
   * ignored.
   */
  static final Set<String> PARSER_FALSE_POSITIVES =
      Set.of("attribute info.license.identifier is missing");

  private SpecDocument() {}

  /** The spec's YAML text. */
  static String yaml() {
    ClassLoader loader = SpecDocument.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "classpath resource " + RESOURCE + " not found: is s2-api-spec a dependency?");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath resource " + RESOURCE, e);
    }
  }

  /**
   * A freshly parsed model of the S2 spec (swagger models are mutable: callers get their own copy).
   */
  static OpenAPI load() {
    return parse(yaml());
  }

  /**
   * Parses an OpenAPI document with references resolved.
   *
   * @throws IllegalStateException listing swagger-parser's messages when it reports any but the
   *     known false one
   */
  static OpenAPI parse(String yaml) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIParser().readContents(yaml, null, options);
    List<String> messages =
        result.getMessages() == null
            ? List.of()
            : result.getMessages().stream()
                .filter(m -> !PARSER_FALSE_POSITIVES.contains(m))
                .collect(Collectors.toList());
    if (!messages.isEmpty() || result.getOpenAPI() == null) {
      throw new IllegalStateException("the OpenAPI document does not parse cleanly: " + messages);
    }
    return result.getOpenAPI();
  }

  /**
   * Parses an OpenAPI document for the OpenAPI validator: the references to components other than
   * schemas (responses, parameters, request bodies, headers) inlined, since the validator does not
   * follow them (it then expects no body); schema references kept, since it resolves those itself.
   *
   * <p>Not swagger-parser's {@code resolveFully}: it also inlines schema references, and where a
   * property is {@code oneOf: [{type: 'null'}, {$ref: ...}]} it writes the referenced schema's
   * {@code type: object} beside the {@code oneOf}, which then refuses the {@code null} the spec
   * allows (179 of 868 derived stubs were reported wrongly that way).
   *
   * @throws IllegalStateException listing swagger-parser's messages when it reports any but the
   *     known false one
   */
  static OpenAPI parseForValidator(String yaml) {
    OpenAPI api = parse(yaml);
    RefResolver refs = new RefResolver(api);
    if (api.getPaths() == null) {
      return api;
    }
    for (PathItem item : api.getPaths().values()) {
      if (item.getParameters() != null) {
        item.getParameters().replaceAll(refs::parameter);
      }
      for (Operation operation : item.readOperations()) {
        if (operation.getParameters() != null) {
          operation.getParameters().replaceAll(refs::parameter);
        }
        if (operation.getRequestBody() != null) {
          operation.setRequestBody(refs.requestBody(operation.getRequestBody()));
        }
        if (operation.getResponses() != null) {
          for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
            ApiResponse resolved = refs.response(response.getValue());
            if (resolved.getHeaders() != null) {
              resolved.getHeaders().replaceAll((name, header) -> refs.header(header));
            }
            response.setValue(resolved);
          }
        }
      }
    }
    return api;
  }
}
