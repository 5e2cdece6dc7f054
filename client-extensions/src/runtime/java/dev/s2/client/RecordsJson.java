package dev.s2.client;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import dev.s2.model.StreamPosition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of records, read by hand in S2's {@code base64} format ({@code s2-format: base64}; the
 * append's JSON is written by {@link AppendBody}): bodies, header names and header values travel as
 * base64, so every byte survives whatever it is (the {@code raw} format would replace invalid
 * UTF-8). One pass, no reflection, no intermediate model: this is the hot path of appends and
 * reads.
 */
final class RecordsJson {
  /** The {@code s2-format} header value the SDK always sends for records. */
  static final String FORMAT = "base64";

  private static final JsonReader.Options BATCH = JsonReader.Options.of("records", "tail");
  private static final JsonReader.Options RECORD =
      JsonReader.Options.of("seq_num", "timestamp", "headers", "body");
  private static final JsonReader.Options POSITION = JsonReader.Options.of("seq_num", "timestamp");
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  private RecordsJson() {}

  /** A decoded batch: records and, when the service sent it, the tail. */
  static final class Batch {
    final List<SequencedRecord> records;
    final @Nullable StreamPosition tail;

    Batch(List<SequencedRecord> records, @Nullable StreamPosition tail) {
      this.records = records;
      this.tail = tail;
    }
  }

  /**
   * Reads a {@code ReadBatch}; a shape the spec does not allow fails with {@link
   * JsonDataException}.
   */
  static Batch readBatch(JsonReader r) throws IOException {
    List<SequencedRecord> records = null;
    StreamPosition tail = null;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(BATCH)) {
        case 0:
          records = readRecords(r);
          break;
        case 1:
          tail = r.peek() == JsonReader.Token.NULL ? r.nextNull() : readPosition(r);
          break;
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
    if (records == null) {
      throw new JsonDataException("Required property 'records' missing at " + r.getPath());
    }
    return new Batch(records, tail);
  }

  private static List<SequencedRecord> readRecords(JsonReader r) throws IOException {
    List<SequencedRecord> records = new ArrayList<>();
    r.beginArray();
    while (r.hasNext()) {
      records.add(readRecord(r));
    }
    r.endArray();
    return records;
  }

  private static SequencedRecord readRecord(JsonReader r) throws IOException {
    long seqNum = -1;
    long timestamp = -1;
    List<RecordHeader> headers = List.of();
    byte[] body = new byte[0];
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(RECORD)) {
        case 0:
          seqNum = u64(r);
          break;
        case 1:
          timestamp = u64(r);
          break;
        case 2:
          headers = readHeaders(r);
          break;
        case 3:
          body = base64(r);
          break;
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
    requirePosition(seqNum, timestamp, r);
    return new SequencedRecord(seqNum, timestamp, headers, body);
  }

  private static List<RecordHeader> readHeaders(JsonReader r) throws IOException {
    List<RecordHeader> headers = new ArrayList<>(2);
    r.beginArray();
    while (r.hasNext()) {
      r.beginArray();
      if (!r.hasNext()) {
        throw new JsonDataException("A header must be [name, value], was [] at " + r.getPath());
      }
      byte[] name = base64(r);
      if (!r.hasNext()) {
        throw new JsonDataException(
            "A header must be [name, value], had one element at " + r.getPath());
      }
      byte[] value = base64(r);
      if (r.hasNext()) {
        throw new JsonDataException(
            "A header must be [name, value], had more elements at " + r.getPath());
      }
      r.endArray();
      headers.add(RecordHeader.wrap(name, value));
    }
    r.endArray();
    return headers;
  }

  /** A {@code StreamPosition}: seq num and timestamp, both u64. */
  static StreamPosition readPosition(JsonReader r) throws IOException {
    long seqNum = -1;
    long timestamp = -1;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(POSITION)) {
        case 0:
          seqNum = u64(r);
          break;
        case 1:
          timestamp = u64(r);
          break;
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
    requirePosition(seqNum, timestamp, r);
    return StreamPosition.of(seqNum, timestamp);
  }

  /** Fails naming {@code seq_num} or {@code timestamp} when either was not read (still -1). */
  private static void requirePosition(long seqNum, long timestamp, JsonReader r) {
    if (seqNum < 0 || timestamp < 0) {
      throw new JsonDataException(
          "Required property '"
              + (seqNum < 0 ? "seq_num" : "timestamp")
              + "' missing at "
              + r.getPath());
    }
  }

  private static byte[] base64(JsonReader r) throws IOException {
    if (r.peek() != JsonReader.Token.STRING) {
      throw new JsonDataException(
          "Expected a base64 string but was " + r.peek() + " at " + r.getPath());
    }
    String s = r.nextString();
    try {
      return DECODER.decode(s);
    } catch (IllegalArgumentException e) {
      throw new JsonDataException("Invalid base64 at " + r.getPath() + ": " + e.getMessage());
    }
  }

  /** A u64 as a Java long: values beyond {@link Long#MAX_VALUE} are refused, never wrapped. */
  static long u64(JsonReader r) throws IOException {
    if (r.peek() != JsonReader.Token.NUMBER) {
      throw new JsonDataException(
          "Expected an unsigned integer but was " + r.peek() + " at " + r.getPath());
    }
    long v;
    try {
      v = r.nextLong();
    } catch (JsonDataException | NumberFormatException e) {
      throw new JsonDataException(
          "Expected an unsigned integer of at most " + Long.MAX_VALUE + " at " + r.getPath());
    }
    if (v < 0) {
      throw new JsonDataException(
          "Expected an unsigned integer but was " + v + " at " + r.getPath());
    }
    return v;
  }
}
