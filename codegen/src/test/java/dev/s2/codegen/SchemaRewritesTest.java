package dev.s2.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shapes recognised before generation, and the names derived for them. */
class SchemaRewritesTest {

  @Test
  void singleKeyUnionVariantsAreNamedFromTheirTitleOrElseTheirKey() {
    OpenAPI api =
        rewrite(
            """
        Retention:
          oneOf:
            - {type: object, required: [age], properties: {age: {type: integer}}}
            - {type: object, title: forever and ever, required: [infinite], properties: {infinite: {type: object}}}
        """);
    Schema<?> union = schema(api, "Retention");
    assertThat(union.getExtensions())
        .containsEntry(SchemaRewrites.UNION, "key")
        .containsEntry(
            SchemaRewrites.UNION_VARIANTS, List.of("RetentionAge", "RetentionForeverAndEver"));
    assertThat(union.getOneOf())
        .extracting(Schema::get$ref)
        .containsExactly(
            "#/components/schemas/RetentionAge", "#/components/schemas/RetentionForeverAndEver");
    assertThat(schema(api, "RetentionAge").getExtensions())
        .containsEntry(SchemaRewrites.VARIANT_OF, "Retention")
        .containsEntry(SchemaRewrites.VARIANT_KEY, "age");
    assertThat(schema(api, "RetentionForeverAndEver").getExtensions())
        .containsEntry(SchemaRewrites.VARIANT_KEY, "infinite");
  }

  @Test
  void aVariantNameTakenByAnotherSchemaIsRefused() {
    assertThatThrownBy(
            () ->
                rewrite(
                    """
        Failed:
          oneOf:
            - {type: object, required: [a], properties: {a: {type: string}}}
            - {type: object, required: [b], properties: {b: {type: string}}}
        FailedA: {type: string}
        """))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "The variant 'a' of Failed would be named FailedA, which names another schema already; give the "
                + "variant a title");
  }

  @Test
  void variantsToldApartByAConstantPropertyAreATaggedUnion() {
    OpenAPI api =
        rewrite(
            """
        Event:
          oneOf:
            - {type: object, title: batch, required: [event, data], properties: {event: {type: string, enum: [batch]}, data: {type: string}}}
            - {type: object, required: [event], properties: {event: {const: ping}}}
        """);
    Schema<?> union = schema(api, "Event");
    assertThat(union.getExtensions())
        .containsEntry(SchemaRewrites.UNION, "tag")
        .containsEntry(SchemaRewrites.UNION_TAG, "event")
        .containsEntry(SchemaRewrites.UNION_VARIANTS, List.of("EventBatch", "EventPing"));
    Schema<?> tag = (Schema<?>) schema(api, "EventBatch").getProperties().get("event");
    assertThat(tag.getEnum()).isNull();
    assertThat(tag.getExtensions()).containsEntry(SchemaRewrites.CONSTANT, "batch");
    assertThat(((Schema<?>) schema(api, "EventPing").getProperties().get("event")).getExtensions())
        .containsEntry(SchemaRewrites.CONSTANT, "ping");
  }

  @Test
  void otherOneOfsAreLeftAlone() {
    OpenAPI api =
        rewrite(
            """
        Either:
          oneOf:
            - {type: object, required: [a, b], properties: {a: {type: string}, b: {type: string}}}
            - {type: object, required: [c], properties: {c: {type: string}}}
        """);
    assertThat(schema(api, "Either").getExtensions()).isNull();
    assertThat(api.getComponents().getSchemas()).containsOnlyKeys("Either");
  }

  @Test
  void tuplesBecomeObjectsNamedByTheTableByTitlesOrByTheirPlace() {
    OpenAPI api =
        rewrite(
            """
        Gauge:
          type: object
          properties:
            values: {type: array, items: {type: array, items: false, prefixItems: [{type: integer}, {type: number}]}}
            titled: {type: array, title: Span, items: false, prefixItems: [{type: integer, title: Start at}, {type: integer, title: end}]}
            unnamed: {type: array, items: {type: array, items: false, prefixItems: [{type: string}, {type: boolean}]}}
        Other:
          type: object
          properties:
            points: {type: array, items: {type: array, items: false, prefixItems: [{type: integer}, {type: number}]}}
        Pair: {type: array, items: {type: string}, minItems: 2, maxItems: 2}
        """,
            Map.of(
                "#/components/schemas/Gauge/properties/values/items",
                "Point(at, value)",
                "#/components/schemas/Other/properties/points/items",
                "Point(at, value)",
                "#/components/schemas/Pair",
                "Pair(left, right)"));

    assertThat(
            ((Schema<?>) schema(api, "Gauge").getProperties().get("values")).getItems().get$ref())
        .isEqualTo("#/components/schemas/Point");
    assertThat(
            ((Schema<?>) schema(api, "Other").getProperties().get("points")).getItems().get$ref())
        .isEqualTo("#/components/schemas/Point");
    Schema<?> point = schema(api, "Point");
    assertThat(point.getExtensions()).containsEntry(SchemaRewrites.TUPLE, true);
    assertThat(point.getProperties()).containsOnlyKeys("at", "value");
    assertThat(point.getRequired()).containsExactly("at", "value");
    assertThat(schema(api, "Span").getProperties()).containsOnlyKeys("start_at", "end");
    assertThat(schema(api, "GaugeUnnamedItem").getProperties())
        .containsOnlyKeys("item_0", "item_1");
    Schema<?> pair = schema(api, "Pair");
    assertThat(pair.getProperties()).containsOnlyKeys("left", "right");
    assertThat(pair.getItems()).isNull();
    assertThat(pair.getMaxItems()).isNull();
  }

  @Test
  void twoDifferentTuplesOfOneNameAreRefused() {
    assertThatThrownBy(
            () ->
                rewrite(
                    """
        A: {type: object, properties: {p: {type: array, items: false, prefixItems: [{type: integer}]}}}
        B: {type: object, properties: {p: {type: array, items: false, prefixItems: [{type: string}]}}}
        """,
                    Map.of(
                        "#/components/schemas/A/properties/p",
                        "T(x)",
                        "#/components/schemas/B/properties/p",
                        "T(x)")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Two different tuples would be named T (one at #/components/schemas/B/properties/p); give them "
                + "different names in s2TupleNames");
    assertThatThrownBy(
            () ->
                rewrite(
                    """
        A: {type: object, properties: {p: {type: array, items: false, prefixItems: [{type: integer}]}}}
        """,
                    Map.of("#/components/schemas/A/properties/p", "T(x, y)")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "s2TupleNames names 2 elements for #/components/schemas/A/properties/p, which has 1");
  }

  @Test
  void anEmptyObjectComponentBecomesAClass() {
    OpenAPI api =
        rewrite(
            """
        Nothing: {type: object, description: Nothing at all.}
        FreeForm: {type: object, additionalProperties: true}
        """);
    Schema<?> empty = schema(api, "Nothing");
    assertThat(empty.getExtensions())
        .containsEntry(SchemaRewrites.EMPTY, "Nothing")
        .containsEntry("x-is-free-form", false);
    assertThat(empty.getDescription()).isEqualTo("Nothing at all.");
    assertThat(schema(api, "FreeForm").getExtensions()).isNull();
  }

  @Test
  void schemasReachableFromAPatchBodyAreReconfigurations() {
    OpenAPI api =
        parse(
            """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        paths:
          /things/{id}:
            patch:
              requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Change'}}}}
              responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Config'}}}}}
            put:
              requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Config'}}}}
              responses: {'200': {description: ok}}
        components:
          schemas:
            Change: {type: object, properties: {inner: {oneOf: [{type: 'null'}, {$ref: '#/components/schemas/InnerChange'}]}}}
            InnerChange: {type: object, properties: {list: {type: array, items: {$ref: '#/components/schemas/Leaf'}}}}
            Leaf: {type: object, properties: {x: {type: [integer, 'null']}}}
            Config: {type: object, properties: {x: {type: [integer, 'null']}}}
        # Leaf and Config are identical: the parser shares one object between them.
        """);
    SchemaRewrites rewrites = new SchemaRewrites(api, Map.of());
    rewrites.apply();
    assertThat(rewrites.reconfigurations())
        .containsExactlyInAnyOrder("Change", "InnerChange", "Leaf");
  }

  private static OpenAPI rewrite(String schemas) {
    return rewrite(schemas, Map.of());
  }

  private static OpenAPI rewrite(String schemas, Map<String, String> tuples) {
    OpenAPI api =
        parse(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
                + schemas.indent(4));
    Map<String, SchemaRewrites.TupleName> names = new java.util.LinkedHashMap<>();
    tuples.forEach((k, v) -> names.put(k, SchemaRewrites.TupleName.parse(v)));
    new SchemaRewrites(api, names).apply();
    return api;
  }

  private static OpenAPI parse(String yaml) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    OpenAPI api = new OpenAPIParser().readContents(yaml, null, options).getOpenAPI();
    assertThat(api).isNotNull();
    return api;
  }

  private static Schema<?> schema(OpenAPI api, String name) {
    Schema<?> s = api.getComponents().getSchemas().get(name);
    assertThat(s).as(name).isNotNull();
    return s;
  }
}
