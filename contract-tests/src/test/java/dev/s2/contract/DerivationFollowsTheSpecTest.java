package dev.s2.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nothing in the derivation is written per operation: an operation or a response code added to the
 * spec yields stubs that conform to the changed spec, a derived driver and places in the coverage
 * gate, with no edit to this module; examples in a spec become bodies; simple patterns and tuples
 * are synthesised; what cannot be synthesised is reported with its place.
 */
class DerivationFollowsTheSpecTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The README's "Changing the spec" with operations of known shapes: a paged list on the account
   * endpoint and a create on the basin endpoint with an idempotency header. With no edit to this
   * module they get stubs that conform to the changed spec, derived drivers whose plans say exactly
   * what the replay calls and checks, and places in the coverage gate; against a client not
   * generated from that spec, the replay fails naming the facade method it looked for (it never
   * skips an operation).
   */
  @Test
  void operationsAddedToTheSpecAreDerivedReplayedValidatedAndCounted() throws Exception {
    ObjectNode spec = (ObjectNode) YAML.readTree(SpecDocument.yaml());
    ObjectNode paths = (ObjectNode) spec.get("paths");
    ((ObjectNode) paths.at("/~1access-tokens~1{id}/delete/responses")).set("429", errorResponse());
    paths.set(
        "/widgets",
        JSON.readTree(
            """
        {"get": {"operationId": "list_widgets", "tags": ["widgets"],
          "parameters": [
            {"name": "prefix", "in": "query", "schema": {"type": "string", "default": ""}},
            {"name": "start_after", "in": "query", "schema": {"type": "string", "default": ""}},
            {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 1000,
              "default": 1000}}],
          "responses": {
            "200": {"description": "", "content": {"application/json": {"schema": {
              "type": "object", "required": ["widgets", "has_more"], "properties": {
                "widgets": {"type": "array", "maxItems": 1000, "items": {"$ref": "#/components/schemas/WidgetInfo"}},
                "has_more": {"type": "boolean"}}}}}},
            "400": {"$ref": "#/components/responses/Error"}}}}"""));
    paths.set(
        "/streams/{stream}/widgets",
        JSON.readTree(
            """
        {"servers": [{"url": "https://{basin}.b.s2.dev/v1", "variables": {"basin": {"default": ""}}}],
         "post": {"operationId": "create_widget", "tags": ["widgets-of-streams"],
          "parameters": [
            {"name": "stream", "in": "path", "required": true, "schema": {"$ref": "#/components/schemas/StreamNameStr"}},
            {"name": "s2-request-token", "in": "header", "schema": {"$ref": "#/components/schemas/RequestToken"}}],
          "requestBody": {"required": true, "content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/WidgetInfo"}}}},
          "responses": {
            "201": {"description": "", "content": {"application/json": {"schema": {
              "$ref": "#/components/schemas/WidgetInfo"}}}},
            "409": {"$ref": "#/components/responses/Error"}}}}"""));
    ObjectNode components = (ObjectNode) spec.get("components");
    components.set("responses", JSON.createObjectNode().set("Error", errorResponse()));
    ((ObjectNode) components.get("schemas"))
        .set(
            "WidgetInfo",
            JSON.readTree(
                """
        {"type": "object", "required": ["name", "state"], "properties": {
          "name": {"type": "string", "minLength": 8, "maxLength": 48, "pattern": "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"},
          "state": {"type": "string", "enum": ["active", "creating", "deleting"]}}}"""));
    String yaml = YAML.writeValueAsString(spec);
    var api = SpecDocument.parse(yaml);

    List<DerivedStub> stubs = new StubDeriver(api).derive();

    assertThat(stubs)
        .extracting(DerivedStub::operationId, DerivedStub::status)
        .contains(
            tuple("revoke_access_token", 429),
            tuple("list_widgets", 200),
            tuple("list_widgets", 400),
            tuple("create_widget", 201),
            tuple("create_widget", 409));
    ContractValidator changedSpec = new ContractValidator(yaml);
    assertThat(stubs)
        .allSatisfy(stub -> assertThat(changedSpec.stubProblems(stub)).as(stub.name()).isEmpty());
    assertThat(stubs)
        .filteredOn(s -> s.operationId().equals("list_widgets") && s.status() == 200)
        .extracting(s -> s.json().path("widgets").path(0).path("state").asText())
        .contains("active", "creating", "deleting");
    assertThat(stubs)
        .filteredOn(s -> s.operationId().equals("list_widgets") && s.status() == 200)
        .extracting(s -> s.json().path("widgets").size())
        .contains(0, 1, 1000);

    ApiOperation list = operation(changedSpec, "list_widgets");
    DerivedDriver.Plan listPlan = DerivedDriver.plan(list, api);
    assertThat(listPlan.call())
        .isEqualTo(
            "client.widgets().list(ListWidgetsParams.builder()"
                + ".prefix(\"sample-prefix\").startAfter(\"sample-start_after\").limit(1000).build())");
    assertThat(listPlan.path()).isEqualTo("/v1/widgets");
    assertThat(listPlan.query())
        .as("limit is the spec's default: the client does not send it")
        .isEqualTo(
            Map.of(
                "prefix", List.of("sample-prefix"), "start_after", List.of("sample-start_after")));
    assertThat(listPlan.headers()).isEmpty();
    assertThat(listPlan.idempotent()).isTrue();
    assertThat(listPlan)
        .extracting(DerivedDriver.Plan::pageItems, DerivedDriver.Plan::pageFlag)
        .containsExactly("widgets", "has_more");

    ApiOperation create = operation(changedSpec, "create_widget");
    DerivedDriver.Plan createPlan = DerivedDriver.plan(create, api);
    assertThat(createPlan.call())
        .isEqualTo(
            "client.basin(\"sample-basin\").widgetsOfStreams()"
                + ".create(CreateWidgetParams.builder().stream(\"ünï-cødé ✓ 名前\").body(<typical>).build())");
    assertThat(createPlan.path())
        .as("the stream name, percent-encoded as a path segment")
        .isEqualTo(
            "/v1/streams/%C3%BCn%C3%AF-c%C3%B8d%C3%A9%20%E2%9C%93%20%E5%90%8D%E5%89%8D/widgets");
    assertThat(createPlan.headers()).isEqualTo(Map.of("s2-basin", "sample-basin"));
    assertThat(createPlan.idempotencyHeader()).isEqualTo("s2-request-token");
    assertThat(createPlan.idempotencyMaxLength()).isEqualTo(36);
    assertThat(createPlan.idempotent()).as("a POST with an idempotency header").isTrue();
    assertThat(createPlan.bodies().get(0).json())
        .isEqualTo(JSON.readTree("{\"name\":\"sample-name\",\"state\":\"active\"}"));

    assertThat(changedSpec.declaredMediaTypes(list, "200")).containsExactly("application/json");
    assertThat(changedSpec.declaredMediaTypes(create, "409")).containsExactly("application/json");
    try (var client = Clients.of("http://127.0.0.1:9/v1", new RecordingSleeper())) {
      assertThatThrownBy(() -> DerivedDriver.of(listPlan).call(client))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "list_widgets: S2Client has no method widgets() (named by dev.s2.codegen.Naming): was the"
                  + " client generated from this spec?");
      assertThatThrownBy(() -> DerivedDriver.of(createPlan).call(client))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "create_widget: S2Basin has no method widgetsOfStreams() (named by dev.s2.codegen.Naming):"
                  + " was the client generated from this spec?");
    }
  }

  private static ApiOperation operation(ContractValidator validator, String operationId) {
    return validator.operations().stream()
        .filter(o -> o.operationId().equals(operationId))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theStubOfTheTemplatedRevokePathAnswersAnyValueOfTheParameter() {
    DerivedStub revoke =
        S2Stubs.all().stream()
            .filter(s -> s.operationId().equals("revoke_access_token") && s.status() == 204)
            .findFirst()
            .orElseThrow();
    ContractWireMock wireMock = ContractWireMock.rawTraffic();
    wireMock.start();
    try {
      wireMock.stub(revoke);

      assertThat(
              RawHttp.send("DELETE", wireMock.baseUrl() + "/access-tokens/ci%2Fdeploy", "tok")
                  .status())
          .isEqualTo(204);
      assertThat(RawHttp.send("DELETE", wireMock.baseUrl() + "/access-tokens", "tok").status())
          .isEqualTo(404);
      assertThat(
              wireMock
                  .server()
                  .findAll(
                      com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                          urlPathEqualTo("/v1/access-tokens/ci%2Fdeploy"))))
          .hasSize(1);
    } finally {
      wireMock.stop();
    }
  }

  @Test
  void examplesOfTheSpecBecomeBodiesAndTheTypicalValue() throws Exception {
    List<DerivedStub> stubs =
        new StubDeriver(
                SpecDocument.parse(
                    """
        openapi: 3.1.0
        info: {title: t, version: '1', license: {name: MIT}}
        servers: [{url: 'https://example.com/api/'}]
        paths:
          /things:
            get:
              operationId: list_things
              responses:
                '200':
                  description: ''
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Thing'}
                      examples:
                        named: {value: {name: from-example, size: 3}}
                default:
                  description: ''
                  content:
                    application/json:
                      schema: {type: object, properties: {code: {type: string, example: E42}}}
        components:
          schemas:
            Thing:
              type: object
              required: [name]
              properties:
                name: {type: string, pattern: '^[a-z-]+$', example: example-name}
                size: {type: integer, minimum: 1, maximum: 9}
        """))
            .derive();

    assertThat(stubs).extracting(DerivedStub::scenario).startsWith("example named", "typical");
    assertThat(stubs.get(0).json())
        .isEqualTo(JSON.readTree("{\"name\":\"from-example\",\"size\":3}"));
    assertThat(stubs.get(1).json())
        .isEqualTo(JSON.readTree("{\"name\":\"example-name\",\"size\":1}"));
    assertThat(stubs).extracting(s -> s.json().path("size")).contains(JSON.readTree("9"));
    assertThat(stubs).allSatisfy(s -> assertThat(s.operation().path()).isEqualTo("/api/things"));
    DerivedStub byDefault =
        stubs.stream().filter(s -> s.responseKey().equals("default")).findFirst().orElseThrow();
    assertThat(byDefault.status()).isEqualTo(500);
    assertThat(byDefault.json().get("code").asText()).isEqualTo("E42");
  }

  @Test
  void aSimplePatternGetsValuesGeneratedFromIt() throws Exception {
    String spec =
        tinySpec(
            "{type: object, required: [id, name], properties: {"
                + "id: {type: string, pattern: '^[0-9]+,[0-9]+,[0-9]+$'},"
                + "name: {type: string, minLength: 8, maxLength: 48, pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'}}}");

    List<DerivedStub> stubs = new StubDeriver(SpecDocument.parse(spec)).derive();

    assertThat(stubs.get(0).json())
        .isEqualTo(JSON.readTree("{\"id\":\"0,0,0\",\"name\":\"sample-name\"}"));
    assertThat(stubs)
        .extracting(s -> s.json().path("name").asText())
        .contains("sample-n", "a".repeat(48))
        .allSatisfy(
            name ->
                assertThat(name).matches("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$").hasSizeBetween(8, 48));
  }

  @Test
  void aPatternWithAnExampleTakesTheExample() throws Exception {
    String spec =
        tinySpec(
            "{type: object, properties: {id: {type: string, pattern: '^(?=x)x[0-9]$',"
                + " example: x7}}}");

    List<DerivedStub> stubs = new StubDeriver(SpecDocument.parse(spec)).derive();

    assertThat(stubs.get(0).json()).isEqualTo(JSON.readTree("{\"id\":\"x7\"}"));
  }

  @Test
  void aPatternTooComplexToGenerateFromAndWithoutExampleIsReportedWithItsPlace() {
    String spec =
        tinySpec("{type: object, properties: {slug: {type: string, pattern: '^(?=x)[^y]{3}$'}}}");

    assertThatThrownBy(() -> new StubDeriver(SpecDocument.parse(spec)).derive())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "string schema of 'slug' has pattern ^(?=x)[^y]{3}$ that no synthesised value matches and that"
                + " is too complex to generate a value from: give it an example in the spec");
  }

  @Test
  void aTupleIsSynthesisedAsATuple() throws Exception {
    String spec =
        tinySpec(
            "{type: object, required: [values], properties: {values: {type: array, items: {"
                + "type: array, items: false, prefixItems: [{type: integer, minimum: 0}, {type: number}]}}}}");

    List<DerivedStub> stubs = new StubDeriver(SpecDocument.parse(spec)).derive();

    assertThat(stubs)
        .extracting(s -> s.json().toString())
        .containsExactly(
            "{\"values\":[[1,1.5]]}",
            "{\"values\":[]}",
            "{\"values\":[[0,1.5]]}",
            "{\"values\":[[1,0.0]]}");
  }

  @Test
  void aRecursiveSchemaIsReported() {
    String spec =
        tinySpec("{$ref: '#/components/schemas/Node'}")
            + """
        components:
          schemas:
            Node: {type: object, properties: {next: {$ref: '#/components/schemas/Node'}}}
        """;

    assertThatThrownBy(() -> new StubDeriver(SpecDocument.parse(spec)).derive())
        .hasMessage("schema Node refers to itself: recursive schemas are not supported");
  }

  private static String tinySpec(String schema) {
    return """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        paths:
          /x:
            get:
              operationId: get_x
              responses:
                '200': {description: '', content: {application/json: {schema: %s}}}
        """
        .formatted(schema);
  }

  private static JsonNode errorResponse() throws Exception {
    return JSON.readTree(
        "{\"description\": \"\", \"content\": {\"application/json\": {\"schema\": "
            + "{\"$ref\": \"#/components/schemas/ErrorInfo\"}}}}");
  }
}
