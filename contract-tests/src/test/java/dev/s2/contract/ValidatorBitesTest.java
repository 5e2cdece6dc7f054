package dev.s2.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The spec checks are not toothless: a wrong response or a wrong request is reported, with the
 * validator's message naming the place.
 */
class ValidatorBitesTest {
  private static final String LIST = "/v1/access-tokens";
  private static final Map<String, List<String>> JSON =
      Map.of("Content-Type", List.of("application/json"));

  private final ContractValidator validator = ContractValidator.s2();
  private final ContractWireMock wireMock = ContractWireMock.rawTraffic();

  @BeforeEach
  void start() {
    wireMock.start();
  }

  @AfterEach
  void stop() {
    wireMock.stop();
  }

  @Test
  void aResponseWithHasMoreAsAStringIsReported() {
    List<String> problems =
        validator.responseProblems(
            "GET", LIST, 200, JSON, "{\"access_tokens\":[],\"has_more\":\"yes\"}");

    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("[RESPONSE 200 to GET /v1/access-tokens] validation.response.body.schema.type:")
        .contains("string", "boolean", "at /has_more");
  }

  @Test
  void aTokenMatchingBothResourceSetVariantsIsReported() {
    List<String> problems =
        validator.responseProblems(
            "GET",
            LIST,
            200,
            JSON,
            "{\"access_tokens\":[{\"id\":\"a\",\"scope\":{\"streams\":{\"exact\":\"a\",\"prefix\":\"b\"}}}],\"has_more\":false}");

    assertThat(problems)
        .isNotEmpty()
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "validation.response.body.schema.oneOf", "/access_tokens/0/scope/streams"));
  }

  @Test
  void anUnknownOperationValueAndAMissingRequiredFieldAreReported() {
    assertThat(
            validator.responseProblems(
                "GET",
                LIST,
                200,
                JSON,
                "{\"access_tokens\":[{\"id\":\"a\",\"scope\":{\"ops\":[\"fly\"]}}],\"has_more\":false}"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "validation.response.body.schema.enum", "/access_tokens/0/scope/ops/0"));
    assertThat(validator.responseProblems("GET", LIST, 200, JSON, "{\"access_tokens\":[]}"))
        .anySatisfy(
            p -> assertThat(p).contains("validation.response.body.schema.required", "has_more"));
  }

  @Test
  void anUndeclaredStatusIsReported() {
    assertThat(
            validator.responseProblems(
                "GET", LIST, 500, JSON, "{\"code\":\"other\",\"message\":\"boom\"}"))
        .singleElement()
        .asString()
        .contains("validation.response.status.unknown", "500");
  }

  @Test
  void aLimitAboveTheMaximumIsReportedFromTheRecordedRequest() {
    serveEmptyList();

    RawHttp.get(wireMock.baseUrl() + "/access-tokens?limit=1001", "tok");

    assertThatThrownBy(() -> wireMock.verifyAndReset(true))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "[REQUEST GET /v1/access-tokens?limit=1001] validation.request.parameter.schema.maximum")
        .hasMessageContaining("query parameter 'limit'");
  }

  @Test
  void aLimitThatIsNotAnIntegerIsReported() {
    serveEmptyList();

    RawHttp.get(wireMock.baseUrl() + "/access-tokens?limit=ten", "tok");

    assertThatThrownBy(() -> wireMock.verifyAndReset(true))
        .hasMessageContaining("validation.request.parameter.schema.type")
        .hasMessageContaining("query parameter 'limit'");
  }

  @Test
  void aRequestWithoutBearerTokenIsReported() {
    serveEmptyList();

    RawHttp.get(wireMock.baseUrl() + "/access-tokens", null);

    assertThatThrownBy(() -> wireMock.verifyAndReset(true))
        .hasMessageContaining(
            "[REQUEST GET /v1/access-tokens] validation.request.security.missing");
  }

  @Test
  void aRequestOutsideTheBasePathOrWithAnUndeclaredMethodIsReported() {
    RawHttp.get("http://127.0.0.1:" + wireMock.port() + "/access-tokens", "tok");
    RawHttp.send("DELETE", wireMock.baseUrl() + "/access-tokens", "tok");

    assertThatThrownBy(() -> wireMock.verifyAndReset(true))
        .hasMessageContaining("2 problem(s)")
        .hasMessageContaining(
            "[REQUEST GET /access-tokens] no operation of the spec has this method and path")
        .hasMessageContaining("[REQUEST DELETE /v1/access-tokens] no operation of the spec");
  }

  @Test
  void aServedResponseThatDriftsFailsTheVerification() {
    wireMock
        .server()
        .stubFor(
            get(urlPathEqualTo(LIST))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_tokens\":[],\"has_more\":\"yes\"}")));

    RawHttp.get(wireMock.baseUrl() + "/access-tokens?limit=5", "tok");

    assertThatThrownBy(() -> wireMock.verifyAndReset(true))
        .hasMessageContaining("1 problem(s)")
        .hasMessageContaining(
            "[RESPONSE 200 to GET /v1/access-tokens] validation.response.body.schema.type");
  }

  @Test
  void aConformingExchangePasses() {
    serveEmptyList();

    RawHttp.get(wireMock.baseUrl() + "/access-tokens?prefix=a&start_after=b&limit=1000", "tok");

    wireMock.verifyAndReset(true);
    assertThat(wireMock.exchanges()).isEmpty();
  }

  @Test
  void aConformingEventStreamPasses() {
    assertThat(
            validator.responseProblems(
                "GET",
                RECORDS,
                200,
                SSE,
                batch("1,1,19", 1) + ping() + batch("2,2,38", 2) + "data: [DONE]\n\n"))
        .isEmpty();
  }

  @Test
  void anEventStreamWhoseEventsBreakTheSpecIsReportedEventByEvent() {
    List<String> problems =
        validator.responseProblems(
            "GET",
            RECORDS,
            200,
            SSE,
            "event: batch\nid: 1,1,19\ndata: {\"records\":[{\"seq_num\":1,\"timestamp\":\"one\",\"body\":\"sample-body\"}]}\n\n"
                + "event: surprise\ndata: {}\n\n"
                + "event: ping\ndata: not json\n\n"
                + "event: batch\nid: 9,9,9\ndata: "
                + records(2)
                + "\n\n"
                + "event: batch\nid: 1-1-1\ndata: "
                + records(3)
                + "\n\n");

    assertThat(problems).hasSize(7);
    assertThat(problems.get(0))
        .startsWith("[RESPONSE 200 to GET " + RECORDS + "] event 1 (batch): validation.")
        .contains("/data/records/0/timestamp");
    assertThat(problems.get(1))
        .endsWith(
            "event 2 (surprise): an event the spec does not declare; it declares"
                + " [batch, error, ping]");
    assertThat(problems.get(2)).endsWith("event 3 (ping): data is not JSON: not json");
    assertThat(problems.get(3))
        .endsWith(
            "event 4 (batch): id 9,9,9, but the session so far makes it 2,2,38"
                + " (last seq num, records, metered bytes)");
    assertThat(problems.get(4))
        .contains("event 5 (batch): validation.response.body.schema.pattern", "/id");
    assertThat(problems.get(5))
        .endsWith(
            "event 5 (batch): id 1-1-1, but the session so far makes it 3,3,57"
                + " (last seq num, records, metered bytes)");
    assertThat(problems.get(6)).endsWith("the stream ends without data: [DONE] or an error event");
  }

  @Test
  void doneBeforeTheEndAndEventsAfterAnErrorAreReported() {
    assertThat(validator.responseProblems("GET", RECORDS, 200, SSE, "data: [DONE]\n\n" + ping()))
        .anySatisfy(
            p ->
                assertThat(p)
                    .endsWith("event 1 (data: [DONE]): [DONE] before the end of the stream"));
    assertThat(
            validator.responseProblems(
                "GET",
                RECORDS,
                200,
                SSE,
                "event: error\ndata: boom\n\n" + ping() + "data: [DONE]\n\n"))
        .singleElement()
        .asString()
        .endsWith("event 1 (error): events after an error event, which ends the session");
  }

  private static final String RECORDS = "/v1/streams/s/records";
  private static final Map<String, List<String>> SSE =
      Map.of("Content-Type", List.of("text/event-stream"));

  private static String records(long seqNum) {
    return "{\"records\":[{\"seq_num\":" + seqNum + ",\"timestamp\":1,\"body\":\"sample-body\"}]}";
  }

  private static String batch(String id, long seqNum) {
    return "event: batch\nid: " + id + "\ndata: " + records(seqNum) + "\n\n";
  }

  private static String ping() {
    return "event: ping\ndata: {\"timestamp\":1,\"tail\":{\"seq_num\":1,\"timestamp\":1}}\n\n";
  }

  private void serveEmptyList() {
    wireMock
        .server()
        .stubFor(
            get(urlPathEqualTo(LIST))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_tokens\":[],\"has_more\":false}")));
  }
}
