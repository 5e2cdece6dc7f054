package dev.s2.spec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An OpenAPI Overlay 1.0 document (https://spec.openapis.org/overlay/v1.0.0.html), applied to a
 * JSON tree.
 *
 * <p>Semantics, as the specification says: the actions apply in order, each to the result of the
 * previous one; {@code target} is a JSONPath (evaluated by Jayway JsonPath) that must select
 * objects or arrays; {@code update} is merged recursively into each selected object (a property of
 * the update replaces a primitive, is concatenated to an array, is merged into an object, or is
 * added when absent) or appended, as one entry, to each selected array; {@code remove: true}
 * removes each selected node from the object or array holding it.
 *
 * <p>Stricter than the specification, so that an action made stale by a newer target document
 * cannot go unnoticed, applying fails, naming the action, when its target selects nothing, when it
 * changes nothing where it applies, or when it appends an array entry that the array already holds.
 */
public final class Overlay {
  private static final Pattern VERSION = Pattern.compile("1\\.0\\.\\d+");
  private static final Set<String> ACTION_FIELDS =
      Set.of("target", "description", "update", "remove");
  private static final Configuration PATHS =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider())
          .mappingProvider(new JacksonMappingProvider())
          .options(Option.AS_PATH_LIST, Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS)
          .build();

  private final List<Action> actions;

  private Overlay(List<Action> actions) {
    this.actions = actions;
  }

  /**
   * Reads an overlay document.
   *
   * @param overlay the document, as parsed from YAML or JSON
   * @return the overlay
   * @throws OverlayException if the document is not an Overlay 1.0 document, naming what is wrong
   */
  public static Overlay parse(JsonNode overlay) {
    if (overlay == null || !overlay.isObject()) {
      throw new OverlayException("an overlay is a mapping with overlay, info and actions");
    }
    String version = overlay.path("overlay").asText("");
    if (!VERSION.matcher(version).matches()) {
      throw new OverlayException("overlay: expected a 1.0.x version, found '" + version + "'");
    }
    JsonNode info = overlay.path("info");
    if (!info.path("title").isTextual() || !info.path("version").isTextual()) {
      throw new OverlayException("info: title and version are required strings");
    }
    JsonNode list = overlay.path("actions");
    if (!list.isArray() || list.isEmpty()) {
      throw new OverlayException("actions: expected a list of at least one action");
    }
    List<Action> actions = new ArrayList<>();
    for (JsonNode node : list) {
      actions.add(Action.parse(actions.size() + 1, node));
    }
    return new Overlay(List.copyOf(actions));
  }

  /**
   * Applies every action, in order, to {@code document}, which is changed in place.
   *
   * @param document the target document
   * @throws OverlayException if an action cannot be applied or is stale, naming the action
   */
  public void applyTo(ObjectNode document) {
    for (Action action : actions) {
      action.applyTo(document);
    }
  }

  private record Action(int number, String target, JsonNode update, boolean remove) {
    static Action parse(int number, JsonNode node) {
      String name = "overlay action " + number;
      if (!node.isObject()) {
        throw new OverlayException(name + ": expected a mapping");
      }
      for (String field : iterable(node.fieldNames())) {
        if (!ACTION_FIELDS.contains(field) && !field.startsWith("x-")) {
          throw new OverlayException(
              name
                  + ": unknown field '"
                  + field
                  + "' (expected target, description, update"
                  + " or remove)");
        }
      }
      String target = node.path("target").asText("");
      if (!node.path("target").isTextual() || !target.startsWith("$")) {
        throw new OverlayException(
            name + ": target must be a JSONPath expression starting with '$'");
      }
      JsonNode remove = node.get("remove");
      if (remove != null && !remove.isBoolean()) {
        throw new OverlayException(name + " (target " + target + "): remove must be true or false");
      }
      boolean removing = remove != null && remove.booleanValue();
      JsonNode update = node.get("update");
      if (!removing && update == null) {
        throw new OverlayException(
            name + " (target " + target + "): expected update, or remove: true");
      }
      return new Action(number, target, removing ? null : update, removing);
    }

    String name() {
      return "overlay action " + number + " (target " + target + ")";
    }

    void applyTo(ObjectNode document) {
      List<String> paths = new ArrayList<>();
      try {
        JsonNode found = JsonPath.using(PATHS).parse(document).read(target);
        found.forEach(path -> paths.add(path.asText()));
      } catch (InvalidPathException e) {
        throw new OverlayException(name() + ": not a valid JSONPath: " + e.getMessage());
      }
      if (paths.isEmpty()) {
        throw new OverlayException(
            name()
                + " is stale: its target matches nothing in the spec. The upstream spec"
                + " has changed there: fix the target, or drop the action if the spec no longer needs it.");
      }
      List<Location> locations = new ArrayList<>();
      for (String path : paths) {
        locations.addAll(Location.of(document, path, this));
      }
      if (remove) {
        removeAll(locations);
      } else {
        for (Location location : locations) {
          updateOne(location);
        }
      }
    }

    private void updateOne(Location location) {
      JsonNode node = location.node();
      JsonNode before = node.deepCopy();
      if (node instanceof ObjectNode object) {
        if (!(update instanceof ObjectNode changes)) {
          throw new OverlayException(
              name() + ": " + location.path() + " is an object, so update must be a mapping");
        }
        merge(object, changes, location.path());
      } else if (node instanceof ArrayNode array) {
        append(array, update, location.path());
      } else {
        throw new OverlayException(
            name()
                + ": "
                + location.path()
                + " is "
                + kind(node)
                + "; a target must select objects or arrays (to change a value, target the object holding it)");
      }
      if (node.equals(before)) {
        throw new OverlayException(
            name()
                + " is stale: it changes nothing at "
                + location.path()
                + ", which already has what it adds. The upstream spec has caught up: drop or narrow the action.");
      }
    }

    private void merge(ObjectNode object, ObjectNode changes, String path) {
      for (Map.Entry<String, JsonNode> change : changes.properties()) {
        String key = change.getKey();
        JsonNode present = object.get(key);
        JsonNode value = change.getValue();
        String where = path + "['" + key + "']";
        if (present instanceof ObjectNode presentObject
            && value instanceof ObjectNode valueObject) {
          merge(presentObject, valueObject, where);
        } else if (present instanceof ArrayNode presentArray
            && value instanceof ArrayNode valueArray) {
          for (JsonNode item : valueArray) {
            append(presentArray, item, where);
          }
        } else {
          object.set(key, value.deepCopy());
        }
      }
    }

    private void append(ArrayNode array, JsonNode item, String path) {
      for (JsonNode present : array) {
        if (present.equals(item)) {
          throw new OverlayException(
              name()
                  + " is stale: it appends "
                  + excerpt(item)
                  + " to "
                  + path
                  + ", which already holds it. The upstream spec has caught up: drop or narrow the action.");
        }
      }
      array.add(item.deepCopy());
    }

    private void removeAll(List<Location> locations) {
      List<Location> fromArrays = new ArrayList<>();
      for (Location location : locations) {
        if (!location.node().isContainerNode()) {
          throw new OverlayException(
              name()
                  + ": "
                  + location.path()
                  + " is "
                  + kind(location.node())
                  + "; a target must select objects or arrays (to remove a value, update the object holding it)");
        }
        if (location.parent() == null) {
          throw new OverlayException(name() + ": cannot remove the whole document");
        }
        if (location.parent() instanceof ObjectNode parent) {
          parent.remove(location.key());
        } else {
          fromArrays.add(location);
        }
      }
      // Remove array entries from the highest index down, so that no removal shifts one still to
      // do.
      fromArrays.sort(Comparator.comparingInt(Location::index).reversed());
      for (Location location : fromArrays) {
        ((ArrayNode) location.parent()).remove(location.index());
      }
    }
  }

  /**
   * A node the target selected, with the object or array holding it (null for the document itself).
   * Jayway gives each selected node as a normalized path, {@code $['name'][0]...}; at the end of a
   * path it may name several members at once ({@code ['200', '201']}), each of which must exist.
   */
  private record Location(String path, JsonNode node, JsonNode parent, String key, int index) {
    static List<Location> of(ObjectNode document, String path, Action action) {
      if (!path.startsWith("$")) {
        throw new OverlayException(action.name() + ": cannot follow the path " + path);
      }
      List<Location> found = new ArrayList<>();
      follow(new Location("$", document, null, null, -1), path, 1, action, found);
      return found;
    }

    private static void follow(
        Location at, String path, int i, Action action, List<Location> found) {
      if (i == path.length()) {
        found.add(at);
        return;
      }
      JsonNode node = at.node();
      if (path.startsWith("['", i)) {
        List<String> names = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        i += 2;
        while (true) {
          if (i + 1 >= path.length()) {
            throw new OverlayException(action.name() + ": cannot follow the path " + path);
          }
          char c = path.charAt(i);
          if (c == '\\') {
            name.append(path.charAt(i + 1));
            i += 2;
          } else if (c == '\'' && path.charAt(i + 1) == ']') {
            names.add(name.toString());
            i += 2;
            break;
          } else if (c == '\'' && path.startsWith("', '", i)) {
            names.add(name.toString());
            name.setLength(0);
            i += 4;
          } else {
            name.append(c);
            i++;
          }
        }
        for (String key : names) {
          JsonNode child = node.isObject() ? node.get(key) : null;
          if (child == null) {
            throw new OverlayException(
                action.name() + ": " + at.path() + " has no member '" + key + "'");
          }
          follow(
              new Location(at.path() + "['" + key + "']", child, node, key, -1),
              path,
              i,
              action,
              found);
        }
      } else if (path.charAt(i) == '[' && path.indexOf(']', i) > i + 1) {
        int end = path.indexOf(']', i);
        int index = Integer.parseInt(path.substring(i + 1, end));
        JsonNode child = node.isArray() ? node.get(index) : null;
        if (child == null) {
          throw new OverlayException(action.name() + ": cannot follow the path " + path);
        }
        follow(
            new Location(at.path() + "[" + index + "]", child, node, null, index),
            path,
            end + 1,
            action,
            found);
      } else {
        throw new OverlayException(action.name() + ": cannot follow the path " + path);
      }
    }
  }

  private static String kind(JsonNode node) {
    return node.isNull()
        ? "null"
        : "the " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + excerpt(node);
  }

  private static String excerpt(JsonNode node) {
    String text = node.toString();
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }

  private static <T> Iterable<T> iterable(Iterator<T> iterator) {
    return () -> iterator;
  }
}
