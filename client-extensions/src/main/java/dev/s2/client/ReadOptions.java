package dev.s2.client;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Where a read starts and what bounds it. Immutable; build one with the static factories and the
 * {@code with} methods:
 *
 * <pre>{@code
 * ReadOptions.fromSeqNum(0).withCount(100);
 * ReadOptions.fromTimestamp(epochMillis).withUntil(laterMillis);
 * ReadOptions.fromTailOffset(10);                 // the last 10 records, then follow
 * ReadOptions.fromSeqNum(n).withClamp(true);      // start at the tail if n is beyond it (instead of a 416)
 * }</pre>
 *
 * <p>Bounds: {@code count} records, {@code bytes} metered bytes, {@code until} (an exclusive
 * timestamp), and {@code wait}: how long to wait for new records (a unary read waits at most 60 s;
 * in a read session it bounds the time between records). A unary read returns at most 1000 records
 * or 1 MiB whatever the bounds.
 */
public final class ReadOptions {
  /** Where a read starts. */
  public enum Start {
    /** At a sequence number. */
    SEQ_NUM,
    /** At the first record whose timestamp is at least the given one. */
    TIMESTAMP,
    /** This many records before the tail (0: at the tail, only new records). */
    TAIL_OFFSET
  }

  /** The longest wait of a unary read (the spec: "up to 60 seconds"). */
  public static final Duration MAX_UNARY_WAIT = Duration.ofSeconds(60);

  private final Start start;
  private final long startValue;
  private final long count;
  private final long bytes;
  private final long until;
  private final boolean clamp;
  private final @Nullable Duration wait;

  private ReadOptions(
      Start start,
      long startValue,
      long count,
      long bytes,
      long until,
      boolean clamp,
      @Nullable Duration wait) {
    this.start = start;
    this.startValue = startValue;
    this.count = count;
    this.bytes = bytes;
    this.until = until;
    this.clamp = clamp;
    this.wait = wait;
  }

  private static long nonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be at least 0, was " + value);
    }
    return value;
  }

  /**
   * Starts at a sequence number.
   *
   * @param seqNum at least 0
   * @return the options
   * @throws IllegalArgumentException if negative
   */
  public static ReadOptions fromSeqNum(long seqNum) {
    return new ReadOptions(Start.SEQ_NUM, nonNegative(seqNum, "seqNum"), -1, -1, -1, false, null);
  }

  /**
   * Starts at the first record whose timestamp is at least {@code timestamp}.
   *
   * @param timestamp at least 0 (milliseconds since the Unix epoch, for service-assigned
   *     timestamps)
   * @return the options
   * @throws IllegalArgumentException if negative
   */
  public static ReadOptions fromTimestamp(long timestamp) {
    return new ReadOptions(
        Start.TIMESTAMP, nonNegative(timestamp, "timestamp"), -1, -1, -1, false, null);
  }

  /**
   * Starts {@code offset} records before the tail.
   *
   * @param offset at least 0; 0 reads only records appended from now on
   * @return the options
   * @throws IllegalArgumentException if negative
   */
  public static ReadOptions fromTailOffset(long offset) {
    return new ReadOptions(
        Start.TAIL_OFFSET, nonNegative(offset, "tailOffset"), -1, -1, -1, false, null);
  }

  /**
   * At most this many records.
   *
   * @param count at least 0
   * @return new options
   * @throws IllegalArgumentException if negative
   */
  public ReadOptions withCount(long count) {
    return new ReadOptions(
        start, startValue, nonNegative(count, "count"), bytes, until, clamp, wait);
  }

  /**
   * At most this many metered bytes.
   *
   * @param bytes at least 0
   * @return new options
   * @throws IllegalArgumentException if negative
   */
  public ReadOptions withBytes(long bytes) {
    return new ReadOptions(
        start, startValue, count, nonNegative(bytes, "bytes"), until, clamp, wait);
  }

  /**
   * Only records whose timestamp is before {@code until}.
   *
   * @param until an exclusive timestamp, at least 0
   * @return new options
   * @throws IllegalArgumentException if negative
   */
  public ReadOptions withUntil(long until) {
    return new ReadOptions(
        start, startValue, count, bytes, nonNegative(until, "until"), clamp, wait);
  }

  /**
   * Whether a start beyond the tail starts at the tail instead of failing with {@link
   * RangeNotSatisfiableException} (416).
   *
   * @param clamp true to clamp
   * @return new options
   */
  public ReadOptions withClamp(boolean clamp) {
    return new ReadOptions(start, startValue, count, bytes, until, clamp, wait);
  }

  /**
   * How long to wait for new records: a unary read waits up to this long for its first record (at
   * most 60 s); a read session ends when this long passes without a record.
   *
   * @param wait zero or more, in whole seconds on the wire (rounded up)
   * @return new options
   * @throws IllegalArgumentException if null or negative
   */
  public ReadOptions withWait(Duration wait) {
    Checks.notNull(wait, "wait");
    if (wait.isNegative()) {
      throw new IllegalArgumentException("wait must not be negative, was " + wait);
    }
    return new ReadOptions(start, startValue, count, bytes, until, clamp, wait);
  }

  /**
   * Where the read starts.
   *
   * @return the kind of start
   */
  public Start start() {
    return start;
  }

  /**
   * The sequence number, timestamp or tail offset the read starts at (see {@link #start()}).
   *
   * @return the start's value
   */
  public long startValue() {
    return startValue;
  }

  /**
   * The record count bound.
   *
   * @return it, or empty for none
   */
  public OptionalLong count() {
    return count < 0 ? OptionalLong.empty() : OptionalLong.of(count);
  }

  /**
   * The metered bytes bound.
   *
   * @return it, or empty for none
   */
  public OptionalLong bytes() {
    return bytes < 0 ? OptionalLong.empty() : OptionalLong.of(bytes);
  }

  /**
   * The exclusive timestamp bound.
   *
   * @return it, or empty for none
   */
  public OptionalLong until() {
    return until < 0 ? OptionalLong.empty() : OptionalLong.of(until);
  }

  /**
   * Whether a start beyond the tail is clamped to it.
   *
   * @return true to clamp
   */
  public boolean clamp() {
    return clamp;
  }

  /**
   * The wait for new records.
   *
   * @return it, or empty for the service's default
   */
  public Optional<Duration> waitFor() {
    return Optional.ofNullable(wait);
  }

  /**
   * The wait in whole seconds, rounded up, for the {@code wait} query parameter; null when unset.
   */
  @Nullable Integer waitSeconds() {
    if (wait == null) {
      return null;
    }
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return (int) Math.min(seconds, Integer.MAX_VALUE);
  }

  /**
   * These options moved on after {@code delivered} records and {@code bytesDelivered}, from {@code
   * nextSeqNum}.
   */
  ReadOptions resumeAt(
      long nextSeqNum, long delivered, long bytesDelivered, @Nullable Duration remainingWait) {
    return new ReadOptions(
        Start.SEQ_NUM,
        nextSeqNum,
        count < 0 ? -1 : Math.max(0, count - delivered),
        bytes < 0 ? -1 : Math.max(0, bytes - bytesDelivered),
        until,
        clamp,
        remainingWait == null ? wait : remainingWait);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ReadOptions)) {
      return false;
    }
    ReadOptions r = (ReadOptions) o;
    return start == r.start
        && startValue == r.startValue
        && count == r.count
        && bytes == r.bytes
        && until == r.until
        && clamp == r.clamp
        && java.util.Objects.equals(wait, r.wait);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(start, startValue, count, bytes, until, clamp, wait);
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("ReadOptions{")
            .append(start.name().toLowerCase(java.util.Locale.ROOT))
            .append('=')
            .append(startValue);
    if (count >= 0) {
      sb.append(", count=").append(count);
    }
    if (bytes >= 0) {
      sb.append(", bytes=").append(bytes);
    }
    if (until >= 0) {
      sb.append(", until=").append(until);
    }
    if (clamp) {
      sb.append(", clamp");
    }
    if (wait != null) {
      sb.append(", wait=").append(wait);
    }
    return sb.append('}').toString();
  }
}
