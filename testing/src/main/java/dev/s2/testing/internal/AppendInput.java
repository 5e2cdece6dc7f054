package dev.s2.testing.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A parsed and validated {@code AppendInput}, with the checks of S2's server in its order: JSON
 * shape ({@code bad_json}, 400), then record contents and batch limits ({@code invalid}, 422).
 */
public final class AppendInput {
  /** At most this many records per batch. */
  public static final int MAX_RECORDS = 1000;

  /** At most this many metered bytes per batch (and per read batch). */
  public static final int MAX_BYTES = 1024 * 1024;

  /** Fencing and request tokens are at most this long, in bytes. */
  public static final int MAX_TOKEN_BYTES = 36;

  /** One record to append. */
  static final class Entry {
    final @Nullable Long timestamp;
    final byte[][] names;
    final byte[][] values;
    final byte[] body;
    final int metered;

    Entry(@Nullable Long timestamp, byte[][] names, byte[][] values, byte[] body) {
      this.timestamp = timestamp;
      this.names = names;
      this.values = values;
      this.body = body;
      this.metered = StoredRecord.meteredSize(names, values, body);
    }
  }

  final List<Entry> records;
  final @Nullable Long matchSeqNum;
  final @Nullable String fencingToken;
  final long meteredBytes;

  private AppendInput(
      List<Entry> records, @Nullable Long matchSeqNum, @Nullable String fencingToken) {
    this.records = records;
    this.matchSeqNum = matchSeqNum;
    this.fencingToken = fencingToken;
    long sum = 0;
    for (Entry e : records) {
      sum += e.metered;
    }
    this.meteredBytes = sum;
  }

  public int count() {
    return records.size();
  }

  public long meteredBytes() {
    return meteredBytes;
  }

  /**
   * Parses a JSON body in the given {@code s2-format} ({@code base64} when true, else {@code raw}).
   */
  public static AppendInput parse(byte[] body, boolean base64) {
    Json.Obj o = Json.Obj.root(Json.parse(body));
    List<Object> records = o.arr("records");
    if (records == null) {
      throw o.missing("records");
    }
    Long matchSeqNum = o.u64("match_seq_num");
    String fencingToken = o.str("fencing_token");
    if (fencingToken != null && utf8Length(fencingToken) > MAX_TOKEN_BYTES) {
      throw ApiError.badJson("fencing token must not exceed 36 bytes in length at $.fencing_token");
    }
    List<Json.Obj> objs = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      objs.add(Json.Obj.of(records.get(i), "$.records[" + i + "]"));
    }
    // Shape first (as deserialization does), then contents.
    List<Object[]> shapes = new ArrayList<>(objs.size());
    for (Json.Obj r : objs) {
      Long ts = r.u64("timestamp");
      List<Object> headers = r.arr("headers");
      List<String[]> pairs = new ArrayList<>();
      if (headers != null) {
        for (int h = 0; h < headers.size(); h++) {
          Object pair = headers.get(h);
          String path = r.at("headers") + "[" + h + "]";
          if (!(pair instanceof List) || ((List<?>) pair).size() != 2) {
            throw ApiError.badJson(
                "invalid header at " + path + ": expected an array of two strings");
          }
          Object name = ((List<?>) pair).get(0);
          Object value = ((List<?>) pair).get(1);
          if (!(name instanceof String) || !(value instanceof String)) {
            throw ApiError.badJson(
                "invalid type at " + path + ": expected an array of two strings");
          }
          pairs.add(new String[] {(String) name, (String) value});
        }
      }
      String recordBody = r.str("body");
      shapes.add(new Object[] {ts, pairs, recordBody == null ? "" : recordBody});
    }
    List<Entry> entries = new ArrayList<>(shapes.size());
    for (Object[] shape : shapes) {
      @SuppressWarnings("unchecked")
      List<String[]> pairs = (List<String[]>) shape[1];
      byte[][] names = new byte[pairs.size()][];
      byte[][] values = new byte[pairs.size()][];
      for (int h = 0; h < pairs.size(); h++) {
        names[h] = decode(pairs.get(h)[0], base64);
        values[h] = decode(pairs.get(h)[1], base64);
      }
      entries.add(new Entry((Long) shape[0], names, values, decode((String) shape[2], base64)));
    }
    return validated(entries, matchSeqNum, fencingToken);
  }

  /**
   * A batch decoded from protobuf ({@code s2s/proto} sessions): the same checks as JSON, except
   * that a fencing token that is too long is {@code invalid} (422) there, as S2's protobuf
   * conversion reports it.
   */
  static AppendInput fromProto(
      List<Entry> entries, @Nullable Long matchSeqNum, @Nullable String fencingToken) {
    if (fencingToken != null && utf8Length(fencingToken) > MAX_TOKEN_BYTES) {
      throw ApiError.invalid("fencing token must not exceed 36 bytes in length");
    }
    return validated(entries, matchSeqNum, fencingToken);
  }

  private static AppendInput validated(
      List<Entry> entries, @Nullable Long matchSeqNum, @Nullable String fencingToken) {
    for (Entry entry : entries) {
      validateRecord(entry.names, entry.values, entry.body);
      if (entry.metered > MAX_BYTES) {
        throw ApiError.invalid("record must have metered size less than 1 MiB");
      }
    }
    if (entries.isEmpty()) {
      throw ApiError.invalid("record batch must not be empty");
    }
    if (entries.size() > MAX_RECORDS) {
      throw ApiError.invalid("record batch must not exceed 1000 records");
    }
    AppendInput input = new AppendInput(entries, matchSeqNum, fencingToken);
    if (input.meteredBytes > MAX_BYTES) {
      throw ApiError.invalid("record batch must not exceed a metered size of 1 MiB");
    }
    return input;
  }

  private static byte[] decode(String s, boolean base64) {
    if (!base64) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("invalid Base64 encoding");
    }
  }

  /** Command records (one header with an empty name) and header names, as S2 checks them. */
  private static void validateRecord(byte[][] names, byte[][] values, byte[] body) {
    if (names.length == 1 && names[0].length == 0) {
      String op = new String(values[0], StandardCharsets.UTF_8);
      if (op.equals("fence")) {
        String token = Utf8.strict(body);
        if (token == null) {
          throw ApiError.invalid("invalid `fence` command: invalid UTF-8");
        }
        if (body.length > MAX_TOKEN_BYTES) {
          throw ApiError.invalid(
              "invalid `fence` command: fencing token must not exceed 36 bytes in length");
        }
      } else if (op.equals("trim")) {
        if (body.length != 8) {
          throw ApiError.invalid(
              "invalid `trim` command: earliest sequence number to trim to was "
                  + body.length
                  + " bytes, must be 8");
        }
      } else {
        throw ApiError.invalid("unknown command");
      }
      return;
    }
    for (byte[] name : names) {
      if (name.length == 0) {
        throw ApiError.invalid("invalid header: empty name");
      }
    }
  }

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
