package dev.s2.contract;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the tests of this module exercised, shared by the test classes of one JVM: which declared
 * responses the client received in a passing test, each in which of its declared media types, and
 * how many requests and responses were checked against the spec. {@link CoverageGateTest} runs last
 * and reads it.
 */
final class Coverage {
  private static final Set<String> EXERCISED = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger REQUESTS_VALIDATED = new AtomicInteger();
  private static final AtomicInteger RESPONSES_VALIDATED = new AtomicInteger();
  private static final AtomicInteger STUBS_VALIDATED = new AtomicInteger();

  private Coverage() {}

  /**
   * The key of a declared response in one of its media types, as the gate names it: {@code read
   * (GET /v1/streams/{stream}/records) 200 text/event-stream}; {@code (no content)} for a response
   * that declares none.
   */
  static String key(ApiOperation operation, String responseKey, String mediaType) {
    return operation.describe() + " " + responseKey + " " + mediaType;
  }

  static void exercised(ApiOperation operation, String responseKey, String mediaType) {
    EXERCISED.add(key(operation, responseKey, mediaType));
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
