package dev.s2.client;

import java.util.regex.Pattern;
import okhttp3.logging.HttpLoggingInterceptor;

/**
 * Masks secrets in HTTP log lines before they reach the caller's logger: the client's own token wherever it
 * appears, and the value of any JSON {@code "access_token"} field (the secret of a newly issued token, which a
 * body-level log would otherwise print). The {@code Authorization} header is also redacted by the interceptor.
 */
final class RedactingLogger implements HttpLoggingInterceptor.Logger {
  private static final Pattern ISSUED_SECRET = Pattern.compile("(\"access_token\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")");

  private final HttpLoggingInterceptor.Logger delegate;
  private final Redactor redactor;

  RedactingLogger(HttpLoggingInterceptor.Logger delegate, Redactor redactor) {
    this.delegate = delegate;
    this.redactor = redactor;
  }

  @Override
  public void log(String message) {
    String masked = ISSUED_SECRET.matcher(message).replaceAll("$1" + Redactor.MASK + "$2");
    delegate.log(redactor.redact(masked));
  }
}
