package dev.s2.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The packaged spec is valid OpenAPI 3.1, and the validator catches the breakages that must fail the build. */
class SpecValidatorTest {
  static final String SPEC = "dev/s2/spec/s2-openapi.yaml";

  static String packagedSpec() throws IOException {
    try (InputStream in = SpecValidatorTest.class.getClassLoader().getResourceAsStream(SPEC)) {
      assertThat(in).as("%s on the classpath", SPEC).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void packagedSpecIsValidOpenApi31() throws IOException {
    assertThat(SpecValidator.problems(packagedSpec()))
        .as("problems in %s (fix the spec; the build stops here)", SPEC)
        .isEmpty();
  }

  @Test
  void reportsAnUnresolvedRefWithItsPlace() throws IOException {
    String broken = packagedSpec()
        .replace("$ref: '#/components/schemas/AccessTokenScope'", "$ref: '#/components/schemas/NoSuchScope'");
    assertThat(SpecValidator.problems(broken))
        .anySatisfy(p -> assertThat(p)
            .contains("/components/schemas/AccessTokenInfo/properties/scope/$ref")
            .contains("unresolved reference '#/components/schemas/NoSuchScope'"));
  }

  @Test
  void reportsAVersionOtherThan31() throws IOException {
    String old = packagedSpec().replaceFirst("openapi: 3.1.0", "openapi: 3.0.3");
    assertThat(SpecValidator.problems(old)).contains("openapi: expected a 3.1.x version, found '3.0.3'");
  }

  @Test
  void reportsAMalformedDocument() {
    assertThat(SpecValidator.problems("openapi: 3.1.0\npaths: [unclosed"))
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("not YAML:"));
  }

  @Test
  void reportsWhatSwaggerParserRejects() throws IOException {
    String bad = packagedSpec().replace("      operationId: list_access_tokens\n",
        "      operationId: list_access_tokens\n      parameters: 7\n");
    assertThat(SpecValidator.problems(bad)).anySatisfy(p -> assertThat(p).startsWith("swagger-parser:"));
  }
}
