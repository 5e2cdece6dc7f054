package dev.s2.testing.internal;

import java.nio.ByteBuffer;

/**
 * A record as the embedded S2 keeps it: its position and its bytes (headers and body exactly as
 * appended).
 */
public final class StoredRecord {
  final long seqNum;
  final long timestamp;
  final byte[][] headerNames;
  final byte[][] headerValues;
  final byte[] body;
  final int meteredSize;

  StoredRecord(
      long seqNum, long timestamp, byte[][] headerNames, byte[][] headerValues, byte[] body) {
    this.seqNum = seqNum;
    this.timestamp = timestamp;
    this.headerNames = headerNames;
    this.headerValues = headerValues;
    this.body = body;
    this.meteredSize = meteredSize(headerNames, headerValues, body);
  }

  /** S2's metered size: 8 + 2 per header + the bytes of header names, values and the body. */
  static int meteredSize(byte[][] names, byte[][] values, byte[] body) {
    long size = 8L + 2L * names.length + body.length;
    for (int i = 0; i < names.length; i++) {
      size += names[i].length + values[i].length;
    }
    return (int) Math.min(Integer.MAX_VALUE, size);
  }

  public long seqNum() {
    return seqNum;
  }

  public long timestamp() {
    return timestamp;
  }

  public int headerCount() {
    return headerNames.length;
  }

  public byte[] headerName(int i) {
    return headerNames[i].clone();
  }

  public byte[] headerValue(int i) {
    return headerValues[i].clone();
  }

  public byte[] body() {
    return body.clone();
  }

  public int meteredSize() {
    return meteredSize;
  }

  /** A command record: exactly one header, whose name is empty. */
  public boolean isCommand() {
    return headerNames.length == 1 && headerNames[0].length == 0;
  }

  /** The trim point of a {@code trim} command record's body (8 bytes, big-endian). */
  static long trimPoint(byte[] body) {
    return ByteBuffer.wrap(body).getLong();
  }
}
