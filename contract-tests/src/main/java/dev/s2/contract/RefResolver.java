package dev.s2.contract;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Follows local {@code $ref}s ({@code #/components/...}) of a parsed spec to the objects they name.
 */
final class RefResolver {
  private static final int MAX_HOPS = 32;
  private final Components components;

  RefResolver(OpenAPI api) {
    this.components = api.getComponents() == null ? new Components() : api.getComponents();
  }

  /** The schema itself, or the component schema its {@code $ref} (chain) names. */
  Schema<?> schema(Schema<?> schema) {
    return follow(schema, Schema::get$ref, "#/components/schemas/", components.getSchemas());
  }

  /** The response itself, or the component response its {@code $ref} names. */
  ApiResponse response(ApiResponse response) {
    return follow(
        response, ApiResponse::get$ref, "#/components/responses/", components.getResponses());
  }

  /** The request body itself, or the component request body its {@code $ref} names. */
  RequestBody requestBody(RequestBody body) {
    return follow(
        body, RequestBody::get$ref, "#/components/requestBodies/", components.getRequestBodies());
  }

  /** The header itself, or the component header its {@code $ref} names. */
  Header header(Header header) {
    return follow(header, Header::get$ref, "#/components/headers/", components.getHeaders());
  }

  /** The parameter itself, or the component parameter its {@code $ref} names. */
  Parameter parameter(Parameter parameter) {
    return follow(
        parameter, Parameter::get$ref, "#/components/parameters/", components.getParameters());
  }

  /**
   * The properties of a schema, empty when it declares none (swagger-models hands out raw types).
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static Map<String, Schema<?>> properties(Schema<?> schema) {
    Map raw = schema.getProperties();
    return raw == null ? Map.of() : raw;
  }

  /** The alternatives of a {@code oneOf}, else of an {@code anyOf}; null when it has neither. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static List<Schema<?>> alternatives(Schema<?> schema) {
    List raw =
        schema.getOneOf() != null && !schema.getOneOf().isEmpty()
            ? schema.getOneOf()
            : schema.getAnyOf();
    return raw == null || raw.isEmpty() ? null : raw;
  }

  /** The parts of an {@code allOf}, empty when it has none. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static List<Schema<?>> allOf(Schema<?> schema) {
    List raw = schema.getAllOf();
    return raw == null ? List.of() : raw;
  }

  /**
   * The name a {@code $ref} to a component schema points at, or null when the schema is not a
   * reference.
   */
  static String refName(Schema<?> schema) {
    String ref = schema.get$ref();
    return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T> T follow(T start, Function<T, String> ref, String prefix, Map components) {
    T current = start;
    for (int hops = 0; hops < MAX_HOPS; hops++) {
      String target = ref.apply(current);
      if (target == null) {
        return current;
      }
      if (!target.startsWith(prefix)) {
        throw new IllegalStateException(
            "unsupported reference " + target + ": only " + prefix + "* is followed");
      }
      Object next = components == null ? null : components.get(target.substring(prefix.length()));
      if (next == null) {
        throw new IllegalStateException("unresolved reference " + target);
      }
      current = (T) next;
    }
    throw new IllegalStateException(
        "reference chain longer than " + MAX_HOPS + " hops from " + ref.apply(start));
  }
}
