package dev.s2.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Fails when a declared response of the spec was not exercised by the client in the tests of this
 * module, and names it. It runs after every other test class of the module (class order by {@link
 * Order}, see {@code junit-platform.properties}) and reads what they recorded in {@link Coverage}:
 * run it with them, not alone.
 *
 * <p>The unit is a declared response in one of its media types: a response the spec gives in two
 * (read's 200: {@code application/json} and {@code text/event-stream}) is two wire formats, decoded
 * by two different parts of the client (a JSON adapter; an SSE session), and exercising one proves
 * nothing of the other. The line it prints also counts the declared responses exercised in at least
 * one media type. {@link #PENDING} names the media types whose client is not built yet, with the
 * reason; the gate fails if one of them is exercised (the entry is then stale), or if anything else
 * is missing.
 */
@Order(Integer.MAX_VALUE)
class CoverageGateTest {
  /**
   * Declared responses whose replay through the client waits for a part of the SDK not merged yet,
   * by {@link Coverage#key}, with the reason. Their stubs are derived and validated all the same.
   */
  static final Map<String, String> PENDING = Map.of();

  @Test
  void everyDeclaredResponseOfTheSpecWasExercisedByTheClient() {
    ContractValidator validator = ContractValidator.s2();
    Set<String> responses = new LinkedHashSet<>();
    Set<String> responsesExercised = new LinkedHashSet<>();
    List<String> declared = new ArrayList<>();
    for (ApiOperation operation : validator.operations()) {
      for (String responseKey : operation.responseKeys()) {
        String response = operation.describe() + " " + responseKey;
        responses.add(response);
        for (String mediaType : validator.declaredMediaTypes(operation, responseKey)) {
          String key = Coverage.key(operation, responseKey, mediaType);
          declared.add(key);
          if (Coverage.exercised().contains(key)) {
            responsesExercised.add(response);
          }
        }
      }
    }
    List<String> missing = new ArrayList<>(declared);
    missing.removeAll(Coverage.exercised());
    List<String> pending = missing.stream().filter(PENDING::containsKey).toList();
    missing.removeAll(pending);
    List<String> stale = PENDING.keySet().stream().filter(Coverage.exercised()::contains).toList();

    System.out.printf(
        "contract coverage: %d of %d declared responses and %d of %d declared response media types "
            + "exercised by the client; pending: %s; %d derived stubs validated, %d requests and %d served "
            + "responses validated against the spec%n",
        responsesExercised.size(),
        responses.size(),
        declared.size() - missing.size() - pending.size(),
        declared.size(),
        pending.stream().map(p -> p + " (" + PENDING.get(p) + ")").toList(),
        Coverage.stubsValidated(),
        Coverage.requestsValidated(),
        Coverage.responsesValidated());
    assertThat(declared).as("responses the spec declares").isNotEmpty();
    assertThat(stale)
        .as("pending entries the client now exercises: remove them from CoverageGateTest.PENDING")
        .isEmpty();
    assertThat(missing)
        .as(
            "declared responses (and media types) the client never received in a passing test: the replay of a"
                + " derived driver failed for them, or a test must make the server answer them")
        .isEmpty();
  }
}
