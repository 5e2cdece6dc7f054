package dev.s2.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every derived stub's response (status, headers, body) conforms to the spec, per the Atlassian
 * validator.
 */
class StubConformanceTest {

  @TestFactory
  Stream<DynamicTest> everyDerivedStubResponseConformsToTheSpec() {
    ContractValidator validator = ContractValidator.s2();
    return S2Stubs.all().stream()
        .map(
            stub ->
                DynamicTest.dynamicTest(
                    stub.name(),
                    () -> {
                      assertThat(validator.stubProblems(stub)).isEmpty();
                      Coverage.stubValidated();
                    }));
  }
}
