package dev.s2.testing.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One stream: its records, tail, fencing token and trim point. Guarded by the store's lock.
 *
 * <p>Append semantics follow S2's server ({@code lite/src/backend/streamer.rs}): the fencing token
 * is checked first, then {@code match_seq_num}; timestamps per the timestamping mode ({@code
 * client-prefer} takes the client's or the arrival time, {@code client-require} fails without one,
 * {@code arrival} ignores it), capped at the arrival time unless {@code uncapped}, and raised to
 * the last timestamp to stay monotonic. A {@code fence} command record sets the token; a {@code
 * trim} record moves the trim point to {@code min(body, its seq num + 1)} if that is higher.
 * Trimmed records are dropped at once (S2 drops them in the background).
 */
public final class StreamState {
  final BasinState basin;
  final String name;
  final Instant createdAt;
  StreamConfig config;
  final @Nullable String cipher;
  final @Nullable String creationKey;

  /** Records not trimmed, contiguous seq nums. */
  final ArrayList<StoredRecord> records = new ArrayList<>();

  long nextSeqNum;
  long lastTimestamp;
  String fencingToken = "";
  long trimPoint;
  boolean deleted;

  StreamState(
      BasinState basin,
      String name,
      Instant createdAt,
      StreamConfig config,
      @Nullable String creationKey) {
    this.basin = basin;
    this.name = name;
    this.createdAt = createdAt;
    this.config = config;
    this.cipher = basin.config.streamCipher;
    this.creationKey = creationKey;
  }

  public String name() {
    return name;
  }

  public BasinState basin() {
    return basin;
  }

  public long tailSeqNum() {
    return nextSeqNum;
  }

  public long tailTimestamp() {
    return lastTimestamp;
  }

  public boolean deleted() {
    return deleted;
  }

  public StreamConfig config() {
    return config;
  }

  /** The records kept (a snapshot). */
  public List<StoredRecord> snapshot() {
    return Collections.unmodifiableList(new ArrayList<>(records));
  }

  long storedBytes() {
    long sum = 0;
    for (StoredRecord r : records) {
      sum += r.meteredSize;
    }
    return sum;
  }

  /**
   * The ack positions: {@code [start seq, start ts, end seq, end ts]}; the tail equals the end
   * here.
   */
  long[] append(AppendInput input, long now) {
    if (input.fencingToken != null && !input.fencingToken.equals(fencingToken)) {
      throw ApiError.fencingTokenMismatch(fencingToken, input.fencingToken);
    }
    long first = nextSeqNum;
    if (input.matchSeqNum != null && input.matchSeqNum != first) {
      throw ApiError.seqNumMismatch(first, input.matchSeqNum);
    }
    String mode = config.timestampingMode();
    boolean uncapped = config.uncapped();
    long max = lastTimestamp;
    List<StoredRecord> sequenced = new ArrayList<>(input.records.size());
    for (int i = 0; i < input.records.size(); i++) {
      AppendInput.Entry e = input.records.get(i);
      long ts;
      switch (mode) {
        case "client-require":
          if (e.timestamp == null) {
            throw ApiError.invalid("record timestamp was required but was missing");
          }
          ts = e.timestamp;
          break;
        case "arrival":
          ts = now;
          break;
        default:
          ts = e.timestamp == null ? now : e.timestamp;
      }
      if (!uncapped && Long.compareUnsigned(ts, now) > 0) {
        ts = now;
      }
      if (Long.compareUnsigned(ts, max) < 0) {
        ts = max;
      } else {
        max = ts;
      }
      sequenced.add(new StoredRecord(first + i, ts, e.names, e.values, e.body));
    }
    for (StoredRecord r : sequenced) {
      if (r.isCommand()) {
        String op = new String(r.headerValues[0], StandardCharsets.US_ASCII);
        if (op.equals("fence")) {
          fencingToken = new String(r.body, StandardCharsets.UTF_8);
        } else if (op.equals("trim")) {
          long point = StoredRecord.trimPoint(r.body);
          long bounded = Long.compareUnsigned(point, r.seqNum + 1) < 0 ? point : r.seqNum + 1;
          if (Long.compareUnsigned(bounded, trimPoint) > 0) {
            trimPoint = bounded;
          }
        }
      }
    }
    records.addAll(sequenced);
    StoredRecord last = sequenced.get(sequenced.size() - 1);
    nextSeqNum = last.seqNum + 1;
    lastTimestamp = last.timestamp;
    applyTrim();
    return new long[] {first, sequenced.get(0).timestamp, nextSeqNum, lastTimestamp};
  }

  private void applyTrim() {
    int drop = 0;
    while (drop < records.size() && Long.compareUnsigned(records.get(drop).seqNum, trimPoint) < 0) {
      drop++;
    }
    if (drop > 0) {
      records.subList(0, drop).clear();
    }
  }

  /** Index in {@link #records} of the first record with seq num {@code >= seqNum}. */
  int indexOf(long seqNum) {
    if (records.isEmpty()) {
      return 0;
    }
    long firstSeq = records.get(0).seqNum;
    if (Long.compareUnsigned(seqNum, firstSeq) <= 0) {
      return 0;
    }
    long offset = seqNum - firstSeq;
    return offset >= records.size() ? records.size() : (int) offset;
  }

  /** Seq num of the first record with timestamp {@code >= ts}, or the tail. */
  long seqNumAtTimestamp(long ts) {
    int lo = 0;
    int hi = records.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Long.compareUnsigned(records.get(mid).timestamp, ts) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < records.size() ? records.get(lo).seqNum : nextSeqNum;
  }
}
