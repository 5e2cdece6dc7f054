package dev.s2.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.openapitools.codegen.ClientOptInput;
import org.openapitools.codegen.CodegenConstants;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import org.openapitools.codegen.config.GlobalSettings;

/**
 * Runs our generator the way generated-client's build does (its templates and model options), on a
 * spec of a test, and returns the generated model sources by file name.
 */
final class Generation {
  /** The templates and configuration of the module that uses this generator. */
  static final Path CLIENT = Path.of("..", "generated-client", "src", "main");

  private Generation() {}

  static Map<String, String> models(Path spec, Path out, Map<String, Object> options) {
    CodegenConfigurator c =
        new CodegenConfigurator()
            .setGeneratorName(S2JavaCodegen.NAME)
            .setInputSpec(spec.toString())
            .setOutputDir(out.toString())
            .setTemplateDir(CLIENT.resolve("templates").toString())
            .setModelPackage("dev.s2.model")
            .setApiPackage("dev.s2.api")
            .setInvokerPackage("dev.s2.api")
            .setValidateSpec(false)
            .setQuiet(true) // no donation banner in the build's output
            .addInlineSchemaOption("RESOLVE_INLINE_ENUMS", "true")
            .addAdditionalProperty("sourceFolder", "src/main/java")
            .addAdditionalProperty("useOneOfInterfaces", "true")
            .addAdditionalProperty("dateLibrary", "java8")
            .addAdditionalProperty("hideGenerationTimestamp", "true")
            .addAdditionalProperty("openApiNullable", "false");
    options.forEach(c::addAdditionalProperty);
    ClientOptInput input = c.toClientOptInput();
    DefaultGenerator generator = new DefaultGenerator();
    generator.setGeneratorPropertyDefault(CodegenConstants.MODELS, "true");
    generator.setGeneratorPropertyDefault(CodegenConstants.SUPPORTING_FILES, "true");
    generator.setGeneratorPropertyDefault(CodegenConstants.MODEL_TESTS, "false");
    generator.setGeneratorPropertyDefault(CodegenConstants.MODEL_DOCS, "false");
    generator.setGenerateMetadata(false);
    // As openapi-generator-maven-plugin does with supportingFilesToGenerate: only our own
    // supporting files.
    GlobalSettings.setProperty(
        CodegenConstants.SUPPORTING_FILES,
        "ModelAdapters.java,ModelJson.java,StrictJson.java,Secret.java");
    try {
      generator.opts(input).generate();
    } finally {
      GlobalSettings.reset();
    }
    Map<String, String> files = new TreeMap<>();
    Path models = out.resolve("src/main/java/dev/s2/model");
    try (Stream<Path> list = Files.list(models)) {
      for (Path p : list.toList()) {
        files.put(p.getFileName().toString(), Files.readString(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The tuple names and secret type of generated-client's configuration. */
  static Map<String, Object> clientOptions() {
    return Map.of(
        ModelShaping.TUPLE_NAMES,
        Map.of(
            "#/components/schemas/AccumulationMetric/properties/values/items",
                "MetricPoint(epoch_seconds, value)",
            "#/components/schemas/GaugeMetric/properties/values/items",
                "MetricPoint(epoch_seconds, value)",
            "#/components/schemas/Header", "Header(name, value)"),
        ModelShaping.SECRET_TYPE,
        "Secret");
  }
}
