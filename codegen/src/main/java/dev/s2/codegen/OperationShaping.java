package dev.s2.codegen;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.model.ModelMap;
import org.openapitools.codegen.model.OperationsMap;

/** What the SDK derives from the spec's operations for the Retrofit and surface templates. */
final class OperationShaping {
  private final S2JavaCodegen codegen;

  OperationShaping(S2JavaCodegen codegen) {
    this.codegen = codegen;
  }

  void processOpts() {}

  CodegenOperation fromOperation(String path, String httpMethod, Operation operation, List<Server> servers,
      CodegenOperation op) {
    return op;
  }

  /** True when this class grouped the operation itself. */
  boolean addOperationToGroup(String tag, CodegenOperation op, Map<String, List<CodegenOperation>> groups) {
    return false;
  }

  OperationsMap postProcessOperations(OperationsMap objs, List<ModelMap> allModels) {
    return objs;
  }
}
