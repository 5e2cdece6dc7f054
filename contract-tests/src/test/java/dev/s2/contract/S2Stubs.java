package dev.s2.contract;

import java.util.List;

/**
 * The stubs derived from the S2 spec, derived once for all test classes (their JSON must not be
 * mutated).
 */
final class S2Stubs {
  private static final List<DerivedStub> ALL = List.copyOf(StubDeriver.s2());

  private S2Stubs() {}

  static List<DerivedStub> all() {
    return ALL;
  }
}
