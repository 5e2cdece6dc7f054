package dev.s2.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Fails when an operation or a declared response of the spec was not exercised by the client in the tests of
 * this module, and names it. It runs after every other test class of the module (class order by
 * {@link Order}, see {@code junit-platform.properties}) and reads what they recorded in {@link Coverage}: run it
 * with them, not alone.
 */
@Order(Integer.MAX_VALUE)
class CoverageGateTest {

  @Test
  void everyOperationAndDeclaredResponseOfTheSpecWasExercisedByTheClient() {
    List<String> declared = new ArrayList<>();
    for (ApiOperation operation : ContractValidator.s2().operations()) {
      for (String responseKey : operation.responseKeys()) {
        declared.add(Coverage.key(operation, responseKey));
      }
    }
    List<String> missing = new ArrayList<>(declared);
    missing.removeAll(Coverage.exercised());

    System.out.printf("contract coverage: %d of %d declared responses exercised by the client; "
            + "%d derived stubs validated, %d requests and %d served responses validated against the spec%n",
        declared.size() - missing.size(), declared.size(), Coverage.stubsValidated(), Coverage.requestsValidated(),
        Coverage.responsesValidated());
    assertThat(declared).as("operations and responses the spec declares").isNotEmpty();
    assertThat(missing)
        .as("declared responses the client never received in a passing test (add a driver for the operation to"
            + " ClientDrivers, or a test that makes the server answer it)")
        .isEmpty();
  }
}
