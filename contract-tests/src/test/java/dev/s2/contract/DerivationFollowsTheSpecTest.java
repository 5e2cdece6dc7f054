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
import org.junit.jupiter.api.Test;

/**
 * Nothing in the derivation is written per operation: an operation or a response code added to the spec
 * yields stubs that conform to the changed spec, with no edit to this module; examples in a spec become
 * bodies; what cannot be synthesised is reported with its place.
 */
class DerivationFollowsTheSpecTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void operationsAndResponseCodesAddedToTheSpecGetStubsThatConformToIt() throws Exception {
    ObjectNode spec = (ObjectNode) YAML.readTree(SpecDocument.yaml());
    ObjectNode paths = (ObjectNode) spec.get("paths");
    ((ObjectNode) paths.at("/~1access-tokens~1{id}/delete/responses")).set("429", errorResponse());
    paths.set("/basins", JSON.readTree("""
        {"get": {"operationId": "list_basins",
          "parameters": [
            {"name": "prefix", "in": "query", "schema": {"type": "string", "default": ""}},
            {"name": "start_after", "in": "query", "schema": {"type": "string", "default": ""}},
            {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 1000}}],
          "responses": {
            "200": {"description": "", "content": {"application/json": {"schema": {
              "type": "object", "required": ["basins", "has_more"], "properties": {
                "basins": {"type": "array", "maxItems": 1000, "items": {"$ref": "#/components/schemas/BasinInfo"}},
                "has_more": {"type": "boolean"}}}}}},
            "400": {"$ref": "#/components/responses/Error"}}}}"""));
    ObjectNode components = (ObjectNode) spec.get("components");
    components.set("responses", JSON.createObjectNode().set("Error", errorResponse()));
    ((ObjectNode) components.get("schemas")).set("BasinInfo", JSON.readTree("""
        {"type": "object", "required": ["name", "state"], "properties": {
          "name": {"type": "string", "minLength": 8, "maxLength": 48},
          "state": {"type": "string", "enum": ["active", "creating", "deleting"]}}}"""));
    String yaml = YAML.writeValueAsString(spec);
    var api = SpecDocument.parse(yaml);

    List<DerivedStub> stubs = new StubDeriver(api).derive();

    assertThat(stubs).extracting(DerivedStub::operationId, DerivedStub::status)
        .contains(tuple("revoke_access_token", 429), tuple("list_basins", 200), tuple("list_basins", 400));
    ContractValidator changedSpec = new ContractValidator(yaml);
    assertThat(stubs).allSatisfy(stub -> assertThat(changedSpec.stubProblems(stub)).as(stub.name()).isEmpty());
    assertThat(stubs).filteredOn(s -> s.operationId().equals("list_basins") && s.status() == 200)
        .extracting(s -> s.json().path("basins").path(0).path("state").asText())
        .contains("active", "creating", "deleting");
    assertThat(stubs).filteredOn(s -> s.operationId().equals("list_basins") && s.status() == 200)
        .extracting(s -> s.json().path("basins").size()).contains(0, 1, 1000);
    PagedCollection basins = PagedCollection.of(api, stubs).stream()
        .filter(c -> c.operation().operationId().equals("list_basins")).findFirst().orElseThrow();
    assertThat(basins.keys()).as("one basin per distinct shape, keyed within the name's 8..48 characters")
        .containsExactly("state/creating", "state/deleting", "typical-2");
  }

  @Test
  void theStubOfTheTemplatedRevokePathAnswersAnyValueOfTheParameter() {
    DerivedStub revoke = S2Stubs.all().stream()
        .filter(s -> s.operationId().equals("revoke_access_token") && s.status() == 204)
        .findFirst().orElseThrow();
    ContractWireMock wireMock = ContractWireMock.rawTraffic();
    wireMock.start();
    try {
      wireMock.stub(revoke);

      assertThat(RawHttp.send("DELETE", wireMock.baseUrl() + "/access-tokens/ci%2Fdeploy", "tok").status()).isEqualTo(204);
      assertThat(RawHttp.send("DELETE", wireMock.baseUrl() + "/access-tokens", "tok").status()).isEqualTo(404);
      assertThat(wireMock.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
          urlPathEqualTo("/v1/access-tokens/ci%2Fdeploy")))).hasSize(1);
    } finally {
      wireMock.stop();
    }
  }

  @Test
  void examplesOfTheSpecBecomeBodiesAndTheTypicalValue() throws Exception {
    List<DerivedStub> stubs = new StubDeriver(SpecDocument.parse("""
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
        """)).derive();

    assertThat(stubs).extracting(DerivedStub::scenario).startsWith("example named", "typical");
    assertThat(stubs.get(0).json()).isEqualTo(JSON.readTree("{\"name\":\"from-example\",\"size\":3}"));
    assertThat(stubs.get(1).json()).isEqualTo(JSON.readTree("{\"name\":\"example-name\",\"size\":1}"));
    assertThat(stubs).extracting(s -> s.json().path("size")).contains(JSON.readTree("9"));
    assertThat(stubs).allSatisfy(s -> assertThat(s.operation().path()).isEqualTo("/api/things"));
    DerivedStub byDefault = stubs.stream().filter(s -> s.responseKey().equals("default")).findFirst().orElseThrow();
    assertThat(byDefault.status()).isEqualTo(500);
    assertThat(byDefault.json().get("code").asText()).isEqualTo("E42");
  }

  @Test
  void aPatternWithoutExampleIsReportedWithItsPlace() {
    String spec = tinySpec("{type: object, properties: {slug: {type: string, pattern: '^[0-9]{3}$'}}}");

    assertThatThrownBy(() -> new StubDeriver(SpecDocument.parse(spec)).derive())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("string schema of 'slug' has pattern ^[0-9]{3}$ that no synthesised value matches: give it an"
            + " example in the spec");
  }

  @Test
  void aRecursiveSchemaIsReported() {
    String spec = tinySpec("{$ref: '#/components/schemas/Node'}") + """
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
        """.formatted(schema);
  }

  private static JsonNode errorResponse() throws Exception {
    return JSON.readTree("{\"description\": \"\", \"content\": {\"application/json\": {\"schema\": "
        + "{\"$ref\": \"#/components/schemas/ErrorInfo\"}}}}");
  }
}
