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
 * The spec checks are not toothless: a wrong response or a wrong request is reported, with the validator's
 * message naming the place.
 */
class ValidatorBitesTest {
  private static final String LIST = "/v1/access-tokens";
  private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));

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
    List<String> problems = validator.responseProblems("GET", LIST, 200, JSON,
        "{\"access_tokens\":[],\"has_more\":\"yes\"}");

    assertThat(problems).singleElement().asString()
        .startsWith("[RESPONSE 200 to GET /v1/access-tokens] validation.response.body.schema.type:")
        .contains("string", "boolean", "at /has_more");
  }

  @Test
  void aTokenMatchingBothResourceSetVariantsIsReported() {
    List<String> problems = validator.responseProblems("GET", LIST, 200, JSON,
        "{\"access_tokens\":[{\"id\":\"a\",\"scope\":{\"streams\":{\"exact\":\"a\",\"prefix\":\"b\"}}}],\"has_more\":false}");

    assertThat(problems).isNotEmpty()
        .anySatisfy(p -> assertThat(p).contains("validation.response.body.schema.oneOf", "/access_tokens/0/scope/streams"));
  }

  @Test
  void anUnknownOperationValueAndAMissingRequiredFieldAreReported() {
    assertThat(validator.responseProblems("GET", LIST, 200, JSON,
        "{\"access_tokens\":[{\"id\":\"a\",\"scope\":{\"ops\":[\"fly\"]}}],\"has_more\":false}"))
        .anySatisfy(p -> assertThat(p).contains("validation.response.body.schema.enum", "/access_tokens/0/scope/ops/0"));
    assertThat(validator.responseProblems("GET", LIST, 200, JSON, "{\"access_tokens\":[]}"))
        .anySatisfy(p -> assertThat(p).contains("validation.response.body.schema.required", "has_more"));
  }

  @Test
  void anUndeclaredStatusIsReported() {
    assertThat(validator.responseProblems("GET", LIST, 500, JSON, "{\"code\":\"other\",\"message\":\"boom\"}"))
        .singleElement().asString().contains("validation.response.status.unknown", "500");
  }

  @Test
  void aLimitAboveTheMaximumIsReportedFromTheRecordedRequest() {
    serveEmptyList();

    RawHttp.get(wireMock.baseUrl() + "/access-tokens?limit=1001", "tok");

    assertThatThrownBy(() -> wireMock.verifyAndReset(true))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("[REQUEST GET /v1/access-tokens?limit=1001] validation.request.parameter.schema.maximum")
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
        .hasMessageContaining("[REQUEST GET /v1/access-tokens] validation.request.security.missing");
  }

  @Test
  void aRequestOutsideTheBasePathOrWithAnUndeclaredMethodIsReported() {
    RawHttp.get("http://127.0.0.1:" + wireMock.port() + "/access-tokens", "tok");
    RawHttp.send("DELETE", wireMock.baseUrl() + "/access-tokens", "tok");

    assertThatThrownBy(() -> wireMock.verifyAndReset(true))
        .hasMessageContaining("2 problem(s)")
        .hasMessageContaining("[REQUEST GET /access-tokens] no operation of the spec has this method and path")
        .hasMessageContaining("[REQUEST DELETE /v1/access-tokens] no operation of the spec");
  }

  @Test
  void aServedResponseThatDriftsFailsTheVerification() {
    wireMock.server().stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"access_tokens\":[],\"has_more\":\"yes\"}")));

    RawHttp.get(wireMock.baseUrl() + "/access-tokens?limit=5", "tok");

    assertThatThrownBy(() -> wireMock.verifyAndReset(true))
        .hasMessageContaining("1 problem(s)")
        .hasMessageContaining("[RESPONSE 200 to GET /v1/access-tokens] validation.response.body.schema.type");
  }

  @Test
  void aConformingExchangePasses() {
    serveEmptyList();

    RawHttp.get(wireMock.baseUrl() + "/access-tokens?prefix=a&start_after=b&limit=1000", "tok");

    wireMock.verifyAndReset(true);
    assertThat(wireMock.exchanges()).isEmpty();
  }

  private void serveEmptyList() {
    wireMock.server().stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"access_tokens\":[],\"has_more\":false}")));
  }
}
