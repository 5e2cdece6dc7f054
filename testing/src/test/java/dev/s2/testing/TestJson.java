package dev.s2.testing;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Parses JSON answers for assertions: objects, lists, Long (BigInteger past it), Double, String,
 * Boolean, null.
 */
final class TestJson {
  private TestJson() {}

  static Object parse(String json) {
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      Object value = read(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new AssertionError("trailing data in " + json);
      }
      return value;
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String json) {
    Object v = parse(json);
    if (!(v instanceof Map)) {
      throw new AssertionError("not an object: " + json);
    }
    return (Map<String, Object>) v;
  }

  private static Object read(JsonReader r) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT:
        {
          Map<String, Object> m = new LinkedHashMap<>();
          r.beginObject();
          while (r.hasNext()) {
            m.put(r.nextName(), read(r));
          }
          r.endObject();
          return m;
        }
      case BEGIN_ARRAY:
        {
          List<Object> l = new ArrayList<>();
          r.beginArray();
          while (r.hasNext()) {
            l.add(read(r));
          }
          r.endArray();
          return l;
        }
      case NUMBER:
        {
          String text = r.nextString();
          if (text.matches("-?[0-9]+")) {
            BigInteger big = new BigInteger(text);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
          }
          return Double.parseDouble(text);
        }
      case STRING:
        return r.nextString();
      case BOOLEAN:
        return r.nextBoolean();
      case NULL:
        r.nextNull();
        return NullValue.NULL;
      default:
        throw new AssertionError("unexpected token " + r.peek());
    }
  }

  /** A JSON null, kept in maps so that tests can tell it from an absent key. */
  enum NullValue {
    NULL
  }
}
