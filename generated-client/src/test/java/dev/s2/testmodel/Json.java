package dev.s2.testmodel;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import okio.Buffer;

/**
 * Moshi as the client configures it (the generated adapters, and an OffsetDateTime adapter: the
 * SDK's own is in client-extensions, which this module cannot depend on), reading through {@link
 * StrictJson} like the client.
 */
final class Json {
  static final Moshi MOSHI =
      new Moshi.Builder()
          .add(
              OffsetDateTime.class,
              new JsonAdapter<OffsetDateTime>() {
                @Override
                public OffsetDateTime fromJson(JsonReader reader) throws IOException {
                  return OffsetDateTime.parse(reader.nextString());
                }

                @Override
                public void toJson(JsonWriter writer, OffsetDateTime value) throws IOException {
                  writer.value(value.toString());
                }
              }.nullSafe())
          .add(ModelAdapters.FACTORY)
          .build();

  private Json() {}

  static <T> T read(Class<T> type, String json) throws IOException {
    return StrictJson.fromJson(MOSHI.adapter(type), new Buffer().writeUtf8(json));
  }

  static <T> String write(Class<T> type, T value) {
    return MOSHI.adapter(type).toJson(value);
  }

  /** The message of the JsonDataException that decoding {@code json} must throw. */
  static String failure(Class<?> type, String json) {
    com.squareup.moshi.JsonDataException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            com.squareup.moshi.JsonDataException.class, () -> read(type, json));
    if (e == null) {
      throw new AssertionError("no JsonDataException for " + json);
    }
    return e.getMessage();
  }

  /** Decodes and encodes again: the JSON must come back unchanged (keys in the spec's order). */
  static <T> T roundTrip(Class<T> type, String json) {
    try {
      T value = read(type, json);
      String again = write(type, value);
      if (!again.equals(json)) {
        throw new AssertionError("wrote back\n  " + again + "\nnot\n  " + json);
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
