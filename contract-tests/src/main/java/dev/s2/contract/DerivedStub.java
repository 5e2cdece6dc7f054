package dev.s2.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Metadata;
import java.util.Map;

/**
 * A WireMock stub derived from the spec for one declared response of one operation, with what a
 * test needs to check it.
 *
 * @param operation the operation the stub answers
 * @param responseKey the declared response key ({@code "200"})
 * @param status the HTTP status the stub answers with
 * @param scenario which synthesised or example body this is, unique for the operation and response
 * @param contentType the response media type, or null for a response without content
 * @param body the response body as sent, or null for a response without content
 * @param json the body as JSON (for JSON media types), or null
 * @param headers declared response headers with synthesised values
 */
record DerivedStub(
    ApiOperation operation,
    String responseKey,
    int status,
    String scenario,
    String contentType,
    String body,
    JsonNode json,
    Map<String, String> headers) {

  /** The operation id. */
  String operationId() {
    return operation.operationId();
  }

  /** A unique readable name, e.g. {@code list_access_tokens 200 $.has_more: = false}. */
  String name() {
    return operation.operationId() + " " + responseKey + " " + scenario;
  }

  /** The stub's {@link #name()}: the parsed operation and the body are too long to print. */
  @Override
  public String toString() {
    return name();
  }

  /**
   * The WireMock mapping: matches the operation's method and path, answers the status, headers and
   * body.
   */
  MappingBuilder toMapping() {
    String path = operation.path();
    MappingBuilder mapping =
        request(
                operation.method(),
                operation.isTemplated() ? urlPathTemplate(path) : urlPathEqualTo(path))
            .withName(name())
            .withMetadata(
                Metadata.metadata()
                    .attr("operationId", operation.operationId())
                    .attr("responseKey", responseKey)
                    .attr("scenario", scenario));
    return mapping.willReturn(response());
  }

  /** The response part of the mapping. */
  ResponseDefinitionBuilder response() {
    ResponseDefinitionBuilder response = aResponse().withStatus(status);
    headers.forEach(response::withHeader);
    if (contentType != null) {
      response.withHeader("Content-Type", contentType);
    }
    if (body != null) {
      response.withBody(body);
    }
    return response;
  }
}
