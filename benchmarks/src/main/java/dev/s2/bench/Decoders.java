package dev.s2.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The decoders the SDK is measured against, each built once: what a user would write by hand
 * (reflective Moshi, Jackson databind) and the tokenizer limits (every token and string read,
 * nothing built).
 */
final class Decoders {
  /** Reflective Moshi ({@code ClassJsonAdapter}) into {@link Plain} classes. */
  static final JsonAdapter<Plain.TokenPage> MOSHI_REFLECTIVE =
      new Moshi.Builder().build().adapter(Plain.TokenPage.class);

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Jackson databind into {@link Plain} classes. */
  static final ObjectReader JACKSON_DATABIND = MAPPER.readerFor(Plain.TokenPage.class);

  static final JsonFactory JACKSON_FACTORY = MAPPER.getFactory();

  /** Every name of the page's schema, for {@link #moshiWalk} with {@code selectNames}. */
  private static final JsonReader.Options NAMES =
      JsonReader.Options.of(
          "access_tokens",
          "has_more",
          "id",
          "scope",
          "expires_at",
          "auto_prefix_streams",
          "basins",
          "streams",
          "op_groups",
          "ops",
          "account",
          "basin",
          "stream",
          "read",
          "write",
          "exact",
          "prefix");

  private Decoders() {}

  /**
   * Moshi's {@link JsonReader} reading every token of one JSON value and every string value as a
   * {@code String}, building nothing else: the limit of any Moshi-based decoder. Names are read as
   * {@code String}s too, or, with {@code selectNames}, matched against the schema's names by {@link
   * JsonReader#selectName} as generated adapters do (no {@code String} for a known name).
   *
   * @return the number of tokens read
   */
  static int moshiWalk(JsonReader reader, boolean selectNames, Blackhole bh) throws IOException {
    return moshiWalk(reader, selectNames ? NAMES : null, false, bh);
  }

  /**
   * The same walk for records: names matched against {@code names} by {@link
   * JsonReader#selectName}, numbers read as {@code long}s (every number of a {@code ReadBatch} is a
   * u64), strings as {@code String}s.
   *
   * @return the number of tokens read
   */
  static int moshiWalk(JsonReader reader, JsonReader.Options names, Blackhole bh)
      throws IOException {
    return moshiWalk(reader, names, true, bh);
  }

  private static int moshiWalk(
      JsonReader reader, JsonReader.@Nullable Options names, boolean longs, Blackhole bh)
      throws IOException {
    int tokens = 0;
    int depth = 0;
    do {
      tokens++;
      switch (reader.peek()) {
        case BEGIN_OBJECT:
          reader.beginObject();
          depth++;
          break;
        case END_OBJECT:
          reader.endObject();
          depth--;
          break;
        case BEGIN_ARRAY:
          reader.beginArray();
          depth++;
          break;
        case END_ARRAY:
          reader.endArray();
          depth--;
          break;
        case NAME:
          if (names != null) {
            int index = reader.selectName(names);
            bh.consume(index >= 0 ? index : reader.nextName());
          } else {
            bh.consume(reader.nextName());
          }
          break;
        case NUMBER:
          if (longs) {
            bh.consume(reader.nextLong());
          } else {
            bh.consume(reader.nextString());
          }
          break;
        case STRING:
          bh.consume(reader.nextString());
          break;
        case BOOLEAN:
          bh.consume(reader.nextBoolean());
          break;
        case NULL:
          reader.nextNull();
          break;
        default:
          throw new IOException("unexpected " + reader.peek());
      }
    } while (depth > 0);
    return tokens;
  }

  /**
   * Jackson's tokenizer doing what {@link #moshiWalk} does: every token, every name and string
   * value as a {@code String} (names come from Jackson's symbol table, which is how Jackson reads
   * them).
   *
   * @return the number of tokens read
   */
  static int jacksonWalk(InputStream in, Blackhole bh) throws IOException {
    int tokens = 0;
    try (JsonParser p = JACKSON_FACTORY.createParser(in)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        tokens++;
        switch (t) {
          case FIELD_NAME:
            bh.consume(p.currentName());
            break;
          case VALUE_STRING:
          case VALUE_NUMBER_INT:
          case VALUE_NUMBER_FLOAT:
            bh.consume(p.getText());
            break;
          case VALUE_TRUE:
          case VALUE_FALSE:
            bh.consume(p.getBooleanValue());
            break;
          default:
            break;
        }
      }
    }
    return tokens;
  }
}
