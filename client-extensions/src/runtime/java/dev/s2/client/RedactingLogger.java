package dev.s2.client;

import okhttp3.logging.HttpLoggingInterceptor;

/**
 * Masks secrets in HTTP log lines before they reach the caller's logger, with the client's {@link Redactor}:
 * the client's own token and the tokens it issued wherever they appear, escaped or split, and the value of any
 * JSON {@code "access_token"} field (the secret of a newly issued token, which a body-level log would otherwise
 * print). The {@code Authorization} header is also redacted by the interceptor. Lines are bounded by the bodies
 * the client reads ({@link BoundedBodies}).
 */
final class RedactingLogger implements HttpLoggingInterceptor.Logger {
  private final HttpLoggingInterceptor.Logger delegate;
  private final Redactor redactor;

  RedactingLogger(HttpLoggingInterceptor.Logger delegate, Redactor redactor) {
    this.delegate = delegate;
    this.redactor = redactor;
  }

  @Override
  public void log(String message) {
    delegate.log(redactor.redact(message));
  }
}
