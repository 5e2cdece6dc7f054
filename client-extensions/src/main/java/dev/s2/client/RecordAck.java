package dev.s2.client;

import dev.s2.model.AppendAck;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Producer} answers for one record: the sequence number the stream gave it, and the
 * service's acknowledgement of the append that carried it. Immutable.
 */
public final class RecordAck {
  private final long seqNum;
  private final @Nullable AppendAck batch;

  RecordAck(long seqNum, @Nullable AppendAck batch) {
    this.seqNum = seqNum;
    this.batch = batch;
  }

  /**
   * The record's sequence number on the stream.
   *
   * @return at least 0
   */
  public long seqNum() {
    return seqNum;
  }

  /**
   * The acknowledgement of the append that carried the record: its start and end (exclusive)
   * positions with timestamps, and the stream's tail at the time.
   *
   * <p>Empty in one rare case: the answer to that append was lost (a connection cut after the
   * service had appended it) and the producer established from the service's answer to the retry
   * that the first attempt had succeeded (see {@link Producer}). That answer carries the sequence
   * numbers but no timestamps.
   *
   * @return the batch's acknowledgement, or empty when it was lost
   */
  public Optional<AppendAck> batch() {
    return Optional.ofNullable(batch);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof RecordAck)) {
      return false;
    }
    RecordAck other = (RecordAck) o;
    return seqNum == other.seqNum && Objects.equals(batch, other.batch);
  }

  @Override
  public int hashCode() {
    return Objects.hash(seqNum, batch);
  }

  @Override
  public String toString() {
    return "RecordAck{seqNum="
        + seqNum
        + (batch == null ? ", batch ack lost" : ", batch=" + batch)
        + '}';
  }
}
