package dev.s2.testing;

import dev.s2.testing.internal.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A record held by the embedded S2, exactly as appended (bytes, not as any format rendered them),
 * with the seq num and timestamp the server assigned. For assertions on what a client wrote.
 * Immutable.
 */
public final class AppendedRecord {
  private final long seqNum;
  private final long timestamp;
  private final List<RecordHeader> headers;
  private final byte[] body;
  private final int meteredSize;
  private final boolean command;

  AppendedRecord(StoredRecord r) {
    this.seqNum = r.seqNum();
    this.timestamp = r.timestamp();
    List<RecordHeader> hs = new ArrayList<>(r.headerCount());
    for (int i = 0; i < r.headerCount(); i++) {
      hs.add(new RecordHeader(r.headerName(i), r.headerValue(i)));
    }
    this.headers = List.copyOf(hs);
    this.body = r.body();
    this.meteredSize = r.meteredSize();
    this.command = r.isCommand();
  }

  /**
   * @return the sequence number (a u64 held in a long)
   */
  public long seqNum() {
    return seqNum;
  }

  /**
   * @return the timestamp in milliseconds (a u64 held in a long)
   */
  public long timestamp() {
    return timestamp;
  }

  /**
   * @return the headers, in order
   */
  public List<RecordHeader> headers() {
    return headers;
  }

  /**
   * @return the body's bytes (a copy)
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * @return the body decoded as UTF-8 (invalid bytes replaced)
   */
  public String bodyUtf8() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * @return S2's metered size: 8 + 2 per header + header name and value bytes + body bytes
   */
  public int meteredSize() {
    return meteredSize;
  }

  /**
   * @return whether this is a command record ({@code fence} or {@code trim}: one header with an
   *     empty name)
   */
  public boolean isCommand() {
    return command;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof AppendedRecord)) {
      return false;
    }
    AppendedRecord r = (AppendedRecord) o;
    return seqNum == r.seqNum
        && timestamp == r.timestamp
        && headers.equals(r.headers)
        && Arrays.equals(body, r.body);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seqNum) * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "AppendedRecord{seq "
        + Long.toUnsignedString(seqNum)
        + ", ts "
        + Long.toUnsignedString(timestamp)
        + ", "
        + headers.size()
        + " headers, "
        + body.length
        + " body bytes}";
  }
}
