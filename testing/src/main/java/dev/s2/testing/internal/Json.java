package dev.s2.testing.internal;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * JSON for the embedded S2, read and written by hand with Moshi's streaming reader and writer (no
 * binding: the server must not share models with the SDK it checks).
 *
 * <p>Requests are read into a small tree that keeps what S2's server distinguishes: an absent key,
 * an explicit {@code null} ({@link #NULL}), and numbers as their literal text ({@link Num}), so
 * that u64 values are not rounded through {@code double}.
 */
public final class Json {
  /** An explicit JSON {@code null} in a tree (absent keys are simply absent). */
  public static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  /** A JSON number as written. */
  public static final class Num {
    final String text;

    Num(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** Writes one JSON document. */
  @FunctionalInterface
  public interface Body {
    void write(JsonWriter w) throws IOException;
  }

  private Json() {}

  /** Writes a document to a string. */
  public static String write(Body body) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.setSerializeNulls(true);
      body.write(w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  /** {@code {"code": ..., "message": ...}}. */
  public static String errorInfo(String code, String message) {
    return write(
        w -> w.beginObject().name("code").value(code).name("message").value(message).endObject());
  }

  /** A u64 held in a long, written unsigned. */
  public static Number unsigned(long value) {
    return value >= 0 ? (Number) value : new java.math.BigInteger(Long.toUnsignedString(value));
  }

  /** {@code {"seq_num": n, "timestamp": t}}. */
  public static void position(JsonWriter w, long seqNum, long timestamp) throws IOException {
    w.beginObject()
        .name("seq_num")
        .value(unsigned(seqNum))
        .name("timestamp")
        .value(unsigned(timestamp))
        .endObject();
  }

  /** RFC 3339 in UTC with the precision S2 writes (as many fraction digits as needed). */
  public static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reading

  /** Parses a whole document; syntax errors and trailing data become {@code bad_json}. */
  public static Object parse(byte[] body) {
    if (body.length == 0) {
      throw ApiError.badJson("EOF while parsing a value at line 1 column 0");
    }
    Buffer buffer = new Buffer().write(body);
    try (JsonReader reader = JsonReader.of(buffer)) {
      Object tree = readTree(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw ApiError.badJson("trailing characters at " + reader.getPath());
      }
      return tree;
    } catch (JsonEncodingException | JsonDataException e) {
      throw ApiError.badJson(e.getMessage() == null ? "malformed JSON" : e.getMessage());
    } catch (IOException e) {
      throw ApiError.badJson("malformed JSON: " + e.getMessage());
    }
  }

  private static Object readTree(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          reader.beginObject();
          while (reader.hasNext()) {
            String name = checkedString(reader.nextName(), reader);
            Object value = readTree(reader);
            if (map.put(name, value) != null) {
              throw ApiError.badJson("duplicate field `" + name + "` at " + reader.getPath());
            }
          }
          reader.endObject();
          return map;
        }
      case BEGIN_ARRAY:
        {
          List<Object> list = new ArrayList<>();
          reader.beginArray();
          while (reader.hasNext()) {
            list.add(readTree(reader));
          }
          reader.endArray();
          return list;
        }
      case STRING:
        return checkedString(reader.nextString(), reader);
      case NUMBER:
        return new Num(reader.nextString());
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        reader.nextNull();
        return NULL;
      default:
        throw ApiError.badJson("unexpected " + reader.peek() + " at " + reader.getPath());
    }
  }

  /** Rejects lone surrogates (escaped as {@code \ud800}), which are not Unicode scalar values. */
  private static String checkedString(String s, JsonReader reader) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        throw ApiError.badJson("lone leading surrogate in hex escape at " + reader.getPath());
      }
      if (Character.isLowSurrogate(c)) {
        throw ApiError.badJson("unexpected end of hex escape at " + reader.getPath());
      }
    }
    return s;
  }

  /** A JSON object of a request, with typed accessors whose errors are {@code bad_json}. */
  public static final class Obj {
    private final Map<String, Object> map;
    private final String path;

    private Obj(Map<String, Object> map, String path) {
      this.map = map;
      this.path = path;
    }

    /** The document as an object. */
    public static Obj root(Object tree) {
      return of(tree, "$");
    }

    @SuppressWarnings("unchecked")
    static Obj of(Object tree, String path) {
      if (!(tree instanceof Map)) {
        throw ApiError.badJson(
            "invalid type: " + describe(tree) + ", expected an object at " + path);
      }
      return new Obj((Map<String, Object>) tree, path);
    }

    /** The key is present with a value other than null. */
    public boolean hasValue(String key) {
      Object v = map.get(key);
      return v != null && v != NULL;
    }

    /** The key is present (possibly null). */
    public boolean has(String key) {
      return map.containsKey(key);
    }

    /** The key is present and null. */
    public boolean isNull(String key) {
      return map.get(key) == NULL;
    }

    public @Nullable Object raw(String key) {
      Object v = map.get(key);
      return v == NULL ? null : v;
    }

    public Map<String, Object> map() {
      return map;
    }

    String at(String key) {
      return path + "." + key;
    }

    public @Nullable String str(String key) {
      Object v = raw(key);
      if (v == null) {
        return null;
      }
      if (!(v instanceof String)) {
        throw typeError(v, "a string", at(key));
      }
      return (String) v;
    }

    public String requiredStr(String key) {
      String s = str(key);
      if (s == null) {
        throw missing(key);
      }
      return s;
    }

    public @Nullable Boolean bool(String key) {
      Object v = raw(key);
      if (v == null) {
        return null;
      }
      if (!(v instanceof Boolean)) {
        throw typeError(v, "a boolean", at(key));
      }
      return (Boolean) v;
    }

    /** A u64 (unsigned, in a long), or null when absent or null. */
    public @Nullable Long u64(String key) {
      Object v = raw(key);
      return v == null ? null : Json.u64(v, at(key));
    }

    public @Nullable Obj obj(String key) {
      Object v = raw(key);
      return v == null ? null : of(v, at(key));
    }

    public @Nullable List<Object> arr(String key) {
      Object v = raw(key);
      if (v == null) {
        return null;
      }
      if (!(v instanceof List)) {
        throw typeError(v, "a sequence", at(key));
      }
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) v;
      return list;
    }

    public ApiError missing(String key) {
      return ApiError.badJson("missing field `" + key + "` at " + path);
    }

    /** A single-key object (S2's unions without discriminator): its only key. */
    public String singleKey(String what) {
      if (map.size() != 1) {
        throw ApiError.badJson("expected exactly one key for " + what + " at " + path);
      }
      return map.keySet().iterator().next();
    }
  }

  /** A u64 from a tree value. */
  public static long u64(Object v, String path) {
    if (!(v instanceof Num)) {
      throw typeError(v, "u64", path);
    }
    String text = ((Num) v).text;
    try {
      return Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw ApiError.badJson("invalid value: " + text + ", expected u64 at " + path);
    }
  }

  /** An RFC 3339 timestamp from a request. */
  public static Instant instant(String text, String path) {
    try {
      return java.time.OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.badJson("invalid RFC 3339 timestamp `" + text + "` at " + path);
    }
  }

  static ApiError typeError(Object v, String expected, String path) {
    return ApiError.badJson(
        "invalid type: " + describe(v) + ", expected " + expected + " at " + path);
  }

  static String describe(Object v) {
    if (v == NULL) {
      return "null";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Num) {
      return "number " + v;
    }
    if (v instanceof Boolean) {
      return "boolean `" + v + "`";
    }
    if (v instanceof List) {
      return "sequence";
    }
    return "map";
  }

  /** Writes a tree value back (used to echo access token scopes as issued). */
  public static void writeTree(JsonWriter w, Object v) throws IOException {
    if (v == NULL) {
      w.nullValue();
    } else if (v instanceof String) {
      w.value((String) v);
    } else if (v instanceof Num) {
      w.jsonValue(new java.math.BigDecimal(((Num) v).text));
    } else if (v instanceof Boolean) {
      w.value((Boolean) v);
    } else if (v instanceof List) {
      w.beginArray();
      for (Object e : (List<?>) v) {
        writeTree(w, e);
      }
      w.endArray();
    } else {
      w.beginObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        w.name((String) e.getKey());
        writeTree(w, e.getValue());
      }
      w.endObject();
    }
  }
}
