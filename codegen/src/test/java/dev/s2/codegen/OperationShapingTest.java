package dev.s2.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.CodegenParameter;

/** The facts the generator derives from the shape of each operation of the effective spec. */
class OperationShapingTest {
  private static final Map<String, CodegenOperation> OPS = Specs.operations(Specs.effectiveSpec());

  private static Object x(String operationId, String key) {
    return OPS.get(operationId).vendorExtensions.get(key);
  }

  private static CodegenParameter param(String operationId, String name) {
    return OPS.get(operationId).allParams.stream()
        .filter(p -> p.baseName.equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyOperationGetsAFacadeMethodNamedWithoutTheWordsOfItsTag() {
    Map<String, String> names = new TreeMap<>();
    OPS.forEach(
        (id, op) ->
            names.put(
                id,
                op.vendorExtensions.get("x-s2-tag")
                    + "."
                    + op.vendorExtensions.get("x-s2-method")));
    assertThat(names)
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.ofEntries(
                    Map.entry("account_metrics", "metrics.account"),
                    Map.entry("append", "records.append"),
                    Map.entry("basin_metrics", "metrics.basin"),
                    Map.entry("check_tail", "records.checkTail"),
                    Map.entry("create_basin", "basins.create"),
                    Map.entry("create_stream", "streams.create"),
                    Map.entry("delete_basin", "basins.delete"),
                    Map.entry("delete_stream", "streams.delete"),
                    Map.entry("ensure_basin", "basins.ensure"),
                    Map.entry("ensure_stream", "streams.ensure"),
                    Map.entry("get_basin_config", "basins.getConfig"),
                    Map.entry("get_default_location", "locations.getDefault"),
                    Map.entry("get_stream_config", "streams.getConfig"),
                    Map.entry("issue_access_token", "access-tokens.issue"),
                    Map.entry("list_access_tokens", "access-tokens.list"),
                    Map.entry("list_basins", "basins.list"),
                    Map.entry("list_locations", "locations.list"),
                    Map.entry("list_streams", "streams.list"),
                    Map.entry("read", "records.read"),
                    Map.entry("reconfigure_basin", "basins.reconfigure"),
                    Map.entry("reconfigure_stream", "streams.reconfigure"),
                    Map.entry("revoke_access_token", "access-tokens.revoke"),
                    Map.entry("set_default_location", "locations.setDefault"),
                    Map.entry("stream_metrics", "metrics.stream"))));
  }

  @Test
  void listsShapedLikeS2sArePagedWithTheItemsKeyAsCursor() {
    assertThat(x("list_access_tokens", "x-s2-paged")).isEqualTo(true);
    assertThat(x("list_access_tokens", "x-s2-page-item-type")).isEqualTo("AccessTokenInfo");
    assertThat(x("list_access_tokens", "x-s2-page-items-getter")).isEqualTo("accessTokens");
    assertThat(x("list_access_tokens", "x-s2-page-cursor-getter")).isEqualTo("id");
    assertThat(x("list_access_tokens", "x-s2-page-default-size")).isEqualTo(1000);
    assertThat(x("list_access_tokens", "x-s2-page-max-items")).isEqualTo(1000);
    assertThat(x("list_basins", "x-s2-page-item-type")).isEqualTo("BasinInfo");
    assertThat(x("list_basins", "x-s2-page-cursor-getter")).isEqualTo("name");
    assertThat(x("list_streams", "x-s2-page-items-getter")).isEqualTo("streams");
    assertThat(x("list_streams", "x-s2-page-cursor-getter")).isEqualTo("name");
    // an array without start_after/limit/has_more is not a page
    assertThat(x("list_locations", "x-s2-paged")).isNull();
    assertThat(x("list_locations", "x-s2-result-type")).isEqualTo("List<LocationInfo>");
    assertThat(x("account_metrics", "x-s2-paged")).isNull();
  }

  @Test
  void retrySafetyFollowsTheMethodAndTheIdempotencyHeader() {
    assertThat(x("list_basins", "x-s2-idempotent")).isEqualTo(true);
    assertThat(x("ensure_basin", "x-s2-idempotent")).isEqualTo(true);
    assertThat(x("delete_stream", "x-s2-idempotent")).isEqualTo(true);
    assertThat(x("issue_access_token", "x-s2-idempotent")).isEqualTo(false);
    assertThat(x("reconfigure_basin", "x-s2-idempotent")).isEqualTo(false);
    assertThat(x("append", "x-s2-idempotent")).isEqualTo(false);
    // POST with s2-request-token: the SDK fills the token once per call, so retries are safe
    assertThat(x("create_basin", "x-s2-idempotent")).isEqualTo(true);
    assertThat(x("create_basin", "x-s2-idempotency-param")).isEqualTo("s2RequestToken");
    // the Retrofit call takes the SDK's token (allParams, which the call is built from, holds
    // copies)
    assertThat(param("create_basin", "s2-request-token").vendorExtensions)
        .containsEntry("x-s2-idempotency-token", true);
    assertThat(param("create_stream", "s2-request-token").vendorExtensions)
        .containsEntry("x-s2-idempotency-token", true);
    assertThat(x("create_stream", "x-s2-idempotent")).isEqualTo(true);
  }

  @Test
  void operationsOnTheBasinServerAreReachedThroughABasinHandle() {
    assertThat(x("list_streams", "x-s2-basin-scoped")).isEqualTo(true);
    assertThat(x("list_streams", "x-s2-server-variables")).isEqualTo(java.util.List.of("basin"));
    assertThat(x("append", "x-s2-basin-scoped")).isEqualTo(true);
    assertThat(x("list_basins", "x-s2-basin-scoped")).isEqualTo(false);
    assertThat(x("basin_metrics", "x-s2-basin-scoped")).isEqualTo(false);
  }

  @Test
  void byteLengthsStatedInDescriptionsHoldWhereverTheirSchemaIsUsed() {
    // AccessTokenInfo.id says "between 1 and 96 bytes"; revoke's path parameter uses the same
    // schema
    assertThat(param("revoke_access_token", "id").vendorExtensions)
        .containsEntry("x-s2-min-bytes", 1)
        .containsEntry("x-s2-max-bytes", 96)
        .doesNotContainKey("x-s2-max-code-points");
    // CreateBasinRequest.basin says "between 8 and 48 bytes"; every basin path parameter uses
    // BasinNameStr
    assertThat(param("get_basin_config", "basin").vendorExtensions)
        .containsEntry("x-s2-min-bytes", 8)
        .containsEntry("x-s2-max-bytes", 48);
    assertThat(param("delete_stream", "stream").vendorExtensions)
        .containsEntry("x-s2-min-bytes", 1)
        .containsEntry("x-s2-max-bytes", 512);
    // no byte rule stated: the spec's lengths count characters
    assertThat(param("create_basin", "s2-request-token").vendorExtensions)
        .containsEntry("x-s2-max-code-points", 36)
        .doesNotContainKey("x-s2-max-bytes");
  }

  @Test
  void parametersCarryTheSpecsDefaultsAndBounds() {
    assertThat(param("list_basins", "limit").vendorExtensions)
        .containsEntry("x-s2-default", "1000")
        .containsEntry("x-s2-minimum", 0L)
        .containsEntry("x-s2-maximum", 1000L);
    assertThat(param("list_basins", "prefix").vendorExtensions)
        .containsEntry("x-s2-default", "\"\"");
    assertThat(param("get_basin_config", "basin").vendorExtensions)
        .containsEntry("x-s2-is-path", true)
        .containsEntry("x-s2-pattern", "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");
  }

  @Test
  void aPagedListWhoseItemsHaveNoSingleKeyIsRefusedWithTheReason() {
    String spec =
        "openapi: 3.1.0\n"
            + "info: {title: t, version: '1'}\n"
            + "paths:\n"
            + "  /things:\n"
            + "    get:\n"
            + "      operationId: list_things\n"
            + "      tags: [things]\n"
            + "      parameters:\n"
            + "        - {name: start_after, in: query, schema: {type: string}}\n"
            + "        - {name: limit, in: query, schema: {type: integer, maximum: 100}}\n"
            + "      responses:\n"
            + "        '200':\n"
            + "          description: ok\n"
            + "          content:\n"
            + "            application/json:\n"
            + "              schema:\n"
            + "                type: object\n"
            + "                required: [things, has_more]\n"
            + "                properties:\n"
            + "                  has_more: {type: boolean}\n"
            + "                  things: {type: array, items: {$ref: '#/components/schemas/Thing'}}\n"
            + "components:\n"
            + "  schemas:\n"
            + "    Thing:\n"
            + "      type: object\n"
            + "      required: [a, b]\n"
            + "      properties: {a: {type: string}, b: {type: string}}\n";
    assertThatThrownBy(() -> Specs.operations(spec))
        .hasMessageContaining(
            "operation 'list_things' pages (start_after, limit, has_more) but its items have 2"
                + " required string properties without a format [a, b]: the cursor must be exactly one of them");
  }
}
