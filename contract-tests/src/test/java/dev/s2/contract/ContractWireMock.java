package dev.s2.contract;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock server on loopback whose traffic is checked against the spec after every test: every
 * request the test made (path, method, query parameters, bearer header) and, unless the test serves
 * broken responses on purpose, every response. A drift fails the test with the validator's
 * messages.
 *
 * <p>Register it with {@code @RegisterExtension static final ContractWireMock WIREMOCK = ...};
 * property tests (jqwik, which runs no JUnit extensions) call {@link #start()}, {@link
 * #verifyAndReset(boolean)} and {@link #stop()} themselves.
 */
final class ContractWireMock implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  private final boolean checkResponses;
  private final boolean countsCoverage;
  private WireMockServer server;

  private ContractWireMock(boolean checkResponses, boolean countsCoverage) {
    this.checkResponses = checkResponses;
    this.countsCoverage = countsCoverage;
  }

  /**
   * Traffic of the SDK client against derived stubs: requests and responses checked, responses
   * count for coverage.
   */
  static ContractWireMock clientTraffic() {
    return new ContractWireMock(true, true);
  }

  /**
   * Requests made without the client (raw HTTP): requests and responses checked, nothing counted
   * for coverage.
   */
  static ContractWireMock rawTraffic() {
    return new ContractWireMock(true, false);
  }

  /**
   * Tests that serve faults and broken responses on purpose: only the client's requests are
   * checked.
   */
  static ContractWireMock requestsOnly() {
    return new ContractWireMock(false, false);
  }

  void start() {
    server =
        new WireMockServer(
            options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(16)
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(4));
    server.start();
  }

  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  WireMockServer server() {
    return server;
  }

  int port() {
    return server.port();
  }

  /**
   * The base URL a client uses: loopback, port and the spec's base path ({@code
   * http://127.0.0.1:PORT/v1}).
   */
  String baseUrl() {
    return "http://127.0.0.1:"
        + server.port()
        + ContractValidator.s2().operations().get(0).basePath();
  }

  /** Adds a derived stub. */
  void stub(DerivedStub stub) {
    server.stubFor(stub.toMapping());
  }

  /** What was served since the last reset, oldest first. */
  List<HttpExchange> exchanges() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(
        events); // the journal lists the newest first; dates have only millisecond resolution
    List<HttpExchange> out = new ArrayList<>();
    for (ServeEvent event : events) {
      out.add(HttpExchange.of(event));
    }
    return out;
  }

  /**
   * Checks what was served since the last reset against the spec, counts it, and resets the server.
   *
   * @param testPassed whether the exchanges may count for coverage (the test that made them passed)
   * @throws AssertionError listing every problem when a request or response drifted from the spec
   */
  void verifyAndReset(boolean testPassed) {
    List<String> problems = new ArrayList<>();
    try {
      for (HttpExchange exchange : exchanges()) {
        problems.addAll(check(exchange, testPassed));
      }
    } finally {
      server.resetAll();
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          problems.size() + " problem(s) against the spec:\n  " + String.join("\n  ", problems));
    }
  }

  private List<String> check(HttpExchange exchange, boolean testPassed) {
    ContractValidator validator = ContractValidator.s2();
    List<String> problems = new ArrayList<>(validator.requestProblems(exchange));
    Coverage.requestValidated();
    Optional<ApiOperation> operation = validator.operationFor(exchange.method(), exchange.path());
    if (!checkResponses || exchange.fault() || operation.isEmpty()) {
      return problems;
    }
    List<String> responseProblems =
        validator.responseProblems(
            exchange.method(),
            exchange.path(),
            exchange.status(),
            exchange.responseHeaders(),
            exchange.responseBody(),
            "base64".equalsIgnoreCase(exchange.header("s2-format")));
    Coverage.responseValidated();
    problems.addAll(responseProblems);
    Optional<String> key = ContractValidator.responseKey(operation.get(), exchange.status());
    Optional<String> mediaType =
        key.flatMap(
            k ->
                validator.mediaTypeOf(
                    operation.get(), k, exchange.responseHeaders(), exchange.responseBody()));
    if (countsCoverage && testPassed && problems.isEmpty() && mediaType.isPresent()) {
      Coverage.exercised(operation.get(), key.get(), mediaType.get());
    }
    return problems;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    verifyAndReset(context.getExecutionException().isEmpty());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }
}
