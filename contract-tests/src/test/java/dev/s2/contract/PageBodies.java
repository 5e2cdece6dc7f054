package dev.s2.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;

/**
 * List pages for the pagination tests, built from the typical access token of the derived stubs
 * with the ids a scenario needs, so every page still conforms to the spec.
 */
final class PageBodies {
  /** The typical token of the derived {@code list_access_tokens} 200 stubs. */
  static final JsonNode TYPICAL_TOKEN =
      S2Stubs.all().stream()
          .filter(
              s ->
                  s.operationId().equals("list_access_tokens")
                      && s.responseKey().equals("200")
                      && s.scenario().equals("typical"))
          .findFirst()
          .orElseThrow()
          .json()
          .get("access_tokens")
          .get(0);

  /** The schema of a list of tokens, to compare walked items with {@link DecodedValues}. */
  static final Schema<?> TOKENS_SCHEMA =
      new ArraySchema().items(new Schema<>().$ref("#/components/schemas/AccessTokenInfo"));

  private PageBodies() {}

  /** The tokens with these ids, as a JSON array. */
  static ArrayNode tokens(String... ids) {
    ArrayNode tokens = JsonNodeFactory.instance.arrayNode();
    for (String id : ids) {
      tokens.add(((ObjectNode) TYPICAL_TOKEN.deepCopy()).put("id", id));
    }
    return tokens;
  }

  /** A page body: these tokens and {@code has_more}. */
  static String page(boolean hasMore, String... ids) {
    ObjectNode page = JsonNodeFactory.instance.objectNode();
    page.set("access_tokens", tokens(ids));
    page.put("has_more", hasMore);
    return page.toString();
  }
}
