package dev.s2.testing.internal;

import com.squareup.moshi.JsonWriter;
import dev.s2.testing.Operation;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Metrics in the shapes of S2's API ({@code MetricSetResponse} of single-key {@code Metric}s), with
 * values from what this server saw: basin names, operation counts, bytes appended, read and stored.
 * Time series hold one {@code [epoch seconds, value]} point, at the start of the interval
 * containing the end of the requested range (or now), and none when that falls before {@code
 * start}.
 */
final class Metrics {
  private Metrics() {}

  static String answer(
      Store store, RequestLog log, Operation op, String[] params, Map<String, String> query) {
    String set = query.get("set");
    if (set == null) {
      throw ApiError.badQuery("missing field `set`");
    }
    Long start = u32(query, "start");
    Long end = u32(query, "end");
    String interval = query.getOrDefault("interval", "hour");
    long intervalSecs;
    switch (interval) {
      case "minute":
        intervalSecs = 60;
        break;
      case "hour":
        intervalSecs = 3600;
        break;
      case "day":
        intervalSecs = 86400;
        break;
      default:
        throw ApiError.badQuery(
            "interval: unknown variant `"
                + interval
                + "`, expected one of `minute`, `hour`, `day`");
    }
    long now = store.clock().millis() / 1000;
    long at = end == null ? now : Math.min(end, now);
    long bucket = at - at % intervalSecs;
    boolean inRange = start == null || bucket + intervalSecs > start;
    long gaugeAt = at;

    switch (op) {
      case ACCOUNT_METRICS:
        switch (set) {
          case "active-basins":
            {
              List<String> names = store.basinNames();
              return Json.write(
                  w -> {
                    w.beginObject().name("values").beginArray();
                    w.beginObject()
                        .name("label")
                        .beginObject()
                        .name("name")
                        .value("active-basins")
                        .name("values")
                        .beginArray();
                    for (String n : names) {
                      w.value(n);
                    }
                    w.endArray().endObject().endObject();
                    w.endArray().endObject();
                  });
            }
          case "account-ops":
            {
              long count = 0;
              for (Operation o : Operation.values()) {
                if (!o.basinScoped()) {
                  count += log.count(o);
                }
              }
              return accumulation("account-ops", "operations", interval, bucket, count, inRange);
            }
          default:
            throw unknownSet(set, "`active-basins`, `account-ops`");
        }
      case BASIN_METRICS:
        {
          String basin = params[0];
          long[] v =
              store.withBasin(
                  basin,
                  b -> {
                    long stored = 0;
                    for (StreamState s : b.streams.values()) {
                      stored += s.storedBytes();
                    }
                    return new long[] {
                      stored,
                      b.appendOps.get(),
                      b.readOps.get(),
                      b.readBytes.get(),
                      b.appendBytes.get(),
                      b.basinOps.get()
                    };
                  });
          switch (set) {
            case "storage":
              return gauge("storage", gaugeAt, v[0], inRange);
            case "append-ops":
              return accumulation("append-ops", "operations", interval, bucket, v[1], inRange);
            case "read-ops":
              return accumulation("read-ops", "operations", interval, bucket, v[2], inRange);
            case "read-throughput":
              return accumulation("read-throughput", "bytes", interval, bucket, v[3], inRange);
            case "append-throughput":
              return accumulation("append-throughput", "bytes", interval, bucket, v[4], inRange);
            case "basin-ops":
              return accumulation("basin-ops", "operations", interval, bucket, v[5], inRange);
            default:
              throw unknownSet(
                  set,
                  "`storage`, `append-ops`, `read-ops`, `read-throughput`, `append-throughput`, `basin-ops`");
          }
        }
      default:
        {
          if (!set.equals("storage")) {
            throw unknownSet(set, "`storage`");
          }
          String basin = params[0];
          String stream = params[1];
          long stored =
              store.withBasin(
                  basin,
                  b -> {
                    StreamState s = b.streams.get(stream);
                    if (s == null) {
                      throw ApiError.streamNotFound(basin, stream);
                    }
                    return s.storedBytes();
                  });
          return gauge("storage", gaugeAt, stored, inRange);
        }
    }
  }

  private static ApiError unknownSet(String set, String expected) {
    return ApiError.badQuery("set: unknown variant `" + set + "`, expected one of " + expected);
  }

  private static @Nullable Long u32(Map<String, String> query, String key) {
    String v = query.get(key);
    if (v == null) {
      return null;
    }
    try {
      long value = Long.parseLong(v);
      if (value < 0 || value > 0xFFFF_FFFFL) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiError.badQuery(key + ": invalid digit found in string");
    }
  }

  private static String accumulation(
      String name, String unit, String interval, long bucket, long value, boolean inRange) {
    return Json.write(
        w -> {
          w.beginObject().name("values").beginArray();
          w.beginObject().name("accumulation").beginObject();
          w.name("name").value(name).name("unit").value(unit).name("interval").value(interval);
          points(w, bucket, value, inRange);
          w.endObject().endObject();
          w.endArray().endObject();
        });
  }

  private static String gauge(String name, long at, long value, boolean inRange) {
    return Json.write(
        w -> {
          w.beginObject().name("values").beginArray();
          w.beginObject().name("gauge").beginObject();
          w.name("name").value(name).name("unit").value("bytes");
          points(w, at, value, inRange);
          w.endObject().endObject();
          w.endArray().endObject();
        });
  }

  private static void points(JsonWriter w, long at, long value, boolean inRange)
      throws IOException {
    w.name("values").beginArray();
    if (inRange) {
      w.beginArray().value(at).value((double) value).endArray();
    }
    w.endArray();
  }
}
