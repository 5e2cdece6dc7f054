package dev.s2.testing.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The position and remaining bounds of one read (unary or session), following S2's read loop
 * ({@code lite/src/backend/read.rs}): records are taken in order from the next seq num; a record
 * past {@code until} or over the remaining count or bytes ends the read; batches hold at most 1000
 * records and 1 MiB. All methods run under the store's lock.
 */
public final class ReadCursor {
  private long next;
  private @Nullable Long remainingCount;
  private @Nullable Long remainingBytes;
  private final @Nullable Long until;
  private boolean exhausted;

  private ReadCursor(long next, ReadParams p) {
    this.next = next;
    this.remainingCount = p.count;
    this.remainingBytes = p.bytes;
    this.until = p.until;
  }

  /**
   * Resolves where a read starts, with S2's 416 rules: a start past the tail is refused unless
   * {@code clamp} (then it starts at the tail), and a start exactly at the tail is refused when the
   * read may not wait for new records.
   */
  static ReadCursor start(StreamState s, ReadParams p) {
    long tailSeq = s.nextSeqNum;
    long tailTs = s.lastTimestamp;
    boolean bySeq = p.from != ReadParams.From.TIMESTAMP;
    long pos;
    switch (p.from) {
      case SEQ_NUM:
        pos = p.start;
        break;
      case TAIL_OFFSET:
        pos = Long.compareUnsigned(p.start, tailSeq) >= 0 ? 0 : tailSeq - p.start;
        break;
      default:
        pos = p.start;
    }
    boolean beyond =
        bySeq ? Long.compareUnsigned(pos, tailSeq) > 0 : Long.compareUnsigned(pos, tailTs) > 0;
    if (beyond) {
      if (!p.clamp) {
        throw ApiError.unwritten(tailSeq, tailTs);
      }
      bySeq = true;
      pos = tailSeq;
    }
    if (bySeq && pos == tailSeq && !p.mayFollow()) {
      throw ApiError.unwritten(tailSeq, tailTs);
    }
    long startSeq = bySeq ? pos : s.seqNumAtTimestamp(pos);
    return new ReadCursor(startSeq, p);
  }

  /** A bound was reached: the read is over. */
  boolean exhausted() {
    return exhausted;
  }

  /** The cursor has read everything up to the stream's tail. */
  boolean atTail(StreamState s) {
    return Long.compareUnsigned(next, s.nextSeqNum) >= 0;
  }

  /**
   * Takes the next batch available (possibly empty), at most {@code maxCount} records and {@code
   * maxBytes}.
   */
  List<StoredRecord> take(StreamState s, int maxCount, long maxBytes) {
    List<StoredRecord> batch = new ArrayList<>();
    if (exhausted) {
      return batch;
    }
    long bytes = 0;
    for (int i = s.indexOf(next); i < s.records.size(); i++) {
      StoredRecord r = s.records.get(i);
      if ((until != null && Long.compareUnsigned(r.timestamp, until) >= 0)
          || (remainingCount != null && batch.size() + 1 > remainingCount)
          || (remainingBytes != null && bytes + r.meteredSize > remainingBytes)) {
        exhausted = true;
        break;
      }
      if (batch.size() == maxCount || bytes + r.meteredSize > maxBytes) {
        break;
      }
      batch.add(r);
      bytes += r.meteredSize;
    }
    if (!batch.isEmpty()) {
      next = batch.get(batch.size() - 1).seqNum + 1;
      if (remainingCount != null) {
        remainingCount -= batch.size();
        exhausted |= remainingCount == 0;
      }
      if (remainingBytes != null) {
        remainingBytes -= bytes;
        exhausted |= remainingBytes == 0;
      }
    } else if (Long.compareUnsigned(next, s.nextSeqNum) < 0 && !exhausted && s.records.isEmpty()) {
      next = s.nextSeqNum; // everything before the tail was trimmed
    }
    return batch;
  }

  static long meteredBytes(List<StoredRecord> batch) {
    long sum = 0;
    for (StoredRecord r : batch) {
      sum += r.meteredSize;
    }
    return sum;
  }
}
