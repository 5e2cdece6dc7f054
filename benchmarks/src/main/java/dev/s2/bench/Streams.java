package dev.s2.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import s2.v1.AppendAck;
import s2.v1.StreamPosition;

/**
 * The tails of the benchmark servers' streams, and appends positioned as S2 positions them: a batch
 * is appended at the tail, and only when its {@code match_seq_num} (if any) is the tail, under a
 * lock. Streams exist on first use, with their tail at {@link SseFeed#BASE_SEQ_NUM}; every record
 * gets the timestamp {@link SseFeed#TIMESTAMP}.
 */
final class Streams {
  private final Map<String, long[]> tails = new ConcurrentHashMap<>();
  private final AtomicLong appends = new AtomicLong();
  private final AtomicLong mismatches = new AtomicLong();

  /** The stream's tail: the seq num its next appended record gets. */
  long tail(String stream) {
    long[] tail = tails.computeIfAbsent(stream, s -> new long[] {SseFeed.BASE_SEQ_NUM});
    synchronized (tail) {
      return tail[0];
    }
  }

  /**
   * Appends {@code count} records, at {@code match} when it is not negative.
   *
   * @return the seq num of the first record, or {@code -1 - tail} when the match is not the tail
   *     (nothing appended)
   */
  long append(String stream, long count, long match) {
    long[] tail = tails.computeIfAbsent(stream, s -> new long[] {SseFeed.BASE_SEQ_NUM});
    synchronized (tail) {
      long start = tail[0];
      if (match >= 0 && match != start) {
        mismatches.incrementAndGet();
        return -1 - start;
      }
      tail[0] = start + count;
      appends.incrementAndGet();
      return start;
    }
  }

  /** Appends positioned (412s aside). */
  long appends() {
    return appends.get();
  }

  /** Appends refused because their match was not the tail. */
  long mismatches() {
    return mismatches.get();
  }

  /** A position as JSON. */
  static String position(long seqNum) {
    return "{\"seq_num\":" + seqNum + ",\"timestamp\":" + SseFeed.TIMESTAMP + "}";
  }

  /** The JSON ack of {@code count} records appended from {@code start} (the tail is the end). */
  static String jsonAck(long start, long count) {
    return "{\"start\":"
        + position(start)
        + ",\"end\":"
        + position(start + count)
        + ",\"tail\":"
        + position(start + count)
        + "}";
  }

  /** The same ack in protobuf ({@code s2.v1.AppendAck}). */
  static byte[] protobufAck(long start, long count) {
    StreamPosition from =
        StreamPosition.newBuilder().setSeqNum(start).setTimestamp(SseFeed.TIMESTAMP).build();
    StreamPosition to =
        StreamPosition.newBuilder()
            .setSeqNum(start + count)
            .setTimestamp(SseFeed.TIMESTAMP)
            .build();
    return AppendAck.newBuilder().setStart(from).setEnd(to).setTail(to).build().toByteArray();
  }

  /** The body of a 412 {@code seq_num_mismatch} with the tail. */
  static String mismatch(long tail) {
    return "{\"seq_num_mismatch\":" + tail + "}";
  }
}
