package dev.s2.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s2.client.AsyncAutoPager;
import dev.s2.client.AutoPager;
import dev.s2.client.Page;
import dev.s2.client.PagingOptions;
import dev.s2.client.S2Client;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.Method;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A paged list operation of the spec (one whose {@link DerivedDriver.Plan} pages: {@code
 * list_access_tokens}, {@code list_basins}, {@code list_streams}), for the pagination tests: its
 * calls through the client by the same names the derived driver finds ({@code list}, {@code
 * listAll}, {@code listAllAsync}), and pages built from the typical item of its derived stubs with
 * the keys a test needs, valid for the key's schema.
 *
 * @param operation the operation
 * @param driver its derived driver (facade and params class)
 * @param itemsProperty the array of the list response ({@code basins})
 * @param keyProperty the property that keys the items, the cursor ({@code name})
 * @param listSchema the schema of the array, to compare walked items with {@link DecodedValues}
 * @param keySchema the schema of the key
 * @param typicalItem the typical item of the derived 200 stubs
 */
record PagedList(
    ApiOperation operation,
    DerivedDriver driver,
    String itemsProperty,
    String keyProperty,
    Schema<?> listSchema,
    Schema<?> keySchema,
    JsonNode typicalItem) {

  /** The paged list operations of the S2 spec. */
  static List<PagedList> all() {
    DecodedValues values = DecodedValues.s2();
    RefResolver refs = new RefResolver(SpecDocument.load());
    return ContractValidator.s2().operations().stream()
        .filter(o -> RecordDrivers.forOperation(o).isEmpty())
        .map(DerivedDriver::of)
        .filter(d -> d.plan().pageItems() != null)
        .map(
            d -> {
              ApiOperation operation =
                  ContractValidator.s2().operations().stream()
                      .filter(o -> o.operationId().equals(d.plan().operationId()))
                      .findFirst()
                      .orElseThrow();
              Schema<?> list =
                  values
                      .properties(values.responseSchema(operation, "200"))
                      .get(d.plan().pageItems());
              Schema<?> item = refs.schema(list.getItems());
              String key = keyProperty(refs, item);
              JsonNode typical =
                  S2Stubs.all().stream()
                      .filter(
                          s ->
                              s.operationId().equals(operation.operationId())
                                  && s.responseKey().equals("200")
                                  && s.scenario().equals("typical"))
                      .findFirst()
                      .orElseThrow()
                      .json()
                      .get(d.plan().pageItems())
                      .get(0);
              return new PagedList(
                  operation,
                  d,
                  d.plan().pageItems(),
                  key,
                  list,
                  refs.schema(RefResolver.properties(item).get(key)),
                  typical);
            })
        .toList();
  }

  /** The generator's cursor rule: the item's only required string property without a format. */
  private static String keyProperty(RefResolver refs, Schema<?> item) {
    List<String> keys =
        RefResolver.properties(item).entrySet().stream()
            .filter(p -> item.getRequired() != null && item.getRequired().contains(p.getKey()))
            .filter(
                p -> {
                  Schema<?> s = refs.schema(p.getValue());
                  return SchemaSynthesizer.types(s).contains("string") && s.getFormat() == null;
                })
            .map(java.util.Map.Entry::getKey)
            .toList();
    if (keys.size() != 1) {
      throw new IllegalStateException("items without a single key: " + keys);
    }
    return keys.get(0);
  }

  /**
   * A key valid for the key's schema made from a test's name for it ({@code a1}): slashes become
   * hyphens where the schema's pattern refuses them, and {@code 0}s fill it up to the schema's
   * {@code minLength}, so keys of one length keep their order.
   */
  String key(String name) {
    String key = prefix(name);
    int min = keySchema.getMinLength() == null ? 0 : keySchema.getMinLength();
    StringBuilder sb = new StringBuilder(key);
    while (sb.length() < min) {
      sb.append('0');
    }
    key = sb.toString();
    if (keySchema.getPattern() != null
        && !Pattern.compile(keySchema.getPattern()).matcher(key).find()) {
      throw new IllegalStateException(
          operation.operationId()
              + ": key '"
              + key
              + "' (from '"
              + name
              + "') breaks the pattern "
              + keySchema.getPattern());
    }
    return key;
  }

  /** A prefix valid for the keys: slashes become hyphens where the key's pattern refuses them. */
  String prefix(String name) {
    if (keySchema.getPattern() != null
        && !Pattern.compile(keySchema.getPattern()).matcher(name + "x").find()) {
      return name.replace('/', '-');
    }
    return name;
  }

  /** The items with these keys (already made valid by {@link #key}), as a JSON array. */
  ArrayNode items(String... keys) {
    ArrayNode items = JsonNodeFactory.instance.arrayNode();
    for (String key : keys) {
      items.add(((ObjectNode) typicalItem.deepCopy()).put(keyProperty, key));
    }
    return items;
  }

  /** A page body: these items and {@code has_more}. */
  String page(boolean hasMore, String... keys) {
    ObjectNode page = JsonNodeFactory.instance.objectNode();
    page.set(itemsProperty, items(keys));
    page.put(driver.plan().pageFlag(), hasMore);
    return page.toString();
  }

  /** The key of a decoded item, through its accessor. */
  String keyOf(Object item) {
    return (String)
        DerivedDriver.invoke(
            driver.find(item.getClass(), DecodedValues.camelCase(keyProperty)), item);
  }

  /** The params of a list: {@code prefix}, {@code start_after} and {@code limit} when not null. */
  Object params(String prefix, String startAfter, Integer limit) {
    Object builder = DerivedDriver.invoke(driver.find(driver.paramsClass(), "builder"), null);
    if (prefix != null) {
      set(builder, "prefix", prefix);
    }
    if (startAfter != null) {
      set(builder, "start_after", startAfter);
    }
    if (limit != null) {
      set(builder, "limit", limit);
    }
    return DerivedDriver.invoke(driver.find(builder.getClass(), "build"), builder);
  }

  private void set(Object builder, String parameter, Object value) {
    Method setter = driver.setter(builder.getClass(), dev.s2.codegen.Naming.member(parameter));
    DerivedDriver.invoke(setter, builder, value);
  }

  /** One page: {@code list(params)}. */
  Page<?> list(S2Client client, Object params) {
    Object facade = driver.facade(client);
    return (Page<?>)
        DerivedDriver.invoke(
            driver.find(facade.getClass(), driver.plan().method(), driver.paramsClass()),
            facade,
            params);
  }

  /** A walk: {@code listAll(params, paging)}. */
  AutoPager<?> listAll(S2Client client, Object params, PagingOptions paging) {
    Object facade = driver.facade(client);
    return (AutoPager<?>)
        DerivedDriver.invoke(
            driver.find(
                facade.getClass(),
                driver.plan().method() + "All",
                driver.paramsClass(),
                PagingOptions.class),
            facade,
            params,
            paging);
  }

  /** An asynchronous walk: {@code listAllAsync(params)}. */
  AsyncAutoPager<?> listAllAsync(S2Client client, Object params) {
    Object facade = driver.facade(client);
    return (AsyncAutoPager<?>)
        DerivedDriver.invoke(
            driver.find(
                facade.getClass(), driver.plan().method() + "AllAsync", driver.paramsClass()),
            facade,
            params);
  }

  @Override
  public String toString() {
    return operation.operationId();
  }
}
