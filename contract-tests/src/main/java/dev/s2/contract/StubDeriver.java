package dev.s2.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives WireMock stubs from a spec: for every operation and every declared response, one stub per
 * body that the spec's examples give and that {@link SchemaSynthesizer} derives from the response
 * schema. Nothing here knows any operation: a new operation or response code in the spec yields new
 * stubs.
 */
final class StubDeriver {
  private final OpenAPI api;
  private final RefResolver refs;

  StubDeriver(OpenAPI api) {
    this.api = api;
    this.refs = new RefResolver(api);
  }

  /** The stubs of the S2 spec. */
  static List<DerivedStub> s2() {
    return new StubDeriver(SpecDocument.load()).derive();
  }

  /** Every stub of the spec, grouped by operation and response in spec order. */
  List<DerivedStub> derive() {
    List<DerivedStub> out = new ArrayList<>();
    for (ApiOperation operation : ApiOperation.of(api)) {
      for (String key : operation.responseKeys()) {
        out.addAll(derive(operation, key));
      }
    }
    return out;
  }

  private List<DerivedStub> derive(ApiOperation operation, String responseKey) {
    ApiResponse response = refs.response(operation.operation().getResponses().get(responseKey));
    int status = operation.statusFor(responseKey);
    Map<String, String> headers = headers(response);
    List<DerivedStub> out = new ArrayList<>();
    if (response.getContent() == null || response.getContent().isEmpty()) {
      out.add(
          new DerivedStub(operation, responseKey, status, "no content", null, null, null, headers));
      return out;
    }
    for (Map.Entry<String, MediaType> media : response.getContent().entrySet()) {
      String contentType = media.getKey();
      boolean json = contentType.contains("json");
      if (SseFraming.isEventStream(contentType)) {
        for (Map.Entry<String, String> session : sessions(media.getValue()).entrySet()) {
          String scenario =
              response.getContent().size() > 1
                  ? contentType + " " + session.getKey()
                  : session.getKey();
          out.add(
              new DerivedStub(
                  operation,
                  responseKey,
                  status,
                  scenario,
                  contentType,
                  session.getValue(),
                  null,
                  headers));
        }
        continue;
      }
      for (Map.Entry<String, JsonNode> body : bodies(media.getValue()).entrySet()) {
        JsonNode value = body.getValue();
        String text = json || !value.isTextual() ? value.toString() : value.asText();
        String scenario =
            response.getContent().size() > 1 ? contentType + " " + body.getKey() : body.getKey();
        out.add(
            new DerivedStub(
                operation,
                responseKey,
                status,
                scenario,
                contentType,
                text,
                json ? value : null,
                headers));
      }
    }
    return out;
  }

  /**
   * The bodies of a media type by scenario name: its examples first, then the values synthesised
   * from its schema.
   */
  private Map<String, JsonNode> bodies(MediaType media) {
    Map<String, JsonNode> byScenario = new LinkedHashMap<>();
    if (media.getExamples() != null) {
      for (Map.Entry<String, Example> example : media.getExamples().entrySet()) {
        Example resolved = example.getValue();
        if (resolved.get$ref() != null) {
          String name = resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1);
          resolved = api.getComponents().getExamples().get(name);
        }
        if (resolved != null && resolved.getValue() != null) {
          byScenario.put(
              "example " + example.getKey(), SchemaSynthesizer.toJson(resolved.getValue()));
        }
      }
    }
    if (media.getExample() != null) {
      byScenario.put("example", SchemaSynthesizer.toJson(media.getExample()));
    }
    if (media.getSchema() != null) {
      for (Variant variant : new SchemaSynthesizer(refs).variants(media.getSchema(), null)) {
        if (!byScenario.containsValue(variant.value())) {
          byScenario.put(variant.describe(), variant.value());
        }
      }
    }
    return byScenario;
  }

  /**
   * The event streams of an SSE response by scenario name ({@link SseFraming}): a typical session
   * (the typical event of each kind but the error, then the first again with the records that
   * follow its own, so that batch ids count over the session), then each other value of the event
   * schema in a session of its own; sessions S2 would not send (a batch without records) are left
   * out.
   */
  private Map<String, String> sessions(MediaType media) {
    Map<String, String> byScenario = new LinkedHashMap<>();
    if (media.getSchema() == null) {
      return byScenario;
    }
    List<Variant> events = new SchemaSynthesizer(refs).variants(media.getSchema(), null);
    Map<String, JsonNode> firstOfKind = new LinkedHashMap<>();
    for (Variant event : events) {
      firstOfKind.putIfAbsent(event.value().path("event").asText(), event.value());
    }
    List<JsonNode> typical = new ArrayList<>();
    firstOfKind.forEach(
        (kind, event) -> {
          if (!kind.equals(SseFraming.ERROR_EVENT)) {
            typical.add(event);
          }
        });
    if (!typical.isEmpty()) {
      typical.add(following(typical.get(0)));
    }
    List<SseFraming.Event> session = SseFraming.session(typical);
    if (session != null) {
      byScenario.put("typical session", SseFraming.frame(session));
    }
    for (Variant event : events) {
      List<SseFraming.Event> alone = SseFraming.session(List.of(event.value()));
      String scenario = event.isTypical() ? "typical event" : event.describe();
      if (alone != null && !byScenario.containsValue(SseFraming.frame(alone))) {
        byScenario.put(scenario, SseFraming.frame(alone));
      }
    }
    return byScenario;
  }

  /**
   * The event again, its records (if any) numbered on from its last one, as the next batch of a
   * session holds.
   */
  private static JsonNode following(JsonNode event) {
    JsonNode next = event.deepCopy();
    JsonNode records = next.path("data").path("records");
    if (records.isArray() && !records.isEmpty()) {
      long seqNum = records.get(records.size() - 1).path("seq_num").asLong();
      for (JsonNode record : records) {
        ((ObjectNode) record).put("seq_num", ++seqNum);
      }
    }
    return next;
  }

  /** Declared response headers (but Content-Type) with the typical value of their schema. */
  private Map<String, String> headers(ApiResponse response) {
    Map<String, String> out = new LinkedHashMap<>();
    if (response.getHeaders() == null) {
      return out;
    }
    for (Map.Entry<String, Header> header : response.getHeaders().entrySet()) {
      if (header.getKey().equalsIgnoreCase("Content-Type")
          || header.getValue().getSchema() == null) {
        continue;
      }
      JsonNode value =
          new SchemaSynthesizer(refs)
              .variants(header.getValue().getSchema(), header.getKey())
              .get(0)
              .value();
      out.put(header.getKey(), value.isTextual() ? value.asText() : value.toString());
    }
    return out;
  }
}
