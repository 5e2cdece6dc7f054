package dev.s2.testing.internal;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A stream configuration layer as S2's server keeps it ({@code common/src/config.rs}): every field
 * may be unset (null), meaning "fall back to the basin's default, then the system default". A
 * stream's own configuration is the resolved layer ({@link #merge}), with every field set.
 *
 * <p>System defaults: storage class {@code express}, retention 7 days, timestamping {@code
 * client-prefer} and capped, delete-on-empty disabled (0).
 */
public final class StreamConfig {
  /** Seconds in the default retention (one week). */
  public static final long DEFAULT_RETENTION_SECS = 7L * 24 * 60 * 60;

  /** The retention value that means "infinite". */
  public static final long INFINITE = -1;

  @Nullable String storageClass;

  /** Seconds, or {@link #INFINITE}. */
  @Nullable Long retention;

  @Nullable String timestampingMode;
  @Nullable Boolean uncapped;
  @Nullable Long deleteOnEmptyMinAgeSecs;

  public StreamConfig() {}

  StreamConfig copy() {
    StreamConfig c = new StreamConfig();
    c.storageClass = storageClass;
    c.retention = retention;
    c.timestampingMode = timestampingMode;
    c.uncapped = uncapped;
    c.deleteOnEmptyMinAgeSecs = deleteOnEmptyMinAgeSecs;
    return c;
  }

  /** Resolves against the basin's defaults and the system defaults. */
  public StreamConfig merge(StreamConfig basinDefaults) {
    StreamConfig c = new StreamConfig();
    c.storageClass = first(storageClass, basinDefaults.storageClass, "express");
    c.retention = first(retention, basinDefaults.retention, DEFAULT_RETENTION_SECS);
    c.timestampingMode = first(timestampingMode, basinDefaults.timestampingMode, "client-prefer");
    c.uncapped = first(uncapped, basinDefaults.uncapped, false);
    c.deleteOnEmptyMinAgeSecs =
        first(deleteOnEmptyMinAgeSecs, basinDefaults.deleteOnEmptyMinAgeSecs, 0L);
    return c;
  }

  private static <T> T first(@Nullable T a, @Nullable T b, T c) {
    return a != null ? a : b != null ? b : c;
  }

  public String timestampingMode() {
    return Objects.requireNonNull(timestampingMode, "resolved config");
  }

  public boolean uncapped() {
    return Boolean.TRUE.equals(uncapped);
  }

  boolean isEmpty() {
    return storageClass == null
        && retention == null
        && timestampingMode == null
        && uncapped == null
        && deleteOnEmptyMinAgeSecs == null;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof StreamConfig)) {
      return false;
    }
    StreamConfig c = (StreamConfig) o;
    return Objects.equals(storageClass, c.storageClass)
        && Objects.equals(retention, c.retention)
        && Objects.equals(timestampingMode, c.timestampingMode)
        && Objects.equals(uncapped, c.uncapped)
        && Objects.equals(deleteOnEmptyMinAgeSecs, c.deleteOnEmptyMinAgeSecs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        storageClass, retention, timestampingMode, uncapped, deleteOnEmptyMinAgeSecs);
  }

  // ---------------------------------------------------------------------------------------------------------
  // JSON

  /** Parses a {@code StreamConfig} request object (create, ensure, a basin's default). */
  public static StreamConfig parse(Json.Obj o) {
    StreamConfig c = new StreamConfig();
    c.storageClass = storageClass(o.str("storage_class"), o.at("storage_class"));
    Json.Obj retention = o.obj("retention_policy");
    if (retention != null) {
      c.retention = retention(retention);
    }
    Json.Obj ts = o.obj("timestamping");
    if (ts != null) {
      c.timestampingMode = timestampingMode(ts.str("mode"), ts.at("mode"));
      c.uncapped = ts.bool("uncapped");
    }
    Json.Obj doe = o.obj("delete_on_empty");
    if (doe != null) {
      Long age = doe.u64("min_age_secs");
      c.deleteOnEmptyMinAgeSecs = age == null ? 0L : age;
    }
    return c;
  }

  /**
   * Applies a {@code StreamReconfiguration}: an absent field is left alone, {@code null} resets it
   * (to the basin's default, then the system's, once merged), a value sets it. Nested objects
   * reconfigure recursively.
   */
  public StreamConfig reconfigure(Json.Obj r) {
    StreamConfig c = copy();
    if (r.has("storage_class")) {
      c.storageClass = storageClass(r.str("storage_class"), r.at("storage_class"));
    }
    if (r.has("retention_policy")) {
      Json.Obj retention = r.obj("retention_policy");
      c.retention = retention == null ? null : retention(retention);
    }
    if (r.has("timestamping")) {
      Json.Obj ts = r.obj("timestamping");
      if (ts == null) {
        c.timestampingMode = null;
        c.uncapped = null;
      } else {
        if (ts.has("mode")) {
          c.timestampingMode = timestampingMode(ts.str("mode"), ts.at("mode"));
        }
        if (ts.has("uncapped")) {
          c.uncapped = ts.bool("uncapped");
        }
      }
    }
    if (r.has("delete_on_empty")) {
      Json.Obj doe = r.obj("delete_on_empty");
      if (doe == null) {
        c.deleteOnEmptyMinAgeSecs = null;
      } else if (doe.has("min_age_secs")) {
        c.deleteOnEmptyMinAgeSecs = doe.u64("min_age_secs");
      }
    }
    return c;
  }

  private static @Nullable String storageClass(@Nullable String s, String path) {
    if (s != null && !s.equals("standard") && !s.equals("express")) {
      throw ApiError.badJson(
          "unknown variant `" + s + "`, expected `standard` or `express` at " + path);
    }
    return s;
  }

  private static @Nullable String timestampingMode(@Nullable String s, String path) {
    if (s != null
        && !s.equals("client-prefer")
        && !s.equals("client-require")
        && !s.equals("arrival")) {
      throw ApiError.badJson(
          "unknown variant `"
              + s
              + "`, expected one of `client-prefer`, `client-require`, `arrival` at "
              + path);
    }
    return s;
  }

  private static long retention(Json.Obj o) {
    String key = o.singleKey("RetentionPolicy");
    switch (key) {
      case "age":
        {
          Long age = o.u64("age");
          if (age == null) {
            throw o.missing("age");
          }
          if (age == 0) {
            throw ApiError.invalid("age must be greater than 0 seconds");
          }
          return age;
        }
      case "infinite":
        Json.Obj.of(o.map().get("infinite"), o.at("infinite"));
        return INFINITE;
      default:
        throw ApiError.badJson(
            "unknown variant `" + key + "`, expected `age` or `infinite` at " + o.at(key));
    }
  }

  /** Writes a resolved configuration (every field set), as {@code get_stream_config} answers. */
  public void writeResolved(JsonWriter w) throws IOException {
    w.beginObject();
    w.name("storage_class").value(storageClass);
    w.name("retention_policy");
    writeRetention(w, Objects.requireNonNull(retention));
    w.name("timestamping")
        .beginObject()
        .name("mode")
        .value(timestampingMode)
        .name("uncapped")
        .value(uncapped())
        .endObject();
    w.name("delete_on_empty")
        .beginObject()
        .name("min_age_secs")
        .value(Json.unsigned(Objects.requireNonNull(deleteOnEmptyMinAgeSecs)))
        .endObject();
    w.endObject();
  }

  /** Writes a layer with unset fields as null, or null for an empty layer (a basin's default). */
  public void writeLayer(JsonWriter w) throws IOException {
    if (isEmpty()) {
      w.nullValue();
      return;
    }
    w.beginObject();
    w.name("storage_class").value(storageClass);
    w.name("retention_policy");
    if (retention == null) {
      w.nullValue();
    } else {
      writeRetention(w, retention);
    }
    w.name("timestamping");
    if (timestampingMode == null && uncapped == null) {
      w.nullValue();
    } else {
      w.beginObject()
          .name("mode")
          .value(timestampingMode)
          .name("uncapped")
          .value(uncapped)
          .endObject();
    }
    w.name("delete_on_empty");
    if (deleteOnEmptyMinAgeSecs == null) {
      w.nullValue();
    } else {
      w.beginObject()
          .name("min_age_secs")
          .value(Json.unsigned(deleteOnEmptyMinAgeSecs))
          .endObject();
    }
    w.endObject();
  }

  private static void writeRetention(JsonWriter w, long retention) throws IOException {
    if (retention == INFINITE) {
      w.beginObject().name("infinite").beginObject().endObject().endObject();
    } else {
      w.beginObject().name("age").value(Json.unsigned(retention)).endObject();
    }
  }
}
