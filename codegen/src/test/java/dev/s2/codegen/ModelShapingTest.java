package dev.s2.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator as generated-client runs it: what it refuses, and that its output is reproducible.
 */
class ModelShapingTest {
  private static final Path TEST_SPEC =
      Path.of(
          "..",
          "generated-client",
          "src",
          "test",
          "resources",
          "dev",
          "s2",
          "testspec",
          "s2-models.yaml");

  @TempDir Path tmp;

  @Test
  void twoGenerationsAreByteIdenticalAndTheSecretTypeIsAnOption() {
    Map<String, String> secret =
        Generation.models(TEST_SPEC, tmp.resolve("a"), Generation.clientOptions());
    Map<String, String> again =
        Generation.models(TEST_SPEC, tmp.resolve("b"), Generation.clientOptions());
    assertThat(secret).hasSizeGreaterThan(60);
    assertThat(again).isEqualTo(secret);

    Map<String, String> string =
        Generation.models(
            TEST_SPEC,
            tmp.resolve("t"),
            Map.of(
                ModelShaping.TUPLE_NAMES,
                Generation.clientOptions().get(ModelShaping.TUPLE_NAMES),
                ModelShaping.SECRET_TYPE,
                "String"));
    assertThat(secret.get("IssueAccessTokenResponse.java"))
        .contains("private final @Nullable Secret accessToken;");
    assertThat(string.get("IssueAccessTokenResponse.java"))
        .contains("private final @Nullable String accessToken;")
        .contains("append(\"accessToken=\").append(\"****\")");
  }

  @Test
  void aClassNamedLikeAJavaLangTypeIsRefused() throws IOException {
    assertThatThrownBy(() -> generate("Error: {type: object, properties: {code: {type: string}}}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "The schema Error would become a class named Error, which clashes with "
                + "java.lang.Error; name it with modelNameMappings or a title");
  }

  @Test
  void aOneOfTheSdkCannotDecodeIsRefused() throws IOException {
    assertThatThrownBy(
            () ->
                generate(
                    """
        Either:
          oneOf:
            - {$ref: '#/components/schemas/A'}
            - {$ref: '#/components/schemas/B'}
        A: {type: object, required: [a, b], properties: {a: {type: string}, b: {type: string}}}
        B: {type: object, required: [c], properties: {c: {type: string}}}
        """))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "The oneOf Either is neither a union of single-key objects nor a union told apart by "
                + "a constant property, so the SDK cannot decode it");
  }

  @Test
  void aFieldThatWouldBeTypedObjectIsRefused() throws IOException {
    assertThatThrownBy(() -> generate("Holder: {type: object, properties: {anything: {}}}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "The property 'anything' has no type this SDK can model (it would be typed Object); "
                + "give its schema a type");
  }

  private Map<String, String> generate(String schemas) throws IOException {
    Path spec = tmp.resolve("spec.yaml");
    Files.writeString(
        spec,
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
            + schemas.indent(4));
    return Generation.models(spec, tmp.resolve("out"), Map.of());
  }
}
