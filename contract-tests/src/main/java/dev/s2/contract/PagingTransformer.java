package dev.s2.contract;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.Map;

/**
 * Answers the paged list operations of the mock: checks the bearer token and the {@code limit} bounds of the
 * spec, then serves the page of the {@link PagedCollection} the stub names.
 */
final class PagingTransformer implements ResponseDefinitionTransformerV2 {
  static final String NAME = "s2-paging";
  static final String COLLECTION_PARAMETER = "collection";

  private final Map<String, PagedCollection> collections;
  private final int pageCap;

  /**
   * @param collections the collections by operation id
   * @param pageCap the most items one page holds, whatever the {@code limit}: a server may return fewer
   */
  PagingTransformer(Map<String, PagedCollection> collections, int pageCap) {
    this.collections = collections;
    this.pageCap = pageCap;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    LoggedRequest request = serveEvent.getRequest();
    PagedCollection collection = collections.get(serveEvent.getTransformerParameters().getString(COLLECTION_PARAMETER));
    String authorization = request.getHeader("Authorization");
    if (authorization == null || !authorization.startsWith("Bearer ") || authorization.substring(7).isBlank()) {
      return error(401, "authn", "missing or malformed Authorization header: expected 'Bearer <access token>'");
    }
    int limit;
    String rawLimit = value(request.queryParameter(PagedCollection.LIMIT), null);
    try {
      limit = rawLimit == null ? collection.maxLimit() : Integer.parseInt(rawLimit);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < collection.minLimit() || limit > collection.maxLimit()) {
      return error(400, "bad_query", "limit must be an integer between " + collection.minLimit() + " and "
          + collection.maxLimit() + ", was '" + rawLimit + "'");
    }
    String prefix = value(request.queryParameter(PagedCollection.PREFIX), "");
    String startAfter = value(request.queryParameter(PagedCollection.START_AFTER), "");
    ObjectNode page = collection.page(prefix, startAfter, limit, pageCap);
    return json(200, page);
  }

  private static String value(QueryParameter parameter, String fallback) {
    return parameter != null && parameter.isPresent() ? parameter.firstValue() : fallback;
  }

  private static ResponseDefinition error(int status, String code, String message) {
    return json(status, JsonNodeFactory.instance.objectNode().put("code", code).put("message", message));
  }

  private static ResponseDefinition json(int status, ObjectNode body) {
    return new ResponseDefinitionBuilder()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body.toString())
        .build();
  }
}
