package dev.s2.spec;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedMediaType;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.Endpoint;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * The changes between two versions of the spec that break users of the SDK, found with openapi-diff
 * on the 3.0 form of both ({@link Oas31To30}). Each is one line that names the operation and the
 * place, such as {@code removed property $.access_tokens[].expires_at from the 200 response of GET
 * /access-tokens}; a maintainer acknowledges one by copying that line.
 *
 * <p>Breaking: a removed operation; a removed or newly required parameter, or one whose values are
 * narrowed; a request body that accepts less (openapi-diff's judgement); in a success response, a
 * removed property, a changed type or format, a removed enum value, a removed success status.
 */
final class BreakingChanges {
  private final ChangedOpenApi diff;
  private final TreeSet<String> found = new TreeSet<>();

  private BreakingChanges(ChangedOpenApi diff) {
    this.diff = diff;
    diff.getMissingEndpoints().forEach(e -> found.add("removed operation " + describe(e)));
    diff.getChangedOperations().forEach(this::operation);
  }

  static BreakingChanges between(String oldSpec, String newSpec) {
    return new BreakingChanges(
        OpenApiCompare.fromContents(Oas31To30.convert(oldSpec), Oas31To30.convert(newSpec)));
  }

  /** The breaking changes, sorted. */
  List<String> list() {
    return new ArrayList<>(found);
  }

  /** The operationIds of added and removed operations. */
  List<String> addedAndRemovedOperations() {
    List<String> ids = new ArrayList<>();
    diff.getNewEndpoints().forEach(e -> ids.add(e.getOperation().getOperationId()));
    diff.getMissingEndpoints().forEach(e -> ids.add(e.getOperation().getOperationId()));
    return ids;
  }

  boolean unchanged() {
    return diff.isUnchanged();
  }

  /** openapi-diff's own report, every change included, as Markdown. */
  String report() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new MarkdownRender().render(diff, new OutputStreamWriter(out, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String describe(Endpoint e) {
    return e.getMethod() + " " + e.getPathUrl() + " (" + e.getOperation().getOperationId() + ")";
  }

  private void operation(ChangedOperation op) {
    String where = op.getHttpMethod() + " " + op.getPathUrl();
    ChangedParameters params = op.getParameters();
    if (params != null) {
      for (Parameter p : params.getIncreased()) {
        if (Boolean.TRUE.equals(p.getRequired())) {
          found.add("new required " + p.getIn() + " parameter '" + p.getName() + "' of " + where);
        }
      }
      for (Parameter p : params.getMissing()) {
        found.add("removed " + p.getIn() + " parameter '" + p.getName() + "' of " + where);
      }
      for (ChangedParameter p : params.getChanged()) {
        if (p.isIncompatible()) {
          found.add(
              "narrowed "
                  + p.getIn()
                  + " parameter '"
                  + p.getName()
                  + "' of "
                  + where
                  + (p.isChangeRequired() ? " (now required)" : " (accepts fewer values)"));
        }
      }
    }
    if (op.getRequestBody() != null && op.getRequestBody().isIncompatible()) {
      found.add("request body of " + where + " accepts less than before");
    }
    ChangedApiResponse responses = op.getApiResponses();
    if (responses != null) {
      responses.getMissing().keySet().stream()
          .filter(code -> code.startsWith("2"))
          .forEach(code -> found.add("removed response " + code + " of " + where));
      for (Map.Entry<String, ChangedResponse> r : responses.getChanged().entrySet()) {
        if (!r.getKey().startsWith("2")) {
          continue;
        }
        ChangedContent content = r.getValue().getContent();
        if (content == null) {
          continue;
        }
        String in = " the " + r.getKey() + " response of " + where;
        content
            .getMissing()
            .keySet()
            .forEach(type -> found.add("removed content type " + type + " from" + in));
        for (ChangedMediaType media : content.getChanged().values()) {
          if (media.getSchema() != null) {
            schema(media.getSchema(), "$", in);
          }
        }
      }
    }
  }

  private void schema(ChangedSchema s, String path, String in) {
    if (s.isChangedType()) {
      found.add(
          "changed type of "
              + path
              + " ("
              + type(s.getOldSchema())
              + " -> "
              + type(s.getNewSchema())
              + ") in"
              + in);
    }
    if (s.isChangeFormat()) {
      found.add(
          "changed format of "
              + path
              + " ("
              + s.getOldSchema().getFormat()
              + " -> "
              + s.getNewSchema().getFormat()
              + ") in"
              + in);
    }
    s.getMissingProperties()
        .keySet()
        .forEach(name -> found.add("removed property " + member(path, name) + " from" + in));
    if (s.getEnumeration() != null) {
      s.getEnumeration()
          .getMissing()
          .forEach(v -> found.add("removed enum value '" + v + "' of " + path + " in" + in));
    }
    s.getChangedProperties().forEach((name, child) -> schema(child, member(path, name), in));
    if (s.getItems() != null) {
      schema(s.getItems(), path + "[]", in);
    }
    if (s.getOneOfSchema() != null) {
      s.getOneOfSchema()
          .getMissing()
          .keySet()
          .forEach(v -> found.add("removed oneOf variant " + v + " of " + path + " in" + in));
      s.getOneOfSchema()
          .getChanged()
          .forEach((name, child) -> schema(child, path + "<" + name + ">", in));
    }
  }

  /**
   * The path of a property; a tuple's positions (see {@link Oas31To30}) read as indexes: {@code
   * $.values[][1]}.
   */
  private static String member(String path, String name) {
    return name.startsWith("[") ? path + name : path + "." + name;
  }

  private static String type(Schema<?> schema) {
    return schema == null ? "none" : String.valueOf(schema.getType());
  }
}
