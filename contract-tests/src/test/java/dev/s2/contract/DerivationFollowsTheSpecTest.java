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
    ((ObjectNode) paths.at("/~1access-tokens/get/responses")).set("429", errorResponse());
    ((ObjectNode) paths.get("/access-tokens")).set("post", JSON.readTree("""
        {"operationId": "issue_access_token",
         "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AccessTokenInfo"}}}},
         "responses": {
           "201": {"description": "", "content": {"application/json": {"schema": {
             "type": "object", "required": ["access_token"], "properties": {"access_token": {"type": "string"}}}}}},
           "409": {"$ref": "#/components/responses/Error"}}}"""));
    paths.set("/access-tokens/{id}", JSON.readTree("""
        {"delete": {"operationId": "revoke_access_token",
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"$ref": "#/components/schemas/AccessTokenIdStr"}}],
          "responses": {"204": {"description": ""}, "400": {"$ref": "#/components/responses/Error"}}}}"""));
    ((ObjectNode) spec.get("components")).set("responses", JSON.createObjectNode().set("Error", errorResponse()));
    String yaml = YAML.writeValueAsString(spec);

    List<DerivedStub> stubs = new StubDeriver(SpecDocument.parse(yaml)).derive();

    assertThat(stubs).extracting(DerivedStub::operationId, DerivedStub::status).contains(
        tuple("list_access_tokens", 429), tuple("issue_access_token", 201), tuple("issue_access_token", 409),
        tuple("revoke_access_token", 204), tuple("revoke_access_token", 400));
    ContractValidator changedSpec = new ContractValidator(yaml);
    assertThat(stubs).allSatisfy(stub -> assertThat(changedSpec.stubProblems(stub)).as(stub.name()).isEmpty());
    assertThat(stubs).filteredOn(s -> s.status() == 201).extracting(s -> s.json().get("access_token").asText())
        .contains("sample-access_token", "", SchemaSynthesizer.NON_ASCII);
    DerivedStub revoked = stubs.stream().filter(s -> s.status() == 204).findFirst().orElseThrow();
    assertThat(revoked.body()).isNull();
    assertThat(revoked.contentType()).isNull();
    assertThat(revoked.operation().path()).isEqualTo("/v1/access-tokens/{id}");
  }

  @Test
  void aStubOfATemplatedPathAnswersAnyValueOfTheParameter() throws Exception {
    String yaml = SpecDocument.yaml().replace("paths:\n", """
        paths:
          /access-tokens/{id}:
            delete:
              operationId: revoke_access_token
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                '204': {description: ''}
        """);
    DerivedStub revoke = new StubDeriver(SpecDocument.parse(yaml)).derive().get(0);
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
