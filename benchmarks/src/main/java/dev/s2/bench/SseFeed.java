package dev.s2.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The precomputed SSE bytes of a read session over records of one body size, as S2 sends them over
 * HTTP/1.1 ({@code lite/src/handlers/v1/records.rs}, mirrored by the embedded S2's {@code
 * SseSession}): one {@code event: batch} per batch of at most 1000 records and 1 MiB metered
 * ({@code id: <last seq num>,<records so far>,<metered bytes so far>}, {@code data:} a base64
 * {@code ReadBatch} on one line), then {@code data: [DONE]}, each event one chunk of a chunked
 * body.
 *
 * <p>One batch is built once ({@link #template()}); the server serves any number of records from it
 * by rewriting the 13 seq num digits of each record in place (seq nums are kept at 13 digits:
 * {@link #BASE_SEQ_NUM} and above), so a read of 10 million records costs the server a copy of the
 * template per connection and a few bytes per record. Bodies are random bytes (a fixed seed),
 * different for each record of a batch.
 */
final class SseFeed {
  /**
   * The first seq num of every benchmark stream: 13 digits, so that any seq num below 10^13 has the
   * same width.
   */
  static final long BASE_SEQ_NUM = 1_000_000_000_000L;

  /** A fixed timestamp (2026-01-01T00:00:00Z) for every record. */
  static final long TIMESTAMP = 1_767_225_600_000L;

  static final int SEQ_DIGITS = 13;
  private static final long MAX_SEQ_NUM = 9_999_999_999_999L;

  /** Room before the JSON in a scratch buffer for the chunk size line and the event's head. */
  private static final int HEAD_ROOM = 128;

  private static final byte[] TRAILER = "\n\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DONE_EVENT = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

  /** The last event, {@code data: [DONE]}, as a chunk, and the last chunk of the body. */
  private static final byte[] DONE = chunk(DONE_EVENT, "0\r\n\r\n");

  final int bodyBytes;
  final int recordsPerBatch;

  /** The metered size of one record: 8 + body (no headers). */
  final long meteredBytes;

  private final byte[] json;
  private final int[] seqOffsets;

  SseFeed(int bodyBytes) {
    checkSize(bodyBytes);
    this.bodyBytes = bodyBytes;
    this.meteredBytes = 8L + bodyBytes;
    this.recordsPerBatch = recordsPerBatch(bodyBytes);
    SplittableRandom random = new SplittableRandom(bodyBytes);
    StringBuilder sb = new StringBuilder(recordsPerBatch * (bodyBytes * 4 / 3 + 64));
    int[] offsets = new int[recordsPerBatch];
    sb.append("{\"records\":[");
    for (int i = 0; i < recordsPerBatch; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"seq_num\":");
      offsets[i] = sb.length(); // ASCII: chars are bytes
      sb.append(BASE_SEQ_NUM + i)
          .append(",\"timestamp\":")
          .append(TIMESTAMP)
          .append(",\"body\":\"")
          .append(Base64.getEncoder().encodeToString(RecordBodies.body(bodyBytes, random)))
          .append("\"}");
    }
    sb.append("]}");
    this.json = sb.toString().getBytes(StandardCharsets.US_ASCII);
    this.seqOffsets = offsets;
  }

  /** The records of a full batch of records of this body size: at most 1000 and 1 MiB metered. */
  static int recordsPerBatch(int bodyBytes) {
    checkSize(bodyBytes);
    return (int) Math.min(1000, (1L << 20) / (8L + bodyBytes));
  }

  /** A body size a batch can hold: 0 to 1 MiB - 8 bytes. */
  static void checkSize(int bodyBytes) {
    if (bodyBytes < 0 || bodyBytes > (1 << 20) - 8) {
      throw new IllegalArgumentException(
          "a record body must be 0 to 1 MiB - 8 bytes, was " + bodyBytes);
    }
  }

  /** The {@code data} of the first batch event (records from {@link #BASE_SEQ_NUM}), as sent. */
  byte[] template() {
    return json.clone();
  }

  /** How many batch events a read of {@code count} records takes. */
  int batches(long count) {
    return (int) ((count + recordsPerBatch - 1) / recordsPerBatch);
  }

  /** The bytes of the events (chunk framing aside) of a read of {@code count} records. */
  long eventBytes(long count) {
    long length = 0;
    long records = 0;
    for (int b = 0; b < batches(count); b++) {
      int n = (int) Math.min(recordsPerBatch, count - records);
      records += n;
      length +=
          eventHead(BASE_SEQ_NUM + records - 1, records, records * meteredBytes).length()
              + jsonLength(n)
              + 2;
    }
    return length + DONE_EVENT.length;
  }

  /** A copy of a feed's template to patch, kept by a connection between reads. */
  static final class Scratch {
    private @Nullable SseFeed feed;
    private byte[] bytes = new byte[0];

    private byte[] of(SseFeed f) {
      if (feed != f) {
        bytes = new byte[HEAD_ROOM + f.json.length + TRAILER.length];
        System.arraycopy(f.json, 0, bytes, HEAD_ROOM, f.json.length);
        feed = f;
      }
      return bytes;
    }
  }

  /**
   * Writes the SSE body of a read of {@code count} records from {@code start}: every batch, then
   * {@code [DONE]}, as the chunks of a chunked body or, with {@code chunked} false, as the bare
   * events. Records are numbered {@code start}, {@code start + 1}, ...
   *
   * @throws IllegalArgumentException if a seq num would not have 13 digits
   */
  void write(OutputStream out, long start, long count, boolean chunked, Scratch holder)
      throws IOException {
    if (start < BASE_SEQ_NUM || start + count - 1 > MAX_SEQ_NUM || count <= 0) {
      throw new IllegalArgumentException(
          "seq nums must stay within 13 digits: start " + start + ", count " + count);
    }
    byte[] scratch = holder.of(this);
    byte[] digits = new byte[SEQ_DIGITS];
    int trailer = chunked ? TRAILER.length : 2; // "\n\n" ends the event, then the chunk's CRLF
    long sent = 0;
    while (sent < count) {
      int n = (int) Math.min(recordsPerBatch, count - sent);
      setDigits(digits, start + sent);
      for (int i = 0; i < n; i++) {
        System.arraycopy(digits, 0, scratch, HEAD_ROOM + seqOffsets[i], SEQ_DIGITS);
        increment(digits);
      }
      int length = jsonLength(n);
      if (n < recordsPerBatch) { // the last, shorter batch: close the array after record n
        scratch[HEAD_ROOM + length - 2] = ']';
        scratch[HEAD_ROOM + length - 1] = '}';
      }
      sent += n;
      byte[] head =
          chunked
              ? chunkHead(start + sent - 1, sent, sent * meteredBytes, length)
              : eventHead(start + sent - 1, sent, sent * meteredBytes)
                  .getBytes(StandardCharsets.US_ASCII);
      int from = HEAD_ROOM - head.length;
      System.arraycopy(head, 0, scratch, from, head.length);
      System.arraycopy(TRAILER, 0, scratch, HEAD_ROOM + length, trailer);
      out.write(scratch, from, head.length + length + trailer);
      // the template again where a shorter batch changed it
      System.arraycopy(
          json,
          length - 2,
          scratch,
          HEAD_ROOM + length - 2,
          Math.min(json.length - length + 2, 2 + trailer));
    }
    out.write(chunked ? DONE : DONE_EVENT);
    out.flush();
  }

  /**
   * The bare events (no chunk framing) of a read of {@code count} records from the base, as bytes.
   */
  byte[] events(long count) {
    ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      write(out, BASE_SEQ_NUM, count, false, new Scratch());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The length of the JSON of a batch of the first {@code n} records of the template. */
  private int jsonLength(int n) {
    return n == recordsPerBatch
        ? json.length
        : seqOffsets[n] - "{\"seq_num\":".length() + 1; // up to ",", then "]}"
  }

  /**
   * A batch event up to {@code data: }: its name and its id (last seq num, records and metered
   * bytes so far).
   */
  private static String eventHead(long last, long records, long bytes) {
    return "event: batch\nid: " + last + "," + records + "," + bytes + "\ndata: ";
  }

  /** The chunk size line and the event's head. */
  private static byte[] chunkHead(long last, long records, long bytes, int jsonLength) {
    String event = eventHead(last, records, bytes);
    int size = event.length() + jsonLength + 2; // the event ends with a blank line
    return (Integer.toHexString(size) + "\r\n" + event).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] chunk(byte[] data, String after) {
    byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n" + after).getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + data.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(data, 0, all, head.length, data.length);
    System.arraycopy(tail, 0, all, head.length + data.length, tail.length);
    return all;
  }

  private static void setDigits(byte[] digits, long value) {
    long v = value;
    for (int k = SEQ_DIGITS - 1; k >= 0; k--) {
      digits[k] = (byte) ('0' + v % 10);
      v /= 10;
    }
  }

  private static void increment(byte[] digits) {
    for (int k = SEQ_DIGITS - 1; k >= 0; k--) {
      if (digits[k] != '9') {
        digits[k]++;
        return;
      }
      digits[k] = '0';
    }
  }
}
