package dev.s2.codegen;

import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.model.ModelsMap;

/** What the SDK derives from the spec's schemas for the model templates. */
final class ModelShaping {
  private final S2JavaCodegen codegen;

  ModelShaping(S2JavaCodegen codegen) {
    this.codegen = codegen;
  }

  CodegenModel fromModel(String name, Schema<?> schema, CodegenModel model) {
    return model;
  }

  ModelsMap postProcessModels(ModelsMap objs) {
    return objs;
  }

  Map<String, ModelsMap> postProcessAllModels(Map<String, ModelsMap> objs) {
    return objs;
  }
}
