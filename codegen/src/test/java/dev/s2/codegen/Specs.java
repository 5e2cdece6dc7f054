package dev.s2.codegen;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openapitools.codegen.CodegenOperation;

/**
 * Runs the s2-java generator's operation rules on a spec, as openapi-generator would, without
 * writing files.
 */
final class Specs {
  private Specs() {}

  static String effectiveSpec() {
    try (InputStream in =
        Specs.class.getClassLoader().getResourceAsStream("dev/s2/spec/s2-openapi.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every operation of the spec, by operationId, as the generator derived it. */
  static Map<String, CodegenOperation> operations(String yaml) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    OpenAPI api = new OpenAPIParser().readContents(yaml, null, options).getOpenAPI();
    org.openapitools.codegen.NormalizerAccess.normalize(api);
    S2JavaCodegen codegen = new S2JavaCodegen();
    codegen.setOpenAPI(api);
    codegen.processOpts();
    Map<String, CodegenOperation> out = new LinkedHashMap<>();
    for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> e :
          path.getValue().readOperationsMap().entrySet()) {
        CodegenOperation op =
            codegen.fromOperation(
                path.getKey(),
                e.getKey().name().toLowerCase(),
                e.getValue(),
                path.getValue().getServers());
        out.put(e.getValue().getOperationId(), op);
      }
    }
    return out;
  }
}
