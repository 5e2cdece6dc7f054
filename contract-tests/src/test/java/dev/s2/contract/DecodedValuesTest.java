package dev.s2.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s2.model.AccessTokenInfo;
import dev.s2.model.AccessTokenScope;
import dev.s2.model.ListAccessTokensResponse;
import dev.s2.model.Operation;
import dev.s2.model.ResourceSetExact;
import dev.s2.model.ResourceSetPrefix;
import io.swagger.v3.oas.models.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The field-by-field comparison of the replay reports each difference with its JSON path. */
class DecodedValuesTest {
  private static final String BODY =
      "{\"access_tokens\":[{\"id\":\"a\",\"expires_at\":\"2026-12-31T23:59:59.5+05:30\","
          + "\"scope\":{\"streams\":{\"prefix\":\"p\"},\"ops\":[\"append\",\"fly-to-the-moon\"]}}],\"has_more\":true}";

  private final DecodedValues values = DecodedValues.s2();
  private final Schema<?> schema =
      values.responseSchema(
          ContractValidator.s2().operationFor("GET", "/v1/access-tokens").orElseThrow(), "200");

  @Test
  void theValueDecodedFromTheBodyMatches() throws Exception {
    assertThat(values.mismatches(json(BODY), response(token().build(), true), schema)).isEmpty();
  }

  @Test
  void aDifferentScalarIsReportedWithItsPath() throws Exception {
    assertThat(values.mismatches(json(BODY), response(token().build(), false), schema))
        .containsExactly("$.has_more: true in the body, decoded as false (Boolean)");
  }

  @Test
  void theWrongOneOfVariantIsReported() throws Exception {
    AccessTokenInfo exact =
        token().scope(scope().streams(ResourceSetExact.of("p")).build()).build();

    assertThat(values.mismatches(json(BODY), response(exact, true), schema))
        .singleElement()
        .asString()
        .startsWith(
            "$.access_tokens[0].scope.streams.prefix: ResourceSetExact has no accessor prefix()");
  }

  @Test
  void theSameInstantAtAnotherOffsetIsReported() throws Exception {
    AccessTokenInfo utc = token().expiresAt(OffsetDateTime.parse("2026-12-31T18:29:59.5Z")).build();

    assertThat(values.mismatches(json(BODY), response(utc, true), schema))
        .singleElement()
        .asString()
        .startsWith("$.access_tokens[0].expires_at: \"2026-12-31T23:59:59.5+05:30\" in the body");
  }

  @Test
  void anUnknownEnumValueMustKeepItsWireValue() throws Exception {
    AccessTokenInfo mapped =
        token().scope(scope().ops(List.of(Operation.APPEND, Operation.READ)).build()).build();

    assertThat(values.mismatches(json(BODY), response(mapped, true), schema))
        .containsExactly(
            "$.access_tokens[0].scope.ops[1]: \"fly-to-the-moon\" in the body, decoded as read (Operation)");
  }

  @Test
  void anAbsentPropertyMustDecodeToItsDefaultOrToNothing() throws Exception {
    AccessTokenInfo changed =
        token()
            .autoPrefixStreams(true)
            .scope(scope().basins(ResourceSetPrefix.of("")).build())
            .build();

    assertThat(values.mismatches(json(BODY), response(changed, true), schema))
        .containsExactly(
            "$.access_tokens[0].auto_prefix_streams: false in the body, decoded as true (Boolean)",
            "$.access_tokens[0].scope.basins: absent from the body, decoded as ResourceSetPrefix{prefix=} (ResourceSetPrefix)");
  }

  @Test
  void aMissingItemIsReported() throws Exception {
    assertThat(values.mismatches(json(BODY), ListAccessTokensResponse.of(List.of(), true), schema))
        .containsExactly("$.access_tokens: 1 items in the body, 0 decoded");
  }

  private static AccessTokenInfo.Builder token() {
    return AccessTokenInfo.builder()
        .id("a")
        .expiresAt(OffsetDateTime.parse("2026-12-31T23:59:59.5+05:30"))
        .scope(scope().build());
  }

  private static AccessTokenScope.Builder scope() {
    return AccessTokenScope.builder()
        .streams(ResourceSetPrefix.of("p"))
        .ops(List.of(Operation.APPEND, Operation.of("fly-to-the-moon")));
  }

  private static ListAccessTokensResponse response(AccessTokenInfo token, boolean hasMore) {
    return ListAccessTokensResponse.of(List.of(token), hasMore);
  }

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }
}
