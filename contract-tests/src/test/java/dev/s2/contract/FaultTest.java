package dev.s2.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.s2.client.ListAccessTokensParams;
import dev.s2.client.Page;
import dev.s2.client.PermissionDeniedException;
import dev.s2.client.RetryPolicy;
import dev.s2.client.S2Client;
import dev.s2.client.S2ConnectionException;
import dev.s2.client.S2DecodingException;
import dev.s2.client.S2Exception;
import dev.s2.client.S2ServiceException;
import dev.s2.client.S2TimeoutException;
import dev.s2.client.ServerErrorException;
import dev.s2.model.AccessTokenInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the client makes of a failing server: network faults, responses slower than the timeout,
 * bursts of 5xx and 429 before a success, 5xx for ever, error bodies that are not JSON, statuses
 * the spec does not declare. Only the requests are checked against the spec here: the responses are
 * broken on purpose. No test sleeps: the sleeper records the backoff delays, and the tests of slow
 * responses use a 200 ms timeout.
 */
class FaultTest {
  private static final String PATH = "/v1/access-tokens";

  /** The timeout of the tests about slow responses: small, so that they stay fast. */
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);

  /**
   * The timeout of the other tests: generous, so that a slow first response on a busy machine is no
   * timeout.
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static final String OK_PAGE = PageBodies.page(false, "a1", "a2");

  @RegisterExtension static final ContractWireMock WIREMOCK = ContractWireMock.requestsOnly();

  private final RecordingSleeper sleeper = new RecordingSleeper();

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {
        "CONNECTION_RESET_BY_PEER",
        "EMPTY_RESPONSE",
        "MALFORMED_RESPONSE_CHUNK",
        "RANDOM_DATA_THEN_CLOSE"
      })
  void aNetworkFaultOnEveryAttemptIsAConnectionErrorAfterTheRetryBudget(Fault fault) {
    WIREMOCK.server().stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(fault)));

    Throwable thrown = catchThrowable(() -> list(RetryPolicy.builder().maxAttempts(3).build()));

    assertThat(thrown)
        .isExactlyInstanceOf(S2ConnectionException.class)
        .hasMessageStartingWith("GET /v1/access-tokens failed: ");
    assertThat(((S2Exception) thrown).attempts()).isEqualTo(3);
    assertThat(((S2Exception) thrown).isRetryable()).isTrue();
    assertThat(WIREMOCK.exchanges()).hasSize(3);
    assertThat(sleeper.delays()).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {
        "CONNECTION_RESET_BY_PEER",
        "EMPTY_RESPONSE",
        "MALFORMED_RESPONSE_CHUNK",
        "RANDOM_DATA_THEN_CLOSE"
      })
  void aNetworkFaultThenASuccessGivesTheRightPage(Fault fault) {
    sequence(aResponse().withFault(fault), okJson(OK_PAGE));

    Page<AccessTokenInfo> page = list(RetryPolicy.builder().maxAttempts(3).build());

    assertPage(page);
    assertThat(WIREMOCK.exchanges()).hasSize(2);
    assertThat(sleeper.delays()).hasSize(1);
  }

  @Test
  void aResponseSlowerThanTheTimeoutIsATimeout() {
    WIREMOCK
        .server()
        .stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(OK_PAGE).withFixedDelay(2_000)));

    long start = System.nanoTime();
    Throwable thrown = catchThrowable(() -> list(RetryPolicy.none(), SHORT_TIMEOUT));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(thrown)
        .isExactlyInstanceOf(S2TimeoutException.class)
        .hasMessageContaining("timed out (request timeout 200 ms per attempt)");
    assertThat(((S2Exception) thrown).attempts()).isEqualTo(1);
    assertThat(elapsedMillis).isLessThan(1_500);
  }

  @Test
  void aBodyTricklingSlowerThanTheTimeoutCannotHoldTheCall() {
    WIREMOCK
        .server()
        .stubFor(
            get(urlPathEqualTo(PATH))
                .willReturn(okJson(OK_PAGE).withChunkedDribbleDelay(OK_PAGE.length() / 10, 2_000)));

    long start = System.nanoTime();
    Throwable thrown = catchThrowable(() -> list(RetryPolicy.none(), SHORT_TIMEOUT));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(thrown).isExactlyInstanceOf(S2TimeoutException.class);
    assertThat(elapsedMillis).isLessThan(1_500);
  }

  @Test
  void slowAttemptsAreRetriedAndEachGetsTheTimeout() {
    sequence(okJson(OK_PAGE).withFixedDelay(3_000), okJson(OK_PAGE));

    Page<AccessTokenInfo> page =
        list(RetryPolicy.builder().maxAttempts(2).build(), Duration.ofMillis(800));

    assertPage(page);
    assertThat(WIREMOCK.exchanges()).hasSize(2);
    assertThat(sleeper.delays()).hasSize(1);
  }

  @Test
  void a5xxAnd429BurstThenSuccessIsRetriedWithBackoffAndGivesTheRightPage() {
    sequence(
        error(503, "unavailable"),
        error(429, "rate_limited"),
        error(500, "storage"),
        okJson(OK_PAGE));

    Page<AccessTokenInfo> page = list(RetryPolicy.builder().maxAttempts(4).build());

    assertPage(page);
    assertThat(WIREMOCK.exchanges()).hasSize(4);
    List<Duration> delays = sleeper.delays();
    assertThat(delays).hasSize(3);
    assertThat(delays.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(delays.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(delays.get(2)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
  }

  @Test
  void aRetryAfterMsHeaderSetsTheDelay() {
    sequence(error(429, "rate_limited").withHeader("retry-after-ms", "250"), okJson(OK_PAGE));

    assertPage(list(RetryPolicy.builder().maxAttempts(2).build()));
    assertThat(sleeper.delays()).containsExactly(Duration.ofMillis(250));
  }

  @Test
  void a5xxForEverIsAServerErrorAfterTheRetryBudgetWithTheAttempts() {
    WIREMOCK.server().stubFor(get(urlPathEqualTo(PATH)).willReturn(error(503, "unavailable")));

    Throwable thrown = catchThrowable(() -> list(RetryPolicy.builder().maxAttempts(3).build()));

    assertThat(thrown)
        .isExactlyInstanceOf(ServerErrorException.class)
        .hasMessage(
            "GET /v1/access-tokens failed: 503 unavailable: the unavailable message (after 3 attempts)");
    ServerErrorException error = (ServerErrorException) thrown;
    assertThat(error.attempts()).isEqualTo(3);
    assertThat(error.status()).isEqualTo(503);
    assertThat(error.code()).contains("unavailable");
    assertThat(WIREMOCK.exchanges()).hasSize(3);
  }

  @Test
  void anHtmlErrorPageIsATypedErrorWithAnExcerpt() {
    WIREMOCK
        .server()
        .stubFor(
            get(urlPathEqualTo(PATH))
                .willReturn(
                    aResponse()
                        .withStatus(502)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));

    Throwable thrown = catchThrowable(() -> list(RetryPolicy.none()));

    assertThat(thrown).isExactlyInstanceOf(ServerErrorException.class);
    ServerErrorException error = (ServerErrorException) thrown;
    assertThat(error.status()).isEqualTo(502);
    assertThat(error.code()).isEmpty();
    assertThat(error.bodyExcerpt()).contains("<html><body><h1>502 Bad Gateway</h1></body></html>");
    assertThat(error.errorMessage()).startsWith("body is not an ErrorInfo (text/html");
    assertThat(error.getMessage()).contains("502", "502 Bad Gateway");
  }

  @Test
  void aTruncatedOrEmptyErrorBodyIsStillTyped() {
    sequence(
        aResponse()
            .withStatus(403)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"code\":\"permission_de"),
        aResponse().withStatus(403));

    Throwable truncated = catchThrowable(() -> list(RetryPolicy.none()));
    Throwable empty = catchThrowable(() -> list(RetryPolicy.none()));

    assertThat(truncated).isExactlyInstanceOf(PermissionDeniedException.class);
    assertThat(((S2ServiceException) truncated).code()).isEmpty();
    assertThat(((S2ServiceException) truncated).bodyExcerpt())
        .contains("{\"code\":\"permission_de");
    assertThat(empty).isExactlyInstanceOf(PermissionDeniedException.class);
    assertThat(((S2ServiceException) empty).errorMessage()).isEqualTo("empty body");
    assertThat(((S2ServiceException) empty).bodyExcerpt()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "401, authn, false",
    "404, access_token_not_found, false",
    "409, resource_already_exists, false",
    "409, transaction_conflict, true",
    "422, invalid, false",
    "429, rate_limited, true",
    "499, client_hangup, false",
    "501, not_implemented, false",
    "504, upstream_timeout, true"
  })
  void statusesTheSpecDoesNotDeclareAreTypedToo(
      int status, String code, boolean retriedByTheClient) {
    WIREMOCK.server().stubFor(get(urlPathEqualTo(PATH)).willReturn(error(status, code)));

    Throwable thrown = catchThrowable(() -> list(RetryPolicy.builder().maxAttempts(2).build()));

    assertThat(thrown).isExactlyInstanceOf(ExpectedErrors.typeFor(status));
    S2ServiceException error = (S2ServiceException) thrown;
    assertThat(error.status()).isEqualTo(status);
    assertThat(error.code()).contains(code);
    assertThat(error.errorMessage()).isEqualTo("the " + code + " message");
    assertThat(error.attempts()).isEqualTo(retriedByTheClient ? 2 : 1);
  }

  @Test
  void aSuccessBodyThatIsNotJsonIsADecodingError() {
    WIREMOCK
        .server()
        .stubFor(
            get(urlPathEqualTo(PATH))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html>maintenance</html>")));

    Throwable thrown = catchThrowable(() -> list(RetryPolicy.builder().maxAttempts(3).build()));

    assertThat(thrown)
        .isExactlyInstanceOf(S2DecodingException.class)
        .hasMessageStartingWith("GET /v1/access-tokens: the response body does not match the spec");
    assertThat(((S2Exception) thrown).attempts()).isEqualTo(1);
  }

  private Page<AccessTokenInfo> list(RetryPolicy policy) {
    return list(policy, TIMEOUT);
  }

  private Page<AccessTokenInfo> list(RetryPolicy policy, Duration timeout) {
    try (S2Client client = Clients.of(WIREMOCK.baseUrl(), sleeper, policy, timeout)) {
      return client.accessTokens().list(ListAccessTokensParams.all());
    }
  }

  private static void assertPage(Page<AccessTokenInfo> page) {
    assertThat(page.items()).extracting(AccessTokenInfo::id).containsExactly("a1", "a2");
    assertThat(
            DecodedValues.s2()
                .mismatches(PageBodies.tokens("a1", "a2"), page.items(), PageBodies.TOKENS_SCHEMA))
        .isEmpty();
    assertThat(page.hasMore()).isFalse();
  }

  private static ResponseDefinitionBuilder error(int status, String code) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"code\":\"" + code + "\",\"message\":\"the " + code + " message\"}");
  }

  /** Answers the responses in turn, the last one for ever. */
  private static void sequence(ResponseDefinitionBuilder... responses) {
    for (int i = 0; i < responses.length; i++) {
      String state = i == 0 ? STARTED : "answer " + i;
      var mapping = get(urlPathEqualTo(PATH)).inScenario("sequence").whenScenarioStateIs(state);
      if (i < responses.length - 1) {
        mapping = mapping.willSetStateTo("answer " + (i + 1));
      }
      WIREMOCK.server().stubFor(mapping.willReturn(responses[i]));
    }
  }
}
