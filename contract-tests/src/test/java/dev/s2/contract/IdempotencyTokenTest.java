package dev.s2.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.s2.client.S2Client;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation with an idempotency header ({@code s2-request-token} of create_basin and
 * create_stream, found by the generator's rule): the SDK sends one token per call, the same on each
 * retry of it and a new one for the next call; a token the user sets travels as it is. Derived: an
 * operation added with such a header is covered.
 */
class IdempotencyTokenTest {
  @RegisterExtension static final ContractWireMock WIREMOCK = ContractWireMock.clientTraffic();

  static Stream<ApiOperation> operationsWithAnIdempotencyHeader() {
    return ContractValidator.s2().operations().stream()
        .filter(o -> RecordDrivers.forOperation(o).isEmpty())
        .filter(o -> DerivedDriver.of(o).plan().idempotencyHeader() != null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operationsWithAnIdempotencyHeader")
  void theSdkSendsOneTokenPerCallTheSameOnEachRetry(ApiOperation operation) {
    DerivedDriver driver = DerivedDriver.of(operation);
    String header = driver.plan().idempotencyHeader();
    timeoutThenSuccess(operation);

    try (S2Client client = Clients.of(WIREMOCK.baseUrl(), new RecordingSleeper())) {
      driver.call(client);
      List<HttpExchange> first = WIREMOCK.exchanges();
      timeoutThenSuccess(operation);
      driver.call(client);
      List<HttpExchange> both = WIREMOCK.exchanges();

      assertThat(first).hasSize(2);
      driver.assertRequests(first);
      List<HttpExchange> second = both.subList(2, 4);
      driver.assertRequests(second);
      assertThat(first.get(0).header(header))
          .as("a new token for a new call")
          .isNotEqualTo(second.get(0).header(header));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operationsWithAnIdempotencyHeader")
  void aTokenTheUserSetsTravelsAsItIsOnEachRetry(ApiOperation operation) {
    DerivedDriver driver = DerivedDriver.of(operation).withIdempotencyToken("user-token-7");
    timeoutThenSuccess(operation);

    try (S2Client client = Clients.of(WIREMOCK.baseUrl(), new RecordingSleeper())) {
      driver.call(client);
    }

    List<HttpExchange> attempts = WIREMOCK.exchanges();
    assertThat(attempts)
        .hasSize(2)
        .allSatisfy(
            a -> assertThat(a.header(driver.plan().idempotencyHeader())).isEqualTo("user-token-7"));
    driver.assertRequests(attempts);
  }

  /** Answers the operation with a 408 (retryable), then with its first derived success. */
  private static void timeoutThenSuccess(ApiOperation operation) {
    DerivedStub success =
        S2Stubs.all().stream()
            .filter(s -> s.operationId().equals(operation.operationId()) && s.status() < 300)
            .findFirst()
            .orElseThrow();
    String scenario = "retry " + System.nanoTime();
    MappingBuilder timeout =
        success
            .toMapping()
            .inScenario(scenario)
            .whenScenarioStateIs(STARTED)
            .willSetStateTo("retried")
            .willReturn(
                aResponse()
                    .withStatus(408)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":\"request_timeout\",\"message\":\"timed out\"}"));
    WIREMOCK.server().stubFor(timeout);
    WIREMOCK
        .server()
        .stubFor(success.toMapping().inScenario(scenario).whenScenarioStateIs("retried"));
  }
}
