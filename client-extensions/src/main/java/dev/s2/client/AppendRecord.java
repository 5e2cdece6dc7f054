package dev.s2.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A record to append: a body, headers and an optional timestamp. Bodies and headers are bytes and
 * arrive on the stream exactly as given, whatever they contain (the SDK chooses an encoding on the
 * wire that preserves every byte). Immutable.
 *
 * <pre>{@code
 * AppendRecord.of("hello");
 * AppendRecord.builder().body(bytes).header("content-type", "application/json").timestamp(ms).build();
 * AppendRecord.fence("writer-2");       // command record: set the fencing token
 * AppendRecord.trim(1_000);             // command record: trim the stream before seq num 1000
 * }</pre>
 *
 * <p>Its {@link #meteredBytes()} (8 + 2 per header + header bytes + body bytes) is what S2 counts
 * against the 1 MiB limit of a batch.
 */
public final class AppendRecord {
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] FENCE = "fence".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TRIM = "trim".getBytes(StandardCharsets.UTF_8);

  private final byte[] body;
  private final List<RecordHeader> headers;
  private final long timestamp;
  private final long meteredBytes;

  private AppendRecord(byte[] body, List<RecordHeader> headers, long timestamp) {
    this.body = body;
    this.headers = headers;
    this.timestamp = timestamp;
    long size = 8L + body.length;
    for (RecordHeader h : headers) {
      size += 2L + h.nameLength() + h.valueLength();
    }
    this.meteredBytes = size;
  }

  /**
   * A record whose body is {@code body} encoded as UTF-8, with no header.
   *
   * @param body the text; not null
   * @return the record
   * @throws IllegalArgumentException if null
   */
  public static AppendRecord of(String body) {
    Checks.notNull(body, "body");
    return new AppendRecord(body.getBytes(StandardCharsets.UTF_8), List.of(), -1);
  }

  /**
   * A record with this body (copied) and no header.
   *
   * @param body the bytes; not null
   * @return the record
   * @throws IllegalArgumentException if null
   */
  public static AppendRecord of(byte[] body) {
    Checks.notNull(body, "body");
    return new AppendRecord(body.clone(), List.of(), -1);
  }

  /**
   * A command record that sets the stream's fencing token: later appends that give a fencing token
   * must give this one.
   *
   * @param fencingToken the new token, at most 36 bytes of UTF-8; empty clears it
   * @return the command record
   * @throws IllegalArgumentException if null or longer than 36 bytes
   */
  public static AppendRecord fence(String fencingToken) {
    Checks.notNull(fencingToken, "fencingToken");
    byte[] token = fencingToken.getBytes(StandardCharsets.UTF_8);
    if (token.length > AppendOptions.MAX_FENCING_TOKEN_BYTES) {
      throw new IllegalArgumentException(
          "fencingToken must be at most "
              + AppendOptions.MAX_FENCING_TOKEN_BYTES
              + " bytes of UTF-8, was "
              + token.length
              + " bytes");
    }
    return new AppendRecord(token, List.of(RecordHeader.wrap(EMPTY, FENCE)), -1);
  }

  /**
   * A command record that trims the stream: records before {@code seqNum} are removed (eventually).
   *
   * @param seqNum the first sequence number to keep; at least 0
   * @return the command record
   * @throws IllegalArgumentException if negative
   */
  public static AppendRecord trim(long seqNum) {
    if (seqNum < 0) {
      throw new IllegalArgumentException("seqNum must be at least 0, was " + seqNum);
    }
    return new AppendRecord(
        ByteBuffer.allocate(8).putLong(seqNum).array(),
        List.of(RecordHeader.wrap(EMPTY, TRIM)),
        -1);
  }

  /**
   * A builder with an empty body, no header and no timestamp.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The body.
   *
   * @return a copy of the body's bytes
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body, without copying.
   *
   * @return a read-only view of the body
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

  byte[] bodyBytes() {
    return body;
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
   * The timestamp to give the record, in milliseconds since the Unix epoch unless the stream says
   * otherwise.
   *
   * @return the timestamp, or empty to let the service assign it (per the stream's timestamping
   *     mode)
   */
  public OptionalLong timestamp() {
    return timestamp < 0 ? OptionalLong.empty() : OptionalLong.of(timestamp);
  }

  /**
   * The size S2 meters for this record: 8 + 2 × headers + the bytes of every header name and value
   * + the body.
   *
   * @return the metered size in bytes
   */
  public long meteredBytes() {
    return meteredBytes;
  }

  /**
   * Whether this is a command record (its only header has an empty name).
   *
   * @return true for fence and trim records
   */
  public boolean isCommand() {
    return headers.size() == 1 && headers.get(0).nameLength() == 0;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AppendRecord)) {
      return false;
    }
    AppendRecord r = (AppendRecord) o;
    return timestamp == r.timestamp && Arrays.equals(body, r.body) && headers.equals(r.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(body), headers, timestamp);
  }

  @Override
  public String toString() {
    return "AppendRecord{body="
        + Bytes.describe(body)
        + (headers.isEmpty() ? "" : ", headers=" + headers)
        + (timestamp < 0 ? "" : ", timestamp=" + timestamp)
        + '}';
  }

  /** Builds an {@link AppendRecord}. */
  public static final class Builder {
    private byte[] body = EMPTY;
    private final List<RecordHeader> headers = new ArrayList<>();
    private long timestamp = -1;

    private Builder() {}

    /**
     * The body (copied).
     *
     * @param body the bytes; not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder body(byte[] body) {
      this.body = Checks.notNull(body, "body").clone();
      return this;
    }

    /**
     * The body, encoded as UTF-8.
     *
     * @param body the text; not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder body(String body) {
      this.body = Checks.notNull(body, "body").getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /**
     * Adds a header.
     *
     * @param header the header; not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder header(RecordHeader header) {
      headers.add(Checks.notNull(header, "header"));
      return this;
    }

    /**
     * Adds a header given as text (UTF-8).
     *
     * @param name the name; not null
     * @param value the value; not null
     * @return this builder
     * @throws IllegalArgumentException if an argument is null
     */
    public Builder header(String name, String value) {
      return header(RecordHeader.of(name, value));
    }

    /**
     * Adds a header given as bytes (copied).
     *
     * @param name the name; not null
     * @param value the value; not null
     * @return this builder
     * @throws IllegalArgumentException if an argument is null
     */
    public Builder header(byte[] name, byte[] value) {
      return header(RecordHeader.of(name, value));
    }

    /**
     * The record's timestamp (how the service uses it depends on the stream's timestamping mode).
     *
     * @param timestamp at least 0, usually milliseconds since the Unix epoch
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder timestamp(long timestamp) {
      if (timestamp < 0) {
        throw new IllegalArgumentException("timestamp must be at least 0, was " + timestamp);
      }
      this.timestamp = timestamp;
      return this;
    }

    /**
     * Builds the record.
     *
     * @return the new record
     */
    public AppendRecord build() {
      return new AppendRecord(body, List.copyOf(headers), timestamp);
    }
  }

  /** For the SDK's decoders: a record from fresh arrays, without copying. */
  static AppendRecord wrap(byte[] body, List<RecordHeader> headers, @Nullable Long timestamp) {
    return new AppendRecord(
        body, Collections.unmodifiableList(headers), timestamp == null ? -1 : timestamp);
  }
}
