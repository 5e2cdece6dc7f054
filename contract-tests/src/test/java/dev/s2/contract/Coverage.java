package dev.s2.contract;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the tests of this module exercised, shared by the test classes of one JVM: which declared responses the
 * client received in a passing test, and how many requests and responses were checked against the spec.
 * {@link CoverageGateTest} runs last and reads it.
 */
final class Coverage {
  private static final Set<String> EXERCISED = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger REQUESTS_VALIDATED = new AtomicInteger();
  private static final AtomicInteger RESPONSES_VALIDATED = new AtomicInteger();
  private static final AtomicInteger STUBS_VALIDATED = new AtomicInteger();

  private Coverage() {}

  /** The key of a declared response, as the gate names it: {@code list_access_tokens (GET /v1/access-tokens) 200}. */
  static String key(ApiOperation operation, String responseKey) {
    return operation.describe() + " " + responseKey;
  }

  static void exercised(ApiOperation operation, String responseKey) {
    EXERCISED.add(key(operation, responseKey));
  }

  static Set<String> exercised() {
    return Set.copyOf(EXERCISED);
  }

  static void requestValidated() {
    REQUESTS_VALIDATED.incrementAndGet();
  }

  static void responseValidated() {
    RESPONSES_VALIDATED.incrementAndGet();
  }

  static void stubValidated() {
    STUBS_VALIDATED.incrementAndGet();
  }

  static int requestsValidated() {
    return REQUESTS_VALIDATED.get();
  }

  static int responsesValidated() {
    return RESPONSES_VALIDATED.get();
  }

  static int stubsValidated() {
    return STUBS_VALIDATED.get();
  }
}
