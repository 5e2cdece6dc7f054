package dev.s2.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A record as stored on a stream: its sequence number, timestamp, headers and body, byte for byte
 * as appended. Immutable.
 */
public final class SequencedRecord {
  private final long seqNum;
  private final long timestamp;
  private final List<RecordHeader> headers;
  private final byte[] body;

  SequencedRecord(long seqNum, long timestamp, List<RecordHeader> headers, byte[] body) {
    this.seqNum = seqNum;
    this.timestamp = timestamp;
    // no wrapper for no headers: the session iterates every record's headers (meteredBytes)
    this.headers = headers.isEmpty() ? List.of() : Collections.unmodifiableList(headers);
    this.body = body;
  }

  /**
   * The sequence number the service assigned.
   *
   * @return the seq num, from 0
   */
  public long seqNum() {
    return seqNum;
  }

  /**
   * The record's timestamp (milliseconds since the Unix epoch when the service assigned it).
   *
   * @return the timestamp
   */
  public long timestamp() {
    return timestamp;
  }

  /**
   * The headers, in order.
   *
   * @return an unmodifiable list
   */
  public List<RecordHeader> headers() {
    return headers;
  }

  /**
   * The body.
   *
   * @return a copy of its bytes
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body, without copying.
   *
   * @return a read-only view
   */
  public ByteBuffer bodyBuffer() {
    return ByteBuffer.wrap(body).asReadOnlyBuffer();
  }

  /**
   * The body decoded as UTF-8 (invalid bytes replaced by U+FFFD).
   *
   * @return the body as text
   */
  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The size S2 meters for this record (8 + 2 × headers + header bytes + body bytes).
   *
   * @return the metered size in bytes
   */
  public long meteredBytes() {
    long size = 8L + body.length;
    // by index: called for every record a session reads, an iterator each time costs
    for (int i = 0, n = headers.size(); i < n; i++) {
      RecordHeader h = headers.get(i);
      size += 2L + h.nameLength() + h.valueLength();
    }
    return size;
  }

  /**
   * Whether this is a command record (fence or trim: its only header has an empty name).
   *
   * @return true for command records
   */
  public boolean isCommand() {
    return headers.size() == 1 && headers.get(0).nameLength() == 0;
  }

  byte[] bodyBytes() {
    return body;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SequencedRecord)) {
      return false;
    }
    SequencedRecord r = (SequencedRecord) o;
    return seqNum == r.seqNum
        && timestamp == r.timestamp
        && Arrays.equals(body, r.body)
        && headers.equals(r.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(seqNum, timestamp, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "SequencedRecord{seqNum="
        + seqNum
        + ", timestamp="
        + timestamp
        + ", body="
        + Bytes.describe(body)
        + (headers.isEmpty() ? "" : ", headers=" + headers)
        + '}';
  }
}
