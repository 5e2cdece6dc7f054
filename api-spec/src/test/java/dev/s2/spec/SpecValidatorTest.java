package dev.s2.spec;

import static dev.s2.spec.Fixtures.replace;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The packaged (effective) spec is valid OpenAPI 3.1, and the validator catches what must fail the
 * build.
 */
class SpecValidatorTest {
  static final String SPEC = "dev/s2/spec/s2-openapi.yaml";
  static final String BASE = Fixtures.base();

  static String packagedSpec() throws IOException {
    try (InputStream in = SpecValidatorTest.class.getClassLoader().getResourceAsStream(SPEC)) {
      assertThat(in)
          .as(
              "%s on the classpath (written by the build from the upstream spec and the overlay)",
              SPEC)
          .isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void packagedSpecIsValidOpenApi31() throws IOException {
    assertThat(SpecValidator.problems(packagedSpec()))
        .as("problems in %s (fix the overlay; the build stops here)", SPEC)
        .isEmpty();
  }

  @Test
  void theFixtureIsValid() {
    assertThat(SpecValidator.problems(BASE)).isEmpty();
  }

  @Test
  void reportsAnUnresolvedRefWithItsPlace() {
    String broken =
        replace(
            BASE,
            "$ref: '#/components/schemas/AccessTokenScope'",
            "$ref: '#/components/schemas/NoSuchScope'");
    assertThat(SpecValidator.problems(broken))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("/components/schemas/AccessTokenInfo/properties/scope/oneOf/1/$ref")
                    .contains("unresolved reference '#/components/schemas/NoSuchScope'"));
  }

  @Test
  void reportsAVersionOtherThan31() {
    String old = replace(BASE, "openapi: 3.1.0", "openapi: 3.0.3");
    assertThat(SpecValidator.problems(old))
        .contains("openapi: expected a 3.1.x version, found '3.0.3'");
  }

  @Test
  void reportsAMalformedDocument() {
    assertThat(SpecValidator.problems("openapi: 3.1.0\npaths: [unclosed"))
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("not YAML:"));
  }

  @Test
  void reportsWhatSwaggerParserRejects() {
    String bad =
        replace(
            BASE,
            "      operationId: list_access_tokens\n",
            "      operationId: list_access_tokens\n      parameters: 7\n");
    assertThat(SpecValidator.problems(bad))
        .anySatisfy(p -> assertThat(p).startsWith("swagger-parser:"));
  }
}
