package dev.s2.spec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Overlay 1.0 semantics, and the staleness checks that fail the build. */
class OverlayTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final String DOCUMENT =
      """
      openapi: 3.1.0
      tags:
        - name: basins
      paths:
        /basins:
          get:
            operationId: list_basins
            parameters:
              - {name: prefix, in: query}
              - {name: s2-a, in: header}
              - {name: limit, in: query}
              - {name: s2-b, in: header}
              - {name: s2-c, in: header}
          post:
            operationId: create_basin
            parameters:
              - {name: s2-request-token, in: header}
      components:
        schemas:
          Operation:
            type: string
            enum: [list-basins, create-basin]
          BasinInfo:
            type: object
            required: [name]
            properties:
              name: {type: string, maxLength: 48}
              scope: {type: string}
      """;

  static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode apply(String actions) {
    ObjectNode document = (ObjectNode) yaml(DOCUMENT);
    Overlay.parse(yaml("overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n" + actions))
        .applyTo(document);
    return document;
  }

  static ObjectNode untouched() {
    return (ObjectNode) yaml(DOCUMENT);
  }

  @Test
  void anUpdateMergesRecursivelyReplacingPrimitivesAndAddingWhatIsNew() {
    ObjectNode result =
        apply(
            """
        - target: $.components.schemas.BasinInfo
          update:
            description: A basin.
            properties:
              name: {maxLength: 64, pattern: '^[a-z]+$'}
        """);
    ObjectNode expected = untouched();
    ObjectNode info = (ObjectNode) expected.at("/components/schemas/BasinInfo");
    info.put("description", "A basin.");
    ((ObjectNode) info.at("/properties/name")).put("maxLength", 64).put("pattern", "^[a-z]+$");
    assertThat(result).isEqualTo(expected);
  }

  @Test
  void anArrayInsideAnUpdateIsConcatenated() {
    ObjectNode result =
        apply(
            """
        - target: $.components.schemas.Operation
          update:
            enum: [list-locations, get-default-location]
        """);
    assertThat(result.at("/components/schemas/Operation/enum"))
        .isEqualTo(yaml("[list-basins, create-basin, list-locations, get-default-location]"));
  }

  @Test
  void anUpdateOfAnArrayAppendsItAsOneEntry() {
    ObjectNode result =
        apply(
            """
        - target: $.tags
          update: {name: locations, description: Manage locations}
        """);
    assertThat(result.get("tags"))
        .isEqualTo(yaml("[{name: basins}, {name: locations, description: Manage locations}]"));
  }

  @Test
  void anUpdateAppliesToEveryNodeTheTargetSelects() {
    ObjectNode result =
        apply(
            """
        - target: "$.paths['/basins'][*].parameters[?(@.in == 'header')]"
          update: {schema: {format: password}}
        """);
    assertThat(result.at("/paths/~1basins/get/parameters").findValuesAsText("format")).hasSize(3);
    assertThat(result.at("/paths/~1basins/get/parameters/1/schema/format").asText())
        .isEqualTo("password");
    assertThat(result.at("/paths/~1basins/get/parameters/0").has("schema")).isFalse();
    assertThat(result.at("/paths/~1basins/post/parameters/0/schema/format").asText())
        .isEqualTo("password");
  }

  @Test
  void severalMembersNamedAtTheEndOfATargetAreEachUpdated() {
    ObjectNode result =
        apply(
            """
        - target: "$.paths['/basins']['get','post']"
          update: {x-paged: true}
        """);
    assertThat(result.at("/paths/~1basins/get/x-paged").asBoolean()).isTrue();
    assertThat(result.at("/paths/~1basins/post/x-paged").asBoolean()).isTrue();
  }

  @Test
  void removeDeletesAnObjectMember() {
    ObjectNode result =
        apply(
            """
        - target: $.components.schemas.BasinInfo.properties.scope
          remove: true
        """);
    ObjectNode expected = untouched();
    ((ObjectNode) expected.at("/components/schemas/BasinInfo/properties")).remove("scope");
    assertThat(result).isEqualTo(expected);
  }

  @Test
  void removeDeletesEverySelectedArrayEntryWithoutShiftingTheOthers() {
    ObjectNode result =
        apply(
            """
        - target: "$.paths['/basins'].get.parameters[?(@.in == 'header')]"
          remove: true
        """);
    assertThat(result.at("/paths/~1basins/get/parameters"))
        .isEqualTo(yaml("[{name: prefix, in: query}, {name: limit, in: query}]"));
  }

  @Test
  void actionsApplyInOrderEachToTheResultOfThePreviousOne() {
    ObjectNode result =
        apply(
            """
        - target: $.components.schemas.BasinInfo.properties.scope
          remove: true
        - target: $.components.schemas.BasinInfo.properties
          update:
            scope: {type: integer}
        """);
    assertThat(result.at("/components/schemas/BasinInfo/properties/scope"))
        .isEqualTo(yaml("{type: integer}"));
  }

  @Test
  void aTargetThatMatchesNothingFailsNamingTheAction() {
    assertThatThrownBy(
            () ->
                apply(
                    """
        - target: $.tags
          description: fine
          update: {name: locations}
        - target: $.components.schemas.BasinScope
          description: the upstream spec dropped it
          remove: true
        """))
        .isInstanceOf(OverlayException.class)
        .hasMessageStartingWith(
            "overlay action 2 (target $.components.schemas.BasinScope) is stale: its target"
                + " matches nothing in the spec.");
  }

  @Test
  void aFilterThatMatchesNothingFailsToo() {
    assertThatThrownBy(
            () ->
                apply(
                    """
        - target: "$.paths['/basins'].get.parameters[?(@.name == 's2-encryption-key')]"
          update: {schema: {format: password}}
        """))
        .isInstanceOf(OverlayException.class)
        .hasMessageContaining(
            "overlay action 1 (target $.paths['/basins'].get.parameters[?(@.name =="
                + " 's2-encryption-key')]) is stale: its target matches nothing");
  }

  @Test
  void anUpdateThatChangesNothingIsStale() {
    assertThatThrownBy(
            () ->
                apply(
                    """
        - target: $.components.schemas.BasinInfo.properties.name
          update: {maxLength: 48}
        """))
        .isInstanceOf(OverlayException.class)
        .hasMessageStartingWith(
            "overlay action 1 (target $.components.schemas.BasinInfo.properties.name) is stale:"
                + " it changes nothing at $['components']['schemas']['BasinInfo']['properties']['name']");
  }

  @Test
  void appendingAnEntryTheArrayAlreadyHoldsIsStale() {
    assertThatThrownBy(
            () ->
                apply(
                    """
        - target: $.components.schemas.Operation
          update:
            enum: [list-locations, create-basin]
        """))
        .isInstanceOf(OverlayException.class)
        .hasMessageStartingWith(
            "overlay action 1 (target $.components.schemas.Operation) is stale: it appends"
                + " \"create-basin\" to $['components']['schemas']['Operation']['enum'], which already holds it.");
  }

  @Test
  void aMissingMemberNamedAtTheEndOfATargetFails() {
    assertThatThrownBy(
            () ->
                apply(
                    """
        - target: "$.paths['/basins']['get','put']"
          update: {x-paged: true}
        """))
        .isInstanceOf(OverlayException.class)
        .hasMessage(
            "overlay action 1 (target $.paths['/basins']['get','put']): $['paths']['/basins'] has no member"
                + " 'put'");
  }

  @Test
  void aTargetMustSelectObjectsOrArrays() {
    assertThatThrownBy(
            () ->
                apply(
                    """
        - target: $.components.schemas.BasinInfo.type
          update: {x: 1}
        """))
        .isInstanceOf(OverlayException.class)
        .hasMessageContaining(
            "overlay action 1 (target $.components.schemas.BasinInfo.type):"
                + " $['components']['schemas']['BasinInfo']['type'] is the string \"object\"; a target must select"
                + " objects or arrays");
  }

  @Test
  void anObjectTargetNeedsAMappingUpdate() {
    assertThatThrownBy(
            () ->
                apply(
                    """
        - target: $.components.schemas.BasinInfo
          update: [1, 2]
        """))
        .isInstanceOf(OverlayException.class)
        .hasMessageContaining("is an object, so update must be a mapping");
  }

  @Test
  void theWholeDocumentCannotBeRemoved() {
    assertThatThrownBy(
            () ->
                apply(
                    """
        - target: $
          remove: true
        """))
        .isInstanceOf(OverlayException.class)
        .hasMessage("overlay action 1 (target $): cannot remove the whole document");
  }

  @Test
  void anInvalidJsonPathFailsNamingTheAction() {
    assertThatThrownBy(
            () ->
                apply(
                    """
        - target: "$.paths[?(@.x ==]"
          remove: true
        """))
        .isInstanceOf(OverlayException.class)
        .hasMessageStartingWith(
            "overlay action 1 (target $.paths[?(@.x ==]): not a valid JSONPath");
  }

  @Test
  void malformedOverlaysAreRefusedWithWhatIsWrong() {
    assertThatThrownBy(
            () ->
                Overlay.parse(yaml("overlay: 2.0.0\ninfo: {title: t, version: '1'}\nactions: []")))
        .isInstanceOf(OverlayException.class)
        .hasMessage("overlay: expected a 1.0.x version, found '2.0.0'");
    assertThatThrownBy(
            () -> Overlay.parse(yaml("overlay: 1.0.0\nactions: [{target: $, remove: true}]")))
        .isInstanceOf(OverlayException.class)
        .hasMessage("info: title and version are required strings");
    assertThatThrownBy(
            () ->
                Overlay.parse(yaml("overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions: []")))
        .isInstanceOf(OverlayException.class)
        .hasMessage("actions: expected a list of at least one action");
    assertThatThrownBy(() -> apply("- target: $.tags\n  updates: {name: x}\n"))
        .isInstanceOf(OverlayException.class)
        .hasMessage(
            "overlay action 1: unknown field 'updates' (expected target, description, update or remove)");
    assertThatThrownBy(() -> apply("- target: tags\n  update: {name: x}\n"))
        .isInstanceOf(OverlayException.class)
        .hasMessage("overlay action 1: target must be a JSONPath expression starting with '$'");
    assertThatThrownBy(() -> apply("- target: $.tags\n  remove: 'yes'\n"))
        .isInstanceOf(OverlayException.class)
        .hasMessage("overlay action 1 (target $.tags): remove must be true or false");
    assertThatThrownBy(() -> apply("- target: $.tags\n  description: nothing to do\n"))
        .isInstanceOf(OverlayException.class)
        .hasMessage("overlay action 1 (target $.tags): expected update, or remove: true");
  }

  @Test
  void extensionsOnAnActionAreAllowed() {
    ObjectNode result =
        apply(
            """
        - target: $.tags
          x-reviewed-by: someone
          update: {name: metrics}
        """);
    assertThat(result.get("tags")).hasSize(2);
  }
}
