package dev.s2.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension: one server per class, injected, faults cleared after each test. */
@ExtendWith(EmbeddedS2Extension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionTest {
  static EmbeddedS2 seen;

  @Test
  @Order(1)
  void injectsOneServerPerClass(EmbeddedS2 s2) {
    seen = s2;
    s2.createBasin("ext-basin-01");
    s2.faults().failNext(5, RequestMatcher.any(), InjectedError.unavailable());
  }

  @Test
  @Order(2)
  void theSameServerServesTheNextTestWithoutTheLastTestsFaults(EmbeddedS2 s2) {
    assertThat(s2).isSameAs(seen);
    assertThat(s2.basins()).contains("ext-basin-01");
    assertThat(new TestHttp(s2).get("/basins").status()).isEqualTo(200);
  }

  @Nested
  class Inner {
    @Test
    void nestedClassesShareTheOuterServer(EmbeddedS2 s2) {
      assertThat(s2).isSameAs(seen);
    }
  }

  @AfterAll
  static void stoppedAfterTheClass() {
    // The extension's afterAll runs after this method; the server is still up here.
    assertThat(new TestHttp(seen).get("/basins").status()).isEqualTo(200);
  }

  static class InstanceField {
    @RegisterExtension
    final EmbeddedS2Extension perTest =
        EmbeddedS2Extension.configure(b -> b.basins("per-test-basin"));

    @Test
    void startsOnePerTest() {
      assertThat(perTest.server().basins()).containsExactly("per-test-basin");
    }
  }
}
