package dev.s2.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.s2.spec.internal.EffectiveSpec;
import dev.s2.spec.internal.Overlay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The effective spec the build packages: exactly the upstream spec with the overlay applied, byte
 * for byte reproducible, and holding what the overlay is there to add (the live API's operations
 * and facts).
 */
class EffectiveSpecTest {
  static final Path UPSTREAM = Path.of("src/main/spec/upstream/openapi.json");
  static final Path OVERLAY = Path.of("src/main/spec/s2-sdk.overlay.yaml");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  static String packaged;
  static JsonNode spec;
  static JsonNode upstream;

  @BeforeAll
  static void read() throws IOException {
    packaged = SpecValidatorTest.packagedSpec();
    spec = YAML.readTree(packaged);
    upstream = YAML.readTree(Files.readString(UPSTREAM));
  }

  static List<String> operations(JsonNode document) {
    List<String> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
        if (METHODS.contains(method.getKey())) {
          operations.add(
              method.getKey().toUpperCase()
                  + " "
                  + path.getKey()
                  + " "
                  + method.getValue().path("operationId").asText());
        }
      }
    }
    return operations;
  }

  static JsonNode at(String pointer) {
    JsonNode node = spec.at(pointer);
    assertThat(node.isMissingNode()).as("%s in the effective spec", pointer).isFalse();
    return node;
  }

  @Test
  void thePackagedSpecIsExactlyTheUpstreamSpecWithTheOverlayApplied() throws IOException {
    assertThat(packaged)
        .isEqualTo(EffectiveSpec.build(Files.readString(UPSTREAM), Files.readString(OVERLAY)));
  }

  @Test
  void buildingTwiceGivesTheSameBytes() throws IOException {
    String first = EffectiveSpec.build(Files.readString(UPSTREAM), Files.readString(OVERLAY));
    String second = EffectiveSpec.build(Files.readString(UPSTREAM), Files.readString(OVERLAY));
    assertThat(second).isEqualTo(first);
    assertThat(first).doesNotContain("\r").doesNotContain("\n---");
  }

  @Test
  void theYamlReadsBackAsTheOverlaidDocument() throws IOException {
    ObjectNode document = (ObjectNode) new ObjectMapper().readTree(Files.readString(UPSTREAM));
    Overlay.parse(YAML.readTree(Files.readString(OVERLAY))).applyTo(document);
    assertThat(spec).isEqualTo(document);
  }

  @Test
  void everyActionOfTheOverlaySaysWhyItExists() throws IOException {
    JsonNode actions = YAML.readTree(Files.readString(OVERLAY)).get("actions");
    assertThat(actions).isNotEmpty();
    for (JsonNode action : actions) {
      assertThat(action.path("description").asText("").strip())
          .as("description of the overlay action targeting %s", action.path("target").asText())
          .hasSizeGreaterThan(20);
    }
  }

  @Test
  void theSpecHasEveryUpstreamOperationAndTheLocationOperations() {
    List<String> expected = new ArrayList<>(operations(upstream));
    expected.addAll(
        List.of(
            "GET /locations list_locations",
            "GET /locations/default get_default_location",
            "PUT /locations/default set_default_location"));
    assertThat(operations(spec)).containsAll(expected);
    Set<String> ids = new TreeSet<>();
    operations(spec).forEach(op -> ids.add(op.substring(op.lastIndexOf(' ') + 1)));
    assertThat(ids).as("operationIds are unique").hasSize(operations(spec).size());
  }

  @Test
  void theLocationOperationsAreAccountOperationsWithTheLiveShapes() {
    assertThat(at("/paths/~1locations/get/responses/200/content/application~1json/schema"))
        .isEqualTo(
            YAML.createObjectNode()
                .put("type", "array")
                .set(
                    "items",
                    YAML.createObjectNode().put("$ref", "#/components/schemas/LocationInfo")));
    assertThat(
            at("/paths/~1locations~1default/get/responses/200/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/LocationInfo");
    assertThat(
            at("/paths/~1locations~1default/put/requestBody/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/LocationName");
    assertThat(at("/paths/~1locations~1default/put/requestBody/required").asBoolean()).isTrue();
    assertThat(
            at("/paths/~1locations~1default/put/responses/200/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/LocationInfo");
    for (String op :
        List.of(
            "/paths/~1locations/get",
            "/paths/~1locations~1default/get",
            "/paths/~1locations~1default/put")) {
      assertThat(at(op + "/tags").get(0).asText()).isEqualTo("locations");
    }
    assertThat(spec.at("/paths/~1locations/servers").isMissingNode())
        .as("served by the account endpoint")
        .isTrue();
    assertThat(spec.get("tags").findValuesAsText("name")).contains("locations");
    assertThat(at("/components/schemas/LocationName/minLength").asInt()).isEqualTo(1);
    assertThat(at("/components/schemas/LocationName/maxLength").asInt()).isEqualTo(64);
    assertThat(at("/components/schemas/LocationName/type").asText()).isEqualTo("string");
    assertThat(at("/components/schemas/LocationInfo/required").toString())
        .isEqualTo("[\"name\",\"is_private\"]");
    assertThat(at("/components/schemas/LocationInfo/properties/is_private/type").asText())
        .isEqualTo("boolean");
  }

  @Test
  void basinsHaveAnOptionalLocationAndNoScope() {
    for (String schema : List.of("BasinInfo", "CreateBasinRequest", "EnsureBasinRequest")) {
      JsonNode properties = at("/components/schemas/" + schema + "/properties");
      assertThat(properties.has("scope")).as("%s has no scope", schema).isFalse();
      assertThat(properties.at("/location/oneOf/0/type").asText()).isEqualTo("null");
      assertThat(properties.at("/location/oneOf/1/$ref").asText())
          .isEqualTo("#/components/schemas/LocationName");
      assertThat(spec.at("/components/schemas/" + schema + "/required").toString())
          .doesNotContain("location");
    }
    assertThat(spec.at("/components/schemas/BasinScope").isMissingNode()).isTrue();
    assertThat(packaged).doesNotContain("BasinScope");
  }

  @Test
  void secretsAreMarkedSoThatGeneratedCodeMasksThem() {
    assertThat(
            at("/components/schemas/IssueAccessTokenResponse/properties/access_token/format")
                .asText())
        .isEqualTo("password");
    for (String method : List.of("get", "post")) {
      List<String> formats = new ArrayList<>();
      for (JsonNode parameter :
          at("/paths/~1streams~1{stream}~1records/" + method + "/parameters")) {
        if (parameter.path("name").asText().equals("s2-encryption-key")) {
          formats.add(parameter.at("/schema/format").asText());
        }
      }
      assertThat(formats).as("s2-encryption-key of %s records", method).containsExactly("password");
    }
  }

  @Test
  void ensureAndCreateResponsesDeclareTheProvisionResult() {
    for (String response :
        List.of(
            "/paths/~1basins~1{basin}/put/responses/200",
            "/paths/~1basins~1{basin}/put/responses/201",
            "/paths/~1streams~1{stream}/put/responses/200",
            "/paths/~1streams~1{stream}/put/responses/201",
            "/paths/~1basins/post/responses/200",
            "/paths/~1basins/post/responses/201",
            "/paths/~1streams/post/responses/201")) {
      assertThat(at(response + "/headers/s2-provision-result/$ref").asText())
          .as(response)
          .isEqualTo("#/components/headers/S2ProvisionResult");
    }
    assertThat(at("/components/headers/S2ProvisionResult/required").asBoolean()).isFalse();
    assertThat(at("/components/headers/S2ProvisionResult/schema/$ref").asText())
        .isEqualTo("#/components/schemas/ProvisionResult");
    assertThat(at("/components/schemas/ProvisionResult/enum").toString())
        .isEqualTo("[\"created\",\"updated\",\"noop\"]");
  }

  @Test
  void accountOperationsGoToTheLiveAccountHostAndBasinOperationsToTheBasinHost() {
    assertThat(at("/servers/0/url").asText()).isEqualTo("https://a.s2.dev/v1");
    assertThat(spec.get("servers")).hasSize(1);
    assertThat(at("/paths/~1streams/servers/0/url").asText())
        .isEqualTo("https://{basin}.b.s2.dev/v1");
  }

  @Test
  void tokensCanBeScopedToTheLocationOperations() {
    List<String> values = new ArrayList<>();
    at("/components/schemas/Operation/enum").forEach(v -> values.add(v.asText()));
    assertThat(values)
        .endsWith("list-locations", "get-default-location", "set-default-location")
        .doesNotHaveDuplicates();
  }

  @Test
  void theLiveApiConflictsAndPingTailAreDeclared() {
    for (String op :
        List.of(
            "/paths/~1basins~1{basin}/get",
            "/paths/~1basins~1{basin}/put",
            "/paths/~1basins~1{basin}/delete",
            "/paths/~1streams~1{stream}/delete")) {
      assertThat(at(op + "/responses/409/content/application~1json/schema/$ref").asText())
          .isEqualTo("#/components/schemas/ErrorInfo");
    }
    assertThat(at("/components/schemas/PingEventData/required").toString())
        .isEqualTo("[\"timestamp\",\"tail\"]");
    assertThat(at("/components/schemas/PingEventData/properties/tail/$ref").asText())
        .isEqualTo("#/components/schemas/StreamPosition");
  }
}
