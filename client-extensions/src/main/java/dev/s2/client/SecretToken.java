package dev.s2.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * An access token's secret value. {@link #toString()} never reveals it, so logging the object, or
 * an object holding it, is safe; call {@link #reveal()} where the value is really needed (to hand
 * it to its user).
 */
public final class SecretToken {
  private final String value;

  SecretToken(String value) {
    this.value = Checks.notNull(value, "value");
  }

  /**
   * The secret itself. Keep it out of logs.
   *
   * @return the access token, as sent in {@code Authorization: Bearer}
   */
  public String reveal() {
    return value;
  }

  /** Compares secrets in constant time. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SecretToken
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8),
            ((SecretToken) o).value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0x5ec2e7; // all secrets hash alike: a hash would leak information about the value
  }

  /** Returns {@code SecretToken{****}}, never the value. */
  @Override
  public String toString() {
    return "SecretToken{" + Redactor.MASK + "}";
  }
}
