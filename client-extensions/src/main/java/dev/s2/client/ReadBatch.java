package dev.s2.client;

import dev.s2.model.StreamPosition;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Records read from a stream in one piece, in order, and the stream's tail when the service sent it
 * (it does when the read reached recent records). Immutable.
 */
public final class ReadBatch {
  private final List<SequencedRecord> records;
  private final @Nullable StreamPosition tail;

  ReadBatch(List<SequencedRecord> records, @Nullable StreamPosition tail) {
    this.records = Collections.unmodifiableList(records);
    this.tail = tail;
  }

  /**
   * The records, in sequence-number order.
   *
   * @return an unmodifiable list, empty when a bound stopped the read before any record
   */
  public List<SequencedRecord> records() {
    return records;
  }

  /**
   * The stream's tail: the seq num the next record will get and the timestamp of the last one.
   *
   * @return the tail, or empty when the service did not send it
   */
  public Optional<StreamPosition> tail() {
    return Optional.ofNullable(tail);
  }

  /**
   * The metered size of the records (what S2 counts against read limits).
   *
   * @return the sum of the records' metered bytes
   */
  public long meteredBytes() {
    long sum = 0;
    for (SequencedRecord r : records) {
      sum += r.meteredBytes();
    }
    return sum;
  }

  @Override
  public String toString() {
    return "ReadBatch{records="
        + records.size()
        + (records.isEmpty()
            ? ""
            : ", seqNums="
                + records.get(0).seqNum()
                + ".."
                + records.get(records.size() - 1).seqNum())
        + (tail == null ? "" : ", tail=" + tail.seqNum())
        + '}';
  }
}
