package dev.s2.client;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.s2.model.ModelAdapters;

/**
 * The Moshi configuration of the S2 models: the generated model adapters (unions included) and an
 * RFC 3339 {@code OffsetDateTime} adapter. The client uses it; use it too to read or write S2 JSON
 * yourself.
 *
 * <pre>{@code
 * AccessTokenInfo info = S2Json.moshi().adapter(AccessTokenInfo.class).fromJson(json);
 * }</pre>
 */
public final class S2Json {
  private static final Moshi MOSHI = addTo(new Moshi.Builder()).build();

  private S2Json() {}

  /**
   * A shared Moshi instance that reads and writes every S2 model.
   *
   * @return the instance, built once
   */
  public static Moshi moshi() {
    return MOSHI;
  }

  /**
   * Adds the S2 adapters to a builder of your own.
   *
   * @param builder the builder to add to
   * @return the same builder
   */
  public static Moshi.Builder addTo(Moshi.Builder builder) {
    return builder.add(OffsetDateTimeJsonAdapter.FACTORY).add(ModelAdapters.FACTORY);
  }

  /**
   * The adapter of one model type.
   *
   * @param type a generated model class, such as {@code AccessTokenInfo.class}
   * @param <T> the model type
   * @return the adapter, from the shared instance
   */
  public static <T> JsonAdapter<T> adapter(Class<T> type) {
    return MOSHI.adapter(type);
  }
}
