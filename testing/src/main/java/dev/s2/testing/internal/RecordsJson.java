package dev.s2.testing.internal;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code ReadBatch} JSON as S2 writes it ({@code api/src/v1/stream/json.rs}): each record has
 * {@code seq_num} and {@code timestamp}, {@code headers} only when there are some, {@code body}
 * only when not empty; bytes are UTF-8 text with invalid sequences replaced ({@code raw}) or base64
 * ({@code base64}); {@code tail} only when known (records read live).
 */
final class RecordsJson {
  private RecordsJson() {}

  /**
   * Parses {@code s2-format}: {@code raw} (or {@code json}) and {@code base64} (or {@code
   * json-binsafe}).
   */
  static boolean base64Format(@Nullable String header) {
    if (header == null) {
      return false;
    }
    switch (header.trim()) {
      case "raw":
      case "json":
        return false;
      case "base64":
      case "json-binsafe":
        return true;
      default:
        throw ApiError.invalidHeader("s2-format", header);
    }
  }

  static String batch(List<StoredRecord> records, boolean base64, long @Nullable [] tail) {
    return Json.write(
        w -> {
          w.beginObject();
          w.name("records").beginArray();
          for (StoredRecord r : records) {
            w.beginObject();
            w.name("seq_num").value(Json.unsigned(r.seqNum));
            w.name("timestamp").value(Json.unsigned(r.timestamp));
            if (r.headerNames.length > 0) {
              w.name("headers").beginArray();
              for (int i = 0; i < r.headerNames.length; i++) {
                w.beginArray();
                w.value(text(r.headerNames[i], base64));
                w.value(text(r.headerValues[i], base64));
                w.endArray();
              }
              w.endArray();
            }
            if (r.body.length > 0) {
              w.name("body").value(text(r.body, base64));
            }
            w.endObject();
          }
          w.endArray();
          if (tail != null) {
            w.name("tail");
            Json.position(w, tail[0], tail[1]);
          }
          w.endObject();
        });
  }

  private static String text(byte[] bytes, boolean base64) {
    return base64 ? Base64.getEncoder().encodeToString(bytes) : Utf8.lossy(bytes);
  }

  static void ping(JsonWriter w, long now, long tailSeq, long tailTs) throws IOException {
    w.beginObject();
    w.name("timestamp").value(now);
    w.name("tail");
    Json.position(w, tailSeq, tailTs);
    w.endObject();
  }
}
