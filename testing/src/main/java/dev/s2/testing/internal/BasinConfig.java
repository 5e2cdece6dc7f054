package dev.s2.testing.internal;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A basin's configuration: the default stream configuration layer and the basin-level switches. */
public final class BasinConfig {
  StreamConfig defaultStreamConfig = new StreamConfig();
  @Nullable String streamCipher;
  boolean createStreamOnAppend;
  boolean createStreamOnRead;

  public BasinConfig() {}

  public boolean createStreamOnAppend() {
    return createStreamOnAppend;
  }

  public boolean createStreamOnRead() {
    return createStreamOnRead;
  }

  public StreamConfig defaultStreamConfig() {
    return defaultStreamConfig;
  }

  /** Parses a {@code BasinConfig} request object. */
  public static BasinConfig parse(Json.Obj o) {
    BasinConfig c = new BasinConfig();
    Json.Obj defaults = o.obj("default_stream_config");
    if (defaults != null) {
      c.defaultStreamConfig = StreamConfig.parse(defaults);
    }
    c.streamCipher = cipher(o.str("stream_cipher"), o.at("stream_cipher"));
    c.createStreamOnAppend = Boolean.TRUE.equals(o.bool("create_stream_on_append"));
    c.createStreamOnRead = Boolean.TRUE.equals(o.bool("create_stream_on_read"));
    return c;
  }

  /**
   * Applies a {@code BasinReconfiguration} with the three states per field (absent: leave, null:
   * reset, value: set). S2's server types the two switches as plain booleans; the published spec
   * allows null for them, which resets them to false here.
   */
  public BasinConfig reconfigure(Json.Obj r) {
    BasinConfig c = new BasinConfig();
    c.defaultStreamConfig = defaultStreamConfig;
    c.streamCipher = streamCipher;
    c.createStreamOnAppend = createStreamOnAppend;
    c.createStreamOnRead = createStreamOnRead;
    if (r.has("default_stream_config")) {
      Json.Obj inner = r.obj("default_stream_config");
      c.defaultStreamConfig =
          inner == null ? new StreamConfig() : defaultStreamConfig.reconfigure(inner);
    }
    if (r.has("stream_cipher")) {
      c.streamCipher = cipher(r.str("stream_cipher"), r.at("stream_cipher"));
    }
    if (r.has("create_stream_on_append")) {
      c.createStreamOnAppend = Boolean.TRUE.equals(r.bool("create_stream_on_append"));
    }
    if (r.has("create_stream_on_read")) {
      c.createStreamOnRead = Boolean.TRUE.equals(r.bool("create_stream_on_read"));
    }
    return c;
  }

  private static @Nullable String cipher(@Nullable String s, String path) {
    if (s != null && !s.equals("aegis-256") && !s.equals("aes-256-gcm")) {
      throw ApiError.badJson(
          "unknown variant `" + s + "`, expected `aegis-256` or `aes-256-gcm` at " + path);
    }
    return s;
  }

  public @Nullable String streamCipher() {
    return streamCipher;
  }

  /** Writes the configuration as {@code get_basin_config} answers. */
  public void write(JsonWriter w) throws IOException {
    w.beginObject();
    w.name("default_stream_config");
    defaultStreamConfig.writeLayer(w);
    w.name("stream_cipher").value(streamCipher);
    w.name("create_stream_on_append").value(createStreamOnAppend);
    w.name("create_stream_on_read").value(createStreamOnRead);
    w.endObject();
  }

  /**
   * A canonical JSON form, for request-token idempotency (same token and same config = same
   * request).
   */
  String canonical() {
    return Json.write(this::write);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof BasinConfig)) {
      return false;
    }
    BasinConfig c = (BasinConfig) o;
    return defaultStreamConfig.equals(c.defaultStreamConfig)
        && Objects.equals(streamCipher, c.streamCipher)
        && createStreamOnAppend == c.createStreamOnAppend
        && createStreamOnRead == c.createStreamOnRead;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        defaultStreamConfig, streamCipher, createStreamOnAppend, createStreamOnRead);
  }
}
