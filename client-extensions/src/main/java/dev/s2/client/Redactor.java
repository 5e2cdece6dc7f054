package dev.s2.client;

import org.jspecify.annotations.Nullable;

/** Masks the access token wherever a server-provided text could echo it back into a message. */
final class Redactor {
  static final String MASK = "****";
  private final String secret;

  Redactor(String secret) {
    this.secret = secret;
  }

  @Nullable String redact(@Nullable String text) {
    if (text == null || secret.isEmpty()) {
      return text;
    }
    return text.replace(secret, MASK);
  }
}
