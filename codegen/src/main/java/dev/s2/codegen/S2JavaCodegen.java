package dev.s2.codegen;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.languages.JavaClientCodegen;
import org.openapitools.codegen.model.ModelMap;
import org.openapitools.codegen.model.ModelsMap;
import org.openapitools.codegen.model.OperationsMap;

/**
 * The S2 SDK's generator, {@code s2-java}: openapi-generator's Java client generator (library
 * {@code retrofit2}) with what the SDK derives from the spec's shape added as vendor extensions for
 * our templates.
 *
 * <p>Two hooks do the work, each in its own class: {@link ModelShaping} (unions, tuples, u64,
 * secrets, strict decoding facts of the models) and {@link OperationShaping} (paging, retry safety,
 * endpoints, parameter bounds of the operations). This class only wires them into the generator's
 * life cycle.
 */
public class S2JavaCodegen extends JavaClientCodegen {
  /** The name given to {@code <generatorName>}. */
  public static final String NAME = "s2-java";

  private final ModelShaping models = new ModelShaping(this);
  private final OperationShaping operations = new OperationShaping(this);
  private Map<String, int[]> byteRanges;

  public S2JavaCodegen() {
    super();
    setLibrary(RETROFIT_2);
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getHelp() {
    return "The S2 Java SDK's generator: Retrofit interfaces, Moshi models and the per-operation surface.";
  }

  @Override
  public String toApiName(String name) {
    return operations.toApiName(name, super.toApiName(name));
  }

  /** The Retrofit interface of a tag, whatever this execution writes. */
  String defaultApiName(String tag) {
    return super.toApiName(sanitizeTag(tag));
  }

  /** The spec being generated. */
  io.swagger.v3.oas.models.OpenAPI openApi() {
    return openAPI;
  }

  /**
   * The schema a reference points to (followed to the end), or the schema itself; null stays null.
   */
  Schema<?> resolve(Schema<?> schema) {
    return SpecFacts.resolve(openAPI, schema);
  }

  /** Byte ranges stated in descriptions, by the $ref of the string schema they apply to. */
  Map<String, int[]> byteRangesBySchema() {
    if (byteRanges == null) {
      byteRanges = SpecFacts.byteRangesBySchema(openAPI);
    }
    return byteRanges;
  }

  @Override
  public void processOpts() {
    super.processOpts();
    models.processOpts(openAPI);
    operations.processOpts();
  }

  @Override
  public CodegenModel fromModel(String name, Schema model) {
    return models.fromModel(name, model, super.fromModel(name, model));
  }

  @Override
  public ModelsMap postProcessModels(ModelsMap objs) {
    return models.postProcessModels(super.postProcessModels(objs));
  }

  @Override
  public Map<String, ModelsMap> postProcessAllModels(Map<String, ModelsMap> objs) {
    return models.postProcessAllModels(super.postProcessAllModels(objs));
  }

  @Override
  public CodegenOperation fromOperation(
      String path, String httpMethod, Operation operation, List<Server> servers) {
    return operations.fromOperation(
        path,
        httpMethod,
        operation,
        servers,
        super.fromOperation(path, httpMethod, operation, servers));
  }

  @Override
  public void addOperationToGroup(
      String tag,
      String resourcePath,
      Operation operation,
      CodegenOperation co,
      Map<String, List<CodegenOperation>> groups) {
    if (!operations.addOperationToGroup(tag, co, groups)) {
      super.addOperationToGroup(tag, resourcePath, operation, co, groups);
    }
  }

  @Override
  public OperationsMap postProcessOperationsWithModels(
      OperationsMap objs, List<ModelMap> allModels) {
    return operations.postProcessOperations(
        super.postProcessOperationsWithModels(objs, allModels), allModels);
  }
}
