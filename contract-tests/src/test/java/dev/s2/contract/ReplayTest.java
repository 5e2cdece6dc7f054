package dev.s2.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s2.client.S2Client;
import dev.s2.client.S2ServiceException;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives the client through every derived stub of every operation ({@link Driver#forOperation}): a
 * success decodes to exactly what the stub sent, field by field; an error becomes the typed
 * exception of its status carrying the body (an {@code ErrorInfo}'s code and message, or the typed
 * body of a 412 or 416), retried when the status is retryable and the operation idempotent. Each
 * request is exactly what the driver planned, and every request and response is checked against the
 * spec ({@link ContractWireMock}).
 *
 * <p>Not replayed here: the {@code text/event-stream} stubs of {@code read}, which need the SDK's
 * SSE read session (see {@link CoverageGateTest#PENDING}); their framing and events are validated
 * by {@link StubConformanceTest}.
 */
class ReplayTest {
  @RegisterExtension static final ContractWireMock WIREMOCK = ContractWireMock.clientTraffic();

  static Stream<Named<DerivedStub>> stubsTheClientReceivesAsUnaryResponses() {
    return S2Stubs.all().stream()
        .filter(stub -> !SseFraming.isEventStream(stub.contentType()))
        .map(stub -> Named.of(stub.name(), stub));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stubsTheClientReceivesAsUnaryResponses")
  void replay(DerivedStub derived) {
    Driver driver = Driver.forOperation(derived.operation());
    DerivedStub stub = driver.served(derived);
    WIREMOCK.stub(stub);
    RecordingSleeper sleeper = new RecordingSleeper();
    try (S2Client client = Clients.of(WIREMOCK.baseUrl(), sleeper)) {
      if (stub.status() < 400) {
        replaySuccess(derived, driver, client);
      } else {
        replayError(stub, driver, client, sleeper);
      }
    }
  }

  private static void replaySuccess(DerivedStub stub, Driver driver, S2Client client) {
    Object decoded = driver.call(client);

    if (stub.json() == null) {
      assertThat(decoded).as("the result of a response without body").isNull();
    } else {
      assertThat(driver.mismatches(stub, decoded))
          .as("decoded value vs. the stub's body")
          .isEmpty();
    }
    assertTheRequests(driver, 1);
  }

  private static void replayError(
      DerivedStub stub, Driver driver, S2Client client, RecordingSleeper sleeper) {
    JsonNode body = stub.json();
    boolean errorInfo = body.path("code").isTextual() && body.path("message").isTextual();
    String code = errorInfo ? body.get("code").asText() : null;
    boolean retryable = ExpectedErrors.retryable(stub.status(), code);
    boolean retried = retryable && (driver.idempotent() || stub.status() == 429);
    int attempts = retried ? 3 : 1;

    Throwable thrown = catchThrowable(() -> driver.call(client));

    assertThat(thrown).isExactlyInstanceOf(ExpectedErrors.typeFor(stub.status()));
    S2ServiceException error = (S2ServiceException) thrown;
    assertThat(error.status()).isEqualTo(stub.status());
    assertThat(error.isRetryable()).isEqualTo(retryable);
    assertThat(error.attempts()).isEqualTo(attempts);
    assertThat(error.bodyExcerpt()).isEmpty();
    assertThat(error.getMessage()).contains(String.valueOf(stub.status()));
    if (errorInfo) {
      String message = body.get("message").asText();
      assertThat(error.code()).contains(code);
      assertThat(error.errorMessage()).isEqualTo(message);
      assertThat(error.getMessage()).contains(code, message);
    } else {
      assertThat(error.code()).isEmpty();
      assertThat(bodyAccessorMismatches(error, stub))
          .as("the typed body of the exception vs. the stub's")
          .isEmpty();
    }
    driver.assertError(error, stub);
    assertThat(sleeper.delays()).hasSize(attempts - 1);
    assertTheRequests(driver, attempts);
  }

  /**
   * A body that is not an {@code ErrorInfo} must be readable from its exception: through the
   * accessors its type declares that return an {@code Optional} of a model, each either the whole
   * body ({@code condition()} of a 412) or the property of its name ({@code tail()} of a 416).
   * There must be at least one.
   */
  private static List<String> bodyAccessorMismatches(S2ServiceException error, DerivedStub stub) {
    DecodedValues values = DecodedValues.s2();
    Schema<?> schema = values.responseSchema(stub.operation(), stub.responseKey());
    Map<String, Schema<?>> properties = values.properties(schema);
    List<Method> accessors =
        Arrays.stream(error.getClass().getDeclaredMethods())
            .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 0)
            .filter(
                m ->
                    m.getReturnType() == Optional.class
                        && m.getGenericReturnType() instanceof ParameterizedType t
                        && t.getActualTypeArguments()[0] instanceof Class<?> c
                        && c.getPackageName().equals("dev.s2.model"))
            .toList();
    if (accessors.isEmpty()) {
      return List.of(
          error.getClass().getSimpleName()
              + " has no accessor of its body (an Optional of a model)");
    }
    List<String> out = new ArrayList<>();
    for (Method accessor : accessors) {
      Object value;
      try {
        value = ((Optional<?>) accessor.invoke(error)).orElse(null);
      } catch (ReflectiveOperationException e) {
        out.add(accessor.getName() + "() failed: " + e);
        continue;
      }
      String property = DecodedValues.snakeCase(accessor.getName());
      if (properties.containsKey(property)) {
        out.addAll(values.mismatches(stub.json().get(property), value, properties.get(property)));
      } else {
        out.addAll(values.mismatches(stub.json(), value, schema));
      }
    }
    return out;
  }

  private static void assertTheRequests(Driver driver, int count) {
    List<HttpExchange> exchanges = WIREMOCK.exchanges();
    assertThat(exchanges)
        .hasSize(count)
        .allSatisfy(
            exchange -> {
              assertThat(exchange.header("Authorization")).isEqualTo("Bearer " + Clients.TOKEN);
              assertThat(exchange.header("User-Agent")).startsWith("s2-sdk-java/");
            });
    driver.assertRequests(exchanges);
  }
}
