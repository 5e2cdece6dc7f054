package dev.s2.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s2.client.S2Client;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The drivers derived from the S2 spec: each finds its facade method and params class on the client
 * by the generator's naming rules, their plans say what the replay sends, and the SDK refuses no
 * synthesised body but for the reasons listed here (rules the spec states only in prose).
 */
class DerivedDriversTest {
  @RegisterExtension static final ContractWireMock WIREMOCK = ContractWireMock.clientTraffic();

  private static final List<ApiOperation> OPERATIONS = ContractValidator.s2().operations();

  @Test
  void everyOperationButTheRecordsOnesHasADerivedDriverThatFindsItsMethodOnTheClient() {
    Map<String, String> resolved = new LinkedHashMap<>();
    try (S2Client client = Clients.of(WIREMOCK.baseUrl(), new RecordingSleeper())) {
      for (ApiOperation operation : OPERATIONS) {
        if (RecordDrivers.forOperation(operation).isEmpty()) {
          resolved.put(operation.operationId(), DerivedDriver.of(operation).resolve(client));
        }
      }
    }

    assertThat(resolved)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("list_access_tokens", "AccessTokens.list(ListAccessTokensParams)"),
                Map.entry("issue_access_token", "AccessTokens.issue(IssueAccessTokenParams)"),
                Map.entry("revoke_access_token", "AccessTokens.revoke(RevokeAccessTokenParams)"),
                Map.entry("list_basins", "Basins.list(ListBasinsParams)"),
                Map.entry("create_basin", "Basins.create(CreateBasinParams)"),
                Map.entry("get_basin_config", "Basins.getConfig(GetBasinConfigParams)"),
                Map.entry("ensure_basin", "Basins.ensure(EnsureBasinParams)"),
                Map.entry("delete_basin", "Basins.delete(DeleteBasinParams)"),
                Map.entry("reconfigure_basin", "Basins.reconfigure(ReconfigureBasinParams)"),
                Map.entry("account_metrics", "Metrics.account(AccountMetricsParams)"),
                Map.entry("basin_metrics", "Metrics.basin(BasinMetricsParams)"),
                Map.entry("stream_metrics", "Metrics.stream(StreamMetricsParams)"),
                Map.entry("list_streams", "Streams.list(ListStreamsParams)"),
                Map.entry("create_stream", "Streams.create(CreateStreamParams)"),
                Map.entry("get_stream_config", "Streams.getConfig(GetStreamConfigParams)"),
                Map.entry("ensure_stream", "Streams.ensure(EnsureStreamParams)"),
                Map.entry("delete_stream", "Streams.delete(DeleteStreamParams)"),
                Map.entry("reconfigure_stream", "Streams.reconfigure(ReconfigureStreamParams)"),
                Map.entry("list_locations", "Locations.list()"),
                Map.entry("get_default_location", "Locations.getDefault()"),
                Map.entry(
                    "set_default_location", "Locations.setDefault(SetDefaultLocationParams)")));
    assertThat(OPERATIONS)
        .filteredOn(o -> RecordDrivers.forOperation(o).isPresent())
        .extracting(ApiOperation::operationId)
        .containsExactlyInAnyOrder("append", "read", "check_tail");
  }

  @Test
  void aBasinOperationIsCalledOnTheBasinHandleWithTheSdksIdempotencyToken() {
    DerivedDriver.Plan plan = plan("create_stream");

    assertThat(plan.call())
        .isEqualTo(
            "client.basin(\"sample-basin\").streams().create(CreateStreamParams.builder()"
                + ".body(<typical>).build())");
    assertThat(plan.path()).isEqualTo("/v1/streams");
    assertThat(plan.headers()).isEqualTo(Map.of("s2-basin", "sample-basin"));
    assertThat(plan.idempotencyHeader()).isEqualTo("s2-request-token");
    assertThat(plan.idempotent()).isTrue();
  }

  @Test
  void aPathParameterTravelsPercentEncodedAndAQueryWithoutItsDefaults() {
    DerivedDriver.Plan revoke = plan("revoke_access_token");
    DerivedDriver.Plan metrics = plan("stream_metrics");
    DerivedDriver.Plan list = plan("list_basins");

    assertThat(revoke.path())
        .isEqualTo(
            "/v1/access-tokens/%C3%BCn%C3%AF-c%C3%B8d%C3%A9%20%E2%9C%93%20%E5%90%8D%E5%89%8D");
    assertThat(revoke.idempotent()).as("DELETE").isTrue();
    assertThat(metrics.path())
        .as("a basin name admits no character that needs encoding")
        .isEqualTo(
            "/v1/metrics/sample-basin/%C3%BCn%C3%AF-c%C3%B8d%C3%A9%20%E2%9C%93%20%E5%90%8D%E5%89%8D");
    assertThat(metrics.query())
        .isEqualTo(
            Map.of(
                "set",
                List.of("storage"),
                "start",
                List.of("1"),
                "end",
                List.of("1"),
                "interval",
                List.of("minute")));
    assertThat(list.query())
        .as("limit: its maximum, the spec's default, not sent")
        .isEqualTo(
            Map.of(
                "prefix", List.of("sample-prefix"), "start_after", List.of("sample-start_after")));
    assertThat(plan("list_locations").paramsClass()).as("no parameters: no params class").isNull();
    assertThat(plan("reconfigure_basin").idempotent())
        .as("PATCH without an idempotency header")
        .isFalse();
  }

  /**
   * Each derived driver called once against its operation's first success stub; the bodies the SDK
   * refused before sending. Any other refusal is a body the spec allows that the SDK does not take:
   * a defect to fix, or a rule the spec states only in prose, to add here with its reason.
   */
  @Test
  void theSdkRefusesNoSynthesisedBodyButForTheseReasons() {
    Map<String, List<String>> refusals = new LinkedHashMap<>();
    try (S2Client client = Clients.of(WIREMOCK.baseUrl(), new RecordingSleeper())) {
      for (ApiOperation operation : OPERATIONS) {
        if (RecordDrivers.forOperation(operation).isPresent()) {
          continue;
        }
        DerivedStub success =
            S2Stubs.all().stream()
                .filter(s -> s.operationId().equals(operation.operationId()) && s.status() < 300)
                .findFirst()
                .orElseThrow();
        WIREMOCK.stub(success);
        DerivedDriver driver = DerivedDriver.of(DerivedDriver.plan(operation, SpecDocument.load()));
        driver.call(client);
        if (!driver.refusals().isEmpty()) {
          refusals.put(operation.operationId(), driver.refusals());
        }
      }
    }

    assertThat(refusals)
        .as("the spec says in prose only that auto_prefix_streams needs a prefix of streams")
        .isEqualTo(
            Map.of(
                "issue_access_token",
                List.of(
                    "typical: autoPrefixStreams needs streams to be a prefix "
                        + "(ResourceSetPrefix), was ResourceSetExact{exact=sample-exact}")));
  }

  @Test
  void aRequestThatDiffersFromThePlanIsReported() {
    DerivedDriver list = DerivedDriver.of(operation("list_basins"));
    Map<String, List<String>> query =
        Map.of("prefix", List.of("sample-prefix"), "start_after", List.of("sample-start_after"));
    list.assertRequests(List.of(request("GET", "/v1/basins", query, Map.of(), "")));

    assertThatThrownBy(
            () ->
                list.assertRequests(
                    List.of(
                        request(
                            "GET",
                            "/v1/basins",
                            Map.of(
                                "prefix",
                                List.of("sample-prefix"),
                                "start_after",
                                List.of("sample-start_after"),
                                "limit",
                                List.of("1000")),
                            Map.of(),
                            ""))))
        .hasMessageContaining("[query]");
    assertThatThrownBy(
            () ->
                list.assertRequests(
                    List.of(
                        request(
                            "GET", "/v1/basins", query, Map.of("s2-basin", "sample-basin"), ""))))
        .hasMessageContaining("[header s2-basin of an account operation]");

    DerivedDriver create = DerivedDriver.of(operation("create_stream"));
    String body = create.body().json().toString();
    Map<String, String> headers =
        Map.of("s2-basin", "sample-basin", "Content-Type", "application/json");
    HttpExchange first =
        request("POST", "/v1/streams", Map.of(), with(headers, "s2-request-token", "t1"), body);
    create.assertRequests(List.of(first, first));
    assertThatThrownBy(
            () ->
                create.assertRequests(
                    List.of(
                        first,
                        request(
                            "POST",
                            "/v1/streams",
                            Map.of(),
                            with(headers, "s2-request-token", "t2"),
                            body))))
        .hasMessageContaining("[s2-request-token on every attempt of one call]");
    assertThatThrownBy(
            () ->
                create.assertRequests(
                    List.of(
                        request(
                            "POST",
                            "/v1/streams",
                            Map.of(),
                            with(headers, "s2-request-token", "t1"),
                            body.replace("sample", "other")))))
        .hasMessageContaining("[body sent");
    assertThatThrownBy(
            () ->
                create.assertRequests(
                    List.of(request("POST", "/v1/streams", Map.of(), headers, body))))
        .hasMessageContaining("[the SDK's s2-request-token]");
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> out = new LinkedHashMap<>(headers);
    out.put(name, value);
    return out;
  }

  private static HttpExchange request(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<String, String> headers,
      String body) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    headers.forEach((k, v) -> h.put(k, List.of(v)));
    return new HttpExchange(method, path, null, query, h, body, 200, Map.of(), "", false);
  }

  private static ApiOperation operation(String operationId) {
    return OPERATIONS.stream()
        .filter(o -> o.operationId().equals(operationId))
        .findFirst()
        .orElseThrow();
  }

  private static DerivedDriver.Plan plan(String operationId) {
    return DerivedDriver.of(operation(operationId)).plan();
  }
}
