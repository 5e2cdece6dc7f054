package dev.s2.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** A header of an appended record: a name and a value, both bytes. Immutable. */
public final class RecordHeader {
  private final byte[] name;
  private final byte[] value;

  RecordHeader(byte[] name, byte[] value) {
    this.name = name.clone();
    this.value = value.clone();
  }

  /**
   * @return the name's bytes (a copy)
   */
  public byte[] name() {
    return name.clone();
  }

  /**
   * @return the value's bytes (a copy)
   */
  public byte[] value() {
    return value.clone();
  }

  /**
   * @return the name decoded as UTF-8
   */
  public String nameUtf8() {
    return new String(name, StandardCharsets.UTF_8);
  }

  /**
   * @return the value decoded as UTF-8
   */
  public String valueUtf8() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(@Nullable Object o) {
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
    return nameUtf8() + "=" + valueUtf8();
  }
}
