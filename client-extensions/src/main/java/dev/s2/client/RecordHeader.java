package dev.s2.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One header of a record: a name and a value, both bytes (S2 stores them as given; the SDK sends
 * them so that any byte survives). Immutable. A header with an empty name marks a command record
 * ({@link AppendRecord#fence}, {@link AppendRecord#trim}).
 */
public final class RecordHeader {
  private final byte[] name;
  private final byte[] value;

  private RecordHeader(byte[] name, byte[] value) {
    this.name = name;
    this.value = value;
  }

  /**
   * A header from bytes, copied.
   *
   * @param name the name; not null
   * @param value the value; not null
   * @return the header
   * @throws IllegalArgumentException if an argument is null
   */
  public static RecordHeader of(byte[] name, byte[] value) {
    Checks.notNull(name, "header name");
    Checks.notNull(value, "header value");
    return new RecordHeader(name.clone(), value.clone());
  }

  /**
   * A header from text, encoded as UTF-8.
   *
   * @param name the name; not null
   * @param value the value; not null
   * @return the header
   * @throws IllegalArgumentException if an argument is null
   */
  public static RecordHeader of(String name, String value) {
    Checks.notNull(name, "header name");
    Checks.notNull(value, "header value");
    return new RecordHeader(
        name.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
  }

  /** Wraps without copying: the arrays are fresh and owned by the caller inside the SDK. */
  static RecordHeader wrap(byte[] name, byte[] value) {
    return new RecordHeader(name, value);
  }

  /**
   * The name.
   *
   * @return a copy of the name's bytes
   */
  public byte[] name() {
    return name.clone();
  }

  /**
   * The value.
   *
   * @return a copy of the value's bytes
   */
  public byte[] value() {
    return value.clone();
  }

  /**
   * The name decoded as UTF-8 (invalid bytes replaced by U+FFFD).
   *
   * @return the name as text
   */
  public String nameAsString() {
    return new String(name, StandardCharsets.UTF_8);
  }

  /**
   * The value decoded as UTF-8 (invalid bytes replaced by U+FFFD).
   *
   * @return the value as text
   */
  public String valueAsString() {
    return new String(value, StandardCharsets.UTF_8);
  }

  int nameLength() {
    return name.length;
  }

  int valueLength() {
    return value.length;
  }

  byte[] nameBytes() {
    return name;
  }

  byte[] valueBytes() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordHeader
        && Arrays.equals(name, ((RecordHeader) o).name)
        && Arrays.equals(value, ((RecordHeader) o).value);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(name) + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "RecordHeader{" + Bytes.describe(name) + '=' + Bytes.describe(value) + '}';
  }
}
