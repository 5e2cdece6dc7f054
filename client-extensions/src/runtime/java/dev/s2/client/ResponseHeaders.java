package dev.s2.client;

import java.util.Optional;
import java.util.function.Function;
import okhttp3.Headers;

/** Reads the headers the spec declares on a response, for the result classes of the generated facades. */
final class ResponseHeaders {
  private ResponseHeaders() {}

  /** The header's value parsed, or empty when the response did not carry it. */
  static <T> Optional<T> read(Headers headers, String name, Function<String, T> parse) {
    String value = headers.get(name);
    return value == null ? Optional.empty() : Optional.of(parse.apply(value.trim()));
  }
}
