package dev.s2.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The stubs derived from the S2 spec hold every choice the spec offers, each in a stub of its own.
 */
class DerivedStubsTest {
  private static final List<DerivedStub> STUBS = S2Stubs.all();
  private static final OpenAPI SPEC = SpecDocument.load();

  @Test
  void everyDeclaredResponseOfEveryOperationHasStubsAnsweringItsStatus() {
    List<String> missing = new ArrayList<>();
    for (ApiOperation operation : ApiOperation.of(SPEC)) {
      for (String key : operation.responseKeys()) {
        List<DerivedStub> stubs =
            STUBS.stream()
                .filter(
                    s ->
                        s.operationId().equals(operation.operationId())
                            && s.responseKey().equals(key))
                .toList();
        if (stubs.isEmpty()) {
          missing.add(operation.describe() + " " + key);
        }
        assertThat(stubs).allSatisfy(s -> assertThat(s.status()).isEqualTo(Integer.parseInt(key)));
      }
    }
    assertThat(missing).isEmpty();
    System.out.println("derived stubs: " + STUBS.size());
  }

  @Test
  void stubNamesAreUniqueAndDerivationIsDeterministic() {
    Set<String> names = new HashSet<>();
    assertThat(STUBS)
        .allSatisfy(s -> assertThat(names.add(s.name())).as("unique name %s", s.name()).isTrue());
    assertThat(StubDeriver.s2().stream().map(DerivedStub::body).toList())
        .isEqualTo(STUBS.stream().map(DerivedStub::body).toList());
  }

  @Test
  void listBodiesCoverEmptyListMaxItemsAndBothHasMoreValues() {
    List<JsonNode> bodies = bodies("list_access_tokens", "200");
    assertThat(bodies).anyMatch(b -> b.get("access_tokens").isEmpty());
    assertThat(bodies).anyMatch(b -> b.get("access_tokens").size() == 1000);
    assertThat(bodies).noneMatch(b -> b.get("access_tokens").size() > 1000);
    assertThat(bodies).anyMatch(b -> b.get("has_more").asBoolean());
    assertThat(bodies).anyMatch(b -> !b.get("has_more").asBoolean());
  }

  @Test
  void everyOperationEnumValueOfTheSpecAppearsInAToken() {
    Schema<?> operation = SPEC.getComponents().getSchemas().get("Operation");
    List<String> values = operation.getEnum().stream().map(Object::toString).toList();
    Set<String> served =
        bodies("list_access_tokens", "200").stream()
            .flatMap(b -> tokens(b).stream())
            .flatMap(t -> stream(t.path("scope").path("ops")))
            .map(JsonNode::asText)
            .collect(Collectors.toSet());
    assertThat(served).containsAll(values).hasSize(values.size());
  }

  @Test
  void optionalFieldsArePresentAndAbsentAndNullablesAreNull() {
    List<JsonNode> tokens =
        bodies("list_access_tokens", "200").stream().flatMap(b -> tokens(b).stream()).toList();
    for (String field : List.of("auto_prefix_streams", "expires_at")) {
      assertThat(tokens)
          .as(field + " present")
          .anyMatch(t -> t.has(field) && !t.get(field).isNull());
      assertThat(tokens).as(field + " absent").anyMatch(t -> !t.has(field));
    }
    assertThat(tokens)
        .as("expires_at null")
        .anyMatch(t -> t.has("expires_at") && t.get("expires_at").isNull());
    for (String field : List.of("access_tokens", "basins", "streams", "op_groups", "ops")) {
      assertThat(tokens).as("scope." + field + " absent").anyMatch(t -> !t.get("scope").has(field));
      assertThat(tokens)
          .as("scope." + field + " null")
          .anyMatch(t -> t.get("scope").has(field) && t.get("scope").get(field).isNull());
    }
    assertThat(tokens).as("id of maxLength 96").anyMatch(t -> t.get("id").asText().length() == 96);
    assertThat(tokens).as("id of minLength 1").anyMatch(t -> t.get("id").asText().length() == 1);
  }

  @Test
  void everyOneOfVariantOfResourceSetAppearsWithAnEmptyStringToo() {
    List<JsonNode> tokens =
        bodies("list_access_tokens", "200").stream().flatMap(b -> tokens(b).stream()).toList();
    for (String field : List.of("access_tokens", "basins", "streams")) {
      for (String variant : List.of("exact", "prefix")) {
        Predicate<JsonNode> hasVariant = t -> t.get("scope").path(field).has(variant);
        assertThat(tokens).as("scope.%s.%s", field, variant).anyMatch(hasVariant);
        assertThat(tokens)
            .as("scope.%s.%s empty", field, variant)
            .anyMatch(
                t ->
                    hasVariant.test(t)
                        && t.get("scope").get(field).get(variant).asText().isEmpty());
        assertThat(tokens)
            .as("never both variants")
            .noneMatch(t -> t.get("scope").path(field).size() > 1);
      }
    }
  }

  @Test
  void errorBodiesCarryCodeAndMessageWithBoundaryValues() {
    for (String status : List.of("400", "403", "408")) {
      List<JsonNode> bodies = bodies("list_access_tokens", status);
      assertThat(bodies).allSatisfy(b -> assertThat(b.has("code") && b.has("message")).isTrue());
      assertThat(bodies).anyMatch(b -> b.get("code").asText().isEmpty());
      assertThat(bodies)
          .anyMatch(b -> b.get("message").asText().equals(SchemaSynthesizer.NON_ASCII));
    }
  }

  @Test
  void theEventStreamOfAReadIsFramedAsS2FramesIt() {
    List<DerivedStub> sse =
        STUBS.stream()
            .filter(
                s -> s.operationId().equals("read") && SseFraming.isEventStream(s.contentType()))
            .toList();
    assertThat(sse.get(0).scenario()).isEqualTo("text/event-stream typical session");
    assertThat(sse.get(0).body())
        .isEqualTo(
            """
        event: batch
        id: 1,1,49
        data: {"records":[{"body":"sample-body","headers":[["sample-headers","sample-headers"]],\
        "seq_num":1,"timestamp":1}],"tail":{"seq_num":1,"timestamp":1}}

        event: ping
        data: {"timestamp":1,"tail":{"seq_num":1,"timestamp":1}}

        event: batch
        id: 2,2,98
        data: {"records":[{"body":"sample-body","headers":[["sample-headers","sample-headers"]],\
        "seq_num":2,"timestamp":1}],"tail":{"seq_num":1,"timestamp":1}}

        data: [DONE]

        """);
    assertThat(sse)
        .allSatisfy(
            s -> {
              List<SseFraming.Event> events = SseFraming.parse(s.body());
              SseFraming.Event last = events.get(events.size() - 1);
              assertThat(last.isDone() || last.name().equals("error")).as(s.name()).isTrue();
            });
    assertThat(sse)
        .extracting(s -> SseFraming.parse(s.body()).get(0).name())
        .contains("batch", "ping", "error");
    assertThat(sse)
        .as("no batch without records: S2 sends none")
        .noneMatch(s -> s.body().contains("\"records\":[]"));
  }

  @Test
  void metricPointsAreTuplesOfEpochSecondsAndValue() {
    List<JsonNode> gauges =
        bodies("account_metrics", "200").stream()
            .map(b -> b.path("values").path(0).path("gauge"))
            .filter(g -> !g.isMissingNode())
            .toList();

    assertThat(gauges)
        .extracting(g -> g.get("values").toString())
        .contains("[[1,1.5]]", "[[0,1.5]]", "[[1,0.0]]", "[]");
  }

  private static List<JsonNode> bodies(String operationId, String responseKey) {
    return STUBS.stream()
        .filter(s -> s.operationId().equals(operationId) && s.responseKey().equals(responseKey))
        .map(DerivedStub::json)
        .toList();
  }

  private static List<JsonNode> tokens(JsonNode body) {
    return stream(body.get("access_tokens")).toList();
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out.stream();
  }
}
