package dev.s2.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A list operation of the spec that pages like S2's: a GET with {@code prefix}, {@code start_after} and
 * {@code limit} query parameters answering an object with one array of keyed items and a {@code has_more} flag.
 * The items come from the operation's derived stubs: one item for each distinct item the stubs hold, each given
 * a unique key named after the stub's scenario.
 */
final class PagedCollection {
  static final String PREFIX = "prefix";
  static final String START_AFTER = "start_after";
  static final String LIMIT = "limit";
  static final String HAS_MORE = "has_more";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ApiOperation operation;
  private final String arrayProperty;
  private final String keyProperty;
  private final int minLimit;
  private final int maxLimit;
  private final List<ObjectNode> items;

  private PagedCollection(ApiOperation operation, String arrayProperty, String keyProperty, int minLimit,
      int maxLimit, List<ObjectNode> items) {
    this.operation = operation;
    this.arrayProperty = arrayProperty;
    this.keyProperty = keyProperty;
    this.minLimit = minLimit;
    this.maxLimit = maxLimit;
    this.items = items;
  }

  /** The paged list operations of a spec, each with its items drawn from the derived stubs. */
  static List<PagedCollection> of(OpenAPI api, List<DerivedStub> stubs) {
    RefResolver refs = new RefResolver(api);
    List<PagedCollection> out = new ArrayList<>();
    for (ApiOperation operation : ApiOperation.of(api)) {
      detect(refs, operation, stubs).ifPresent(out::add);
    }
    return out;
  }

  ApiOperation operation() {
    return operation;
  }

  /** The keys of every item, in order. */
  List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (ObjectNode item : items) {
      keys.add(item.get(keyProperty).asText());
    }
    return keys;
  }

  /** The smallest and largest {@code limit} the spec allows. */
  int minLimit() {
    return minLimit;
  }

  int maxLimit() {
    return maxLimit;
  }

  /**
   * One page: the items whose key starts with {@code prefix} and sorts after {@code startAfter}, at most
   * {@code min(limit, pageCap)} of them; {@code limit} 0 means the spec's maximum.
   */
  ObjectNode page(String prefix, String startAfter, int limit, int pageCap) {
    int size = Math.min(limit == 0 ? maxLimit : limit, pageCap);
    ArrayNode page = JSON.arrayNode();
    boolean more = false;
    for (ObjectNode item : items) {
      String key = item.get(keyProperty).asText();
      if (!key.startsWith(prefix) || key.compareTo(startAfter) <= 0) {
        continue;
      }
      if (page.size() == size) {
        more = true;
        break;
      }
      page.add(item.deepCopy());
    }
    ObjectNode body = JSON.objectNode();
    body.set(arrayProperty, page);
    body.put(HAS_MORE, more);
    return body;
  }

  private static Optional<PagedCollection> detect(RefResolver refs, ApiOperation operation, List<DerivedStub> stubs) {
    if (!operation.method().equals("GET") || !operation.responseKeys().contains("200")) {
      return Optional.empty();
    }
    Map<String, Schema<?>> query = new LinkedHashMap<>();
    if (operation.operation().getParameters() != null) {
      for (Parameter p : operation.operation().getParameters()) {
        Parameter resolved = refs.parameter(p);
        if ("query".equals(resolved.getIn()) && resolved.getSchema() != null) {
          query.put(resolved.getName(), refs.schema(resolved.getSchema()));
        }
      }
    }
    if (!query.keySet().containsAll(List.of(PREFIX, START_AFTER, LIMIT))) {
      return Optional.empty();
    }
    ApiResponse ok = refs.response(operation.operation().getResponses().get("200"));
    MediaType media = ok.getContent() == null ? null : ok.getContent().get("application/json");
    if (media == null || media.getSchema() == null) {
      return Optional.empty();
    }
    Schema<?> body = refs.schema(media.getSchema());
    if (!RefResolver.properties(body).containsKey(HAS_MORE)) {
      return Optional.empty();
    }
    String arrayProperty = null;
    Schema<?> itemSchema = null;
    for (Map.Entry<String, Schema<?>> property : RefResolver.properties(body).entrySet()) {
      Schema<?> resolved = refs.schema(property.getValue());
      if (SchemaSynthesizer.types(resolved).contains("array") && resolved.getItems() != null) {
        arrayProperty = property.getKey();
        itemSchema = refs.schema(resolved.getItems());
      }
    }
    if (arrayProperty == null || RefResolver.properties(itemSchema).isEmpty()) {
      return Optional.empty();
    }
    String keyProperty = keyProperty(refs, itemSchema);
    if (keyProperty == null) {
      return Optional.empty();
    }
    Schema<?> keySchema = refs.schema(RefResolver.properties(itemSchema).get(keyProperty));
    Schema<?> limit = query.get(LIMIT);
    int minLimit = limit.getMinimum() == null ? 0 : limit.getMinimum().intValue();
    int maxLimit = limit.getMaximum() == null ? 1000 : limit.getMaximum().min(BigDecimal.valueOf(100_000)).intValue();
    List<ObjectNode> items = items(operation, stubs, arrayProperty, keyProperty, keySchema);
    return Optional.of(new PagedCollection(operation, arrayProperty, keyProperty, minLimit, maxLimit, items));
  }

  /** The required string property that keys the items: {@code id} or {@code name} when present, else the first. */
  private static String keyProperty(RefResolver refs, Schema<?> itemSchema) {
    List<String> candidates = new ArrayList<>();
    for (Map.Entry<String, Schema<?>> property : RefResolver.properties(itemSchema).entrySet()) {
      boolean required = itemSchema.getRequired() != null && itemSchema.getRequired().contains(property.getKey());
      if (required && SchemaSynthesizer.types(refs.schema(property.getValue())).contains("string")) {
        candidates.add(property.getKey());
      }
    }
    for (String preferred : List.of("id", "name")) {
      if (candidates.contains(preferred)) {
        return preferred;
      }
    }
    return candidates.isEmpty() ? null : candidates.get(0);
  }

  /** Distinct items of the 200 stubs (compared without their key), keyed after the scenario that made them. */
  private static List<ObjectNode> items(ApiOperation operation, List<DerivedStub> stubs, String arrayProperty,
      String keyProperty, Schema<?> keySchema) {
    int maxLength = keySchema.getMaxLength() == null ? 96 : keySchema.getMaxLength();
    int minLength = keySchema.getMinLength() == null ? 1 : keySchema.getMinLength();
    String itemPath = "$." + arrayProperty + "[0]";
    Set<JsonNode> seen = new HashSet<>();
    Set<String> keys = new HashSet<>();
    List<ObjectNode> items = new ArrayList<>();
    for (DerivedStub stub : stubs) {
      if (stub.operation().path().equals(operation.path()) && stub.operation().method().equals(operation.method())
          && stub.responseKey().equals("200") && stub.json() != null && stub.json().get(arrayProperty) != null) {
        String scenario = stub.scenario().startsWith(itemPath) ? stub.scenario().substring(itemPath.length()) : "typical";
        for (JsonNode item : stub.json().get(arrayProperty)) {
          if (!item.isObject()) {
            continue;
          }
          ObjectNode withoutKey = ((ObjectNode) item).deepCopy();
          withoutKey.remove(keyProperty);
          if (!seen.add(withoutKey)) {
            continue;
          }
          String key = uniqueKey(slug(scenario), minLength, maxLength, keys);
          ObjectNode keyed = ((ObjectNode) item).deepCopy();
          keyed.put(keyProperty, key);
          items.add(keyed);
        }
      }
    }
    items.sort(Comparator.comparing(item -> item.get(keyProperty).asText()));
    return items;
  }

  /**
   * A readable key from a scenario relative to the item: {@code .scope.ops[0]: = "append"} becomes
   * {@code scope/ops/append}, {@code .expires_at: null} becomes {@code expires_at/null}.
   */
  static String slug(String scenario) {
    int colon = scenario.indexOf(": ");
    String path = colon < 0 ? "" : scenario.substring(0, colon);
    String change = colon < 0 ? scenario : scenario.substring(colon + 2);
    List<String> parts = new ArrayList<>();
    for (String segment : path.split("[.\\[\\]]+")) {
      if (!segment.isEmpty() && !segment.matches("[0-9]+")) {
        parts.add(segment);
      }
    }
    String changeSlug = change.toLowerCase(Locale.ROOT).replaceFirst("^= ", "")
        .replaceAll("[^a-z0-9_]+", "-").replaceAll("^-|-$", "");
    if (!parts.isEmpty()) {
      // "empty string (variant prefix)" at ".streams.prefix": the path already names the variant.
      changeSlug = changeSlug.replaceFirst("-variant-" + java.util.regex.Pattern.quote(parts.get(parts.size() - 1)) + "$", "");
    }
    if (!changeSlug.isEmpty()) {
      parts.add(changeSlug);
    }
    return parts.isEmpty() ? "item" : String.join("/", parts);
  }

  private static String uniqueKey(String slug, int minLength, int maxLength, Set<String> taken) {
    String base = slug.length() > maxLength ? slug.substring(0, maxLength) : slug;
    String key = base;
    for (int n = 2; taken.contains(key) || key.length() < minLength; n++) {
      String suffix = "-" + n;
      key = (base.length() + suffix.length() > maxLength ? base.substring(0, maxLength - suffix.length()) : base) + suffix;
    }
    taken.add(key);
    return key;
  }
}
