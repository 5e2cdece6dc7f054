package dev.s2.testing.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The query of a read ({@code seq_num} | {@code timestamp} | {@code tail_offset}, {@code clamp},
 * {@code count}, {@code bytes}, {@code until}, {@code wait}), parsed as S2's server does ({@code
 * api/src/v1/stream/mod.rs}): malformed values are {@code bad_query} (400); two start positions, or
 * a start timestamp at or after {@code until}, are {@code invalid} (422). No start means {@code
 * tail_offset=0}. A zero {@code count} or {@code bytes} means "nothing": a limit of zero records.
 */
public final class ReadParams {
  /** Where a read starts. */
  public enum From {
    SEQ_NUM,
    TIMESTAMP,
    TAIL_OFFSET
  }

  From from = From.TAIL_OFFSET;
  long start;
  boolean clamp;
  @Nullable Long count;
  @Nullable Long bytes;
  @Nullable Long until;

  /** Seconds; null when not given. */
  @Nullable Long wait;

  public static ReadParams parse(Map<String, String> query) {
    ReadParams p = new ReadParams();
    Long seqNum = u64(query, "seq_num");
    Long timestamp = u64(query, "timestamp");
    Long tailOffset = u64(query, "tail_offset");
    String clamp = query.get("clamp");
    if (clamp != null) {
      if (!clamp.equals("true") && !clamp.equals("false")) {
        throw ApiError.badQuery("clamp: provided string was not `true` or `false`");
      }
      p.clamp = clamp.equals("true");
    }
    p.count = u64(query, "count");
    p.bytes = u64(query, "bytes");
    p.until = u64(query, "until");
    Long wait = u64(query, "wait");
    if (wait != null && Long.compareUnsigned(wait, 0xFFFF_FFFFL) > 0) {
      throw ApiError.badQuery("wait: number too large to fit in target type");
    }
    p.wait = wait;
    int starts =
        (seqNum != null ? 1 : 0) + (timestamp != null ? 1 : 0) + (tailOffset != null ? 1 : 0);
    if (starts > 1) {
      throw ApiError.invalid("only one of seq_num, timestamp, or tail_offset can be provided");
    }
    if (seqNum != null) {
      p.from = From.SEQ_NUM;
      p.start = seqNum;
    } else if (timestamp != null) {
      p.from = From.TIMESTAMP;
      p.start = timestamp;
    } else if (tailOffset != null) {
      p.start = tailOffset;
    }
    p.normalizeZeroLimit();
    return p;
  }

  private void normalizeZeroLimit() {
    if ((count != null && count == 0) || (bytes != null && bytes == 0)) {
      count = 0L;
      bytes = null;
    }
  }

  /** Checks that fail before any stream is touched. */
  void validate() {
    if (from == From.TIMESTAMP && until != null && Long.compareUnsigned(start, until) >= 0) {
      throw ApiError.invalid("start `timestamp` exceeds or equal to `until`");
    }
  }

  /** Unary reads: count and bytes capped at one batch (1000 records, 1 MiB), wait at 60 s. */
  void capForUnary() {
    count = count == null ? AppendInput.MAX_RECORDS : Math.min(count, AppendInput.MAX_RECORDS);
    bytes = bytes == null ? AppendInput.MAX_BYTES : Math.min(bytes, AppendInput.MAX_BYTES);
    if (wait != null) {
      wait = Math.min(wait, 60L);
    }
  }

  /**
   * Resumes after a {@code Last-Event-ID} of {@code seq_num,count,bytes}: from the next seq num,
   * with count and bytes reduced by what that connection delivered.
   */
  void resumeAfter(String lastEventId) {
    String[] parts = lastEventId.split(",", 3);
    String[] fields = {"seq_num", "count", "bytes"};
    long[] values = new long[3];
    for (int i = 0; i < 3; i++) {
      if (i >= parts.length) {
        throw ApiError.invalidHeader("last-event-id", "missing " + fields[i] + " in Last-Event-Id");
      }
      try {
        values[i] = Long.parseUnsignedLong(parts[i]);
      } catch (NumberFormatException e) {
        throw ApiError.invalidHeader(
            "last-event-id",
            "invalid " + fields[i] + " in Last-Event-ID: invalid digit found in string");
      }
    }
    from = From.SEQ_NUM;
    start = values[0] + 1;
    if (count != null) {
      count = Math.max(0, count - values[1]);
    }
    if (bytes != null) {
      bytes = Math.max(0, bytes - values[2]);
    }
    normalizeZeroLimit();
  }

  boolean limitBounded() {
    return count != null || bytes != null;
  }

  /** S2 follows live appends when unbounded (no count, bytes, until) or when waiting is allowed. */
  boolean mayFollow() {
    return (!limitBounded() && until == null) || (wait != null && wait > 0);
  }

  private static @Nullable Long u64(Map<String, String> query, String key) {
    String v = query.get(key);
    if (v == null) {
      return null;
    }
    if (v.isEmpty()) {
      throw ApiError.badQuery(key + ": cannot parse integer from empty string");
    }
    try {
      return Long.parseUnsignedLong(v);
    } catch (NumberFormatException e) {
      boolean digits = v.chars().allMatch(c -> c >= '0' && c <= '9');
      throw ApiError.badQuery(
          key
              + ": "
              + (digits
                  ? "number too large to fit in target type"
                  : "invalid digit found in string"));
    }
  }
}
