package dev.s2.client;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import dev.s2.model.ErrorInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * How an error response becomes an exception: the one place that maps a status to its
 * {@link S2ServiceException} subtype and reads the body as an {@code ErrorInfo}.
 *
 * <p>The body is read up to {@link #MAX_BODY_BYTES}; a body that is not an {@code ErrorInfo} (HTML from a
 * proxy, truncated JSON, nothing) still yields the typed exception, with a short excerpt of the body.
 */
final class ErrorMapper {
  static final long MAX_BODY_BYTES = 64 * 1024;
  static final int EXCERPT_CHARS = 200;

  private final JsonAdapter<ErrorInfo> errorInfoAdapter;
  private final Redactor redactor;
  private final Clock clock;

  ErrorMapper(JsonAdapter<ErrorInfo> errorInfoAdapter, Redactor redactor, Clock clock) {
    this.errorInfoAdapter = errorInfoAdapter;
    this.redactor = redactor;
    this.clock = clock;
  }

  /** Reads the error response into the details its exception carries. */
  ErrorDetails details(String request, okhttp3.Response raw, @Nullable ResponseBody body) {
    String text = body == null ? "" : readAtMost(body);
    ErrorInfo info = parse(text);
    java.time.Duration retryAfter = RetryAfter.parse(raw.headers(), clock);
    if (info != null) {
      return new ErrorDetails(request, raw.code(), redactor.redact(info.code()),
          redactor.redact(info.message()), null, retryAfter);
    }
    String excerpt = redactor.redact(excerpt(text));
    String description = text.isBlank()
        ? "empty body"
        : "body is not an ErrorInfo (" + contentType(body) + "): " + excerpt;
    return new ErrorDetails(request, raw.code(), null, description, text.isBlank() ? null : excerpt, retryAfter);
  }

  /** The exception for a status: one subtype per status the service uses, then 5xx, then any other. */
  static S2ServiceException toException(ErrorDetails d, int attempts) {
    switch (d.status()) {
      case 400:
        return new BadRequestException(d, attempts);
      case 401:
        return new UnauthorizedException(d, attempts);
      case 403:
        return new PermissionDeniedException(d, attempts);
      case 404:
        return new NotFoundException(d, attempts);
      case 408:
        return new RequestTimeoutException(d, attempts);
      case 409:
        return new ConflictException(d, attempts);
      case 422:
        return new UnprocessableEntityException(d, attempts);
      case 429:
        return new RateLimitedException(d, attempts);
      default:
        if (d.status() >= 500 && d.status() <= 599) {
          return new ServerErrorException(d, attempts);
        }
        return new UnexpectedStatusException(d, attempts);
    }
  }

  private @Nullable ErrorInfo parse(String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return errorInfoAdapter.fromJson(text);
    } catch (JsonDataException | IOException e) {
      return null;
    }
  }

  private static String readAtMost(ResponseBody body) {
    try (body) {
      BufferedSource source = body.source();
      source.request(MAX_BODY_BYTES);
      Buffer buffer = source.getBuffer();
      long n = Math.min(buffer.size(), MAX_BODY_BYTES);
      return buffer.readString(n, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  static String excerpt(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= EXCERPT_CHARS ? flat : flat.substring(0, EXCERPT_CHARS) + "...";
  }

  private static String contentType(@Nullable ResponseBody body) {
    okhttp3.MediaType type = body == null ? null : body.contentType();
    return type == null ? "no content type" : type.toString();
  }

  static boolean isDecodingFailure(Throwable t) {
    return t instanceof JsonDataException || t instanceof JsonEncodingException
        || t instanceof java.io.EOFException;
  }
}
