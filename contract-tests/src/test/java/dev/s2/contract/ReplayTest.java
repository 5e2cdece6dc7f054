package dev.s2.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s2.client.S2Client;
import dev.s2.client.S2ServiceException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives the client through every derived stub: a success decodes to exactly what the stub sent, field by
 * field; an error becomes the typed exception with the stub's status, code and message, retried when the
 * status is retryable and the operation idempotent. Each request is exactly what the driver asked for, and every
 * request and response is checked against the spec ({@link ContractWireMock}).
 */
class ReplayTest {
  @RegisterExtension
  static final ContractWireMock WIREMOCK = ContractWireMock.clientTraffic();

  static Stream<Named<DerivedStub>> stubsOfOperationsTheClientCalls() {
    return S2Stubs.all().stream()
        .filter(stub -> ClientDrivers.forOperation(stub.operationId()).isPresent())
        .map(stub -> Named.of(stub.name(), stub));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stubsOfOperationsTheClientCalls")
  void replay(DerivedStub stub) {
    WIREMOCK.stub(stub);
    ClientDrivers.Driver driver = ClientDrivers.forOperation(stub.operationId()).orElseThrow();
    RecordingSleeper sleeper = new RecordingSleeper();
    try (S2Client client = Clients.of(WIREMOCK.baseUrl(), sleeper)) {
      if (stub.status() < 400) {
        replaySuccess(stub, driver, client);
      } else {
        replayError(stub, driver, client, sleeper);
      }
    }
  }

  private static void replaySuccess(DerivedStub stub, ClientDrivers.Driver driver, S2Client client) {
    Object decoded = driver.call(client);

    if (stub.json() == null) {
      assertThat(decoded).isNull();
    } else {
      DecodedValues values = DecodedValues.s2();
      assertThat(values.mismatches(stub.json(), decoded, values.responseSchema(stub.operation(), stub.responseKey())))
          .as("decoded value vs. the stub's body")
          .isEmpty();
    }
    assertTheRequests(driver, 1);
  }

  private static void replayError(DerivedStub stub, ClientDrivers.Driver driver, S2Client client,
      RecordingSleeper sleeper) {
    JsonNode body = stub.json();
    String code = body.get("code").asText();
    String message = body.get("message").asText();
    boolean retryable = ExpectedErrors.retryable(stub.status(), code);
    boolean retried = retryable && (driver.idempotent() || stub.status() == 429);
    int attempts = retried ? 3 : 1;

    Throwable thrown = catchThrowable(() -> driver.call(client));

    assertThat(thrown).isExactlyInstanceOf(ExpectedErrors.typeFor(stub.status()));
    S2ServiceException error = (S2ServiceException) thrown;
    assertThat(error.status()).isEqualTo(stub.status());
    assertThat(error.code()).contains(code);
    assertThat(error.errorMessage()).isEqualTo(message);
    assertThat(error.bodyExcerpt()).isEmpty();
    assertThat(error.isRetryable()).isEqualTo(retryable);
    assertThat(error.attempts()).isEqualTo(attempts);
    assertThat(error.getMessage()).contains(String.valueOf(stub.status()), code, message);
    assertThat(sleeper.delays()).hasSize(attempts - 1);
    assertTheRequests(driver, attempts);
  }

  private static void assertTheRequests(ClientDrivers.Driver driver, int count) {
    List<HttpExchange> exchanges = WIREMOCK.exchanges();
    assertThat(exchanges).hasSize(count).allSatisfy(exchange -> {
      driver.assertRequest(exchange);
      assertThat(exchange.header("Authorization")).isEqualTo("Bearer " + Clients.TOKEN);
      assertThat(exchange.header("User-Agent")).startsWith("s2-sdk-java/");
    });
  }
}
