package dev.s2.client;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.s2.model.ResourceSet;
import dev.s2.model.ResourceSetExact;
import dev.s2.model.ResourceSetPrefix;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the spec's {@code ResourceSet}, a {@code oneOf} without discriminator: {@code {"exact": ".."}} becomes
 * {@link ResourceSetExact}, {@code {"prefix": ".."}} becomes {@link ResourceSetPrefix}, JSON {@code null} becomes
 * null. Unknown extra keys are skipped. An object with neither key, with both, or with a non-string value is
 * rejected with a {@link JsonDataException} naming the JSON path.
 *
 * <p>One pass over the object: the variant is decided after reading its keys, so nothing is read twice and no
 * {@code peekJson()} copy is made. The JSON path is built only for an error message, never on the way to a value.
 */
final class ResourceSetJsonAdapter extends JsonAdapter<ResourceSet> {
  static final JsonAdapter.Factory FACTORY = (type, annotations, moshi) ->
      type == ResourceSet.class && annotations.isEmpty() ? new ResourceSetJsonAdapter() : null;

  private static final JsonReader.Options KEYS = JsonReader.Options.of("exact", "prefix");

  @Override
  public @Nullable ResourceSet fromJson(JsonReader reader) throws IOException {
    JsonReader.Token token = reader.peek();
    if (token == JsonReader.Token.NULL) {
      return reader.nextNull();
    }
    if (token != JsonReader.Token.BEGIN_OBJECT) {
      throw new JsonDataException("Expected a ResourceSet object ({\"exact\": ...} or {\"prefix\": ...}) but was "
          + token + " at path " + reader.getPath());
    }
    String exact = null;
    String prefix = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(KEYS)) {
        case 0:
          exact = readString(reader, "exact");
          break;
        case 1:
          prefix = readString(reader, "prefix");
          break;
        default:
          reader.skipName();
          reader.skipValue();
      }
    }
    if ((exact == null) == (prefix == null)) {
      throw new JsonDataException("ResourceSet at path " + objectPath(reader) + " has "
          + (exact != null ? "both 'exact' and 'prefix'" : "neither 'exact' nor 'prefix'")
          + "; it must have exactly one");
    }
    reader.endObject();
    return exact != null ? ResourceSetExact.of(exact) : ResourceSetPrefix.of(prefix);
  }

  /** The path of the object being read, from inside it: Moshi's path then ends with the last key, cut off. */
  private static String objectPath(JsonReader reader) {
    String path = reader.getPath();
    int dot = path.lastIndexOf('.');
    return dot > path.lastIndexOf(']') ? path.substring(0, dot) : path;
  }

  private static String readString(JsonReader reader, String key) throws IOException {
    if (reader.peek() != JsonReader.Token.STRING) {
      throw new JsonDataException("Expected a string for ResourceSet '" + key + "' but was " + reader.peek()
          + " at path " + reader.getPath());
    }
    return reader.nextString();
  }

  @Override
  public void toJson(JsonWriter writer, @Nullable ResourceSet value) throws IOException {
    if (value == null) {
      writer.nullValue();
      return;
    }
    writer.beginObject();
    value.accept(new ResourceSet.Visitor<Void>() {
      @Override
      public Void visitResourceSetExact(ResourceSetExact exact) {
        write(writer, "exact", exact.exact());
        return null;
      }

      @Override
      public Void visitResourceSetPrefix(ResourceSetPrefix prefix) {
        write(writer, "prefix", prefix.prefix());
        return null;
      }
    });
    writer.endObject();
  }

  private static void write(JsonWriter writer, String key, String value) {
    try {
      writer.name(key).value(value);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "JsonAdapter(ResourceSet)";
  }
}
