package dev.s2.client;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.s2.model.AppendConditionFailed;
import dev.s2.model.AppendConditionFailedFencingToken;
import dev.s2.model.AppendConditionFailedSeqNum;
import dev.s2.model.ErrorInfo;
import dev.s2.model.TailResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * How an error response becomes an exception: the one place that maps a status to its
 * {@link S2ServiceException} subtype and reads the body as an {@code ErrorInfo}.
 *
 * <p>At most {@link #MAX_BODY_BYTES} of the body are read, from the stream ({@link BoundedBodies} has already
 * cut it there; nothing buffers the whole body). A body that is not an {@code ErrorInfo} (HTML from a proxy,
 * truncated JSON, nothing) still yields the typed exception, with a short excerpt of the body: the excerpt is
 * masked as a whole ({@link Redactor}) before it is cut to {@link #EXCERPT_CHARS}, so no cut can leave part of a
 * secret. A redirect is reported with its {@code Location}; the client never follows one.
 */
final class ErrorMapper {
  static final long MAX_BODY_BYTES = BoundedBodies.ERROR_BODY_BYTES;
  static final int EXCERPT_CHARS = 200;

  private final JsonAdapter<ErrorInfo> errorInfoAdapter;
  private final JsonAdapter<AppendConditionFailed> conditionAdapter;
  private final JsonAdapter<TailResponse> tailAdapter;
  private final Redactor redactor;
  private final Clock clock;

  ErrorMapper(JsonAdapter<ErrorInfo> errorInfoAdapter, Redactor redactor, Clock clock) {
    this.errorInfoAdapter = errorInfoAdapter;
    this.conditionAdapter = S2Json.adapter(AppendConditionFailed.class);
    this.tailAdapter = S2Json.adapter(TailResponse.class);
    this.redactor = redactor;
    this.clock = clock;
  }

  /** Reads the error response into the details its exception carries. */
  ErrorDetails details(String request, Response response) {
    ResponseBody body = response.body();
    String text = readAtMost(body);
    ErrorInfo info = parse(text);
    java.time.Duration retryAfter = RetryAfter.parse(response.headers(), clock);
    int status = response.code();
    String location = status >= 300 && status <= 399 ? response.header("Location") : null;
    String redirect = location == null ? "" : "redirect to '" + location + "' not followed (the client sends "
        + "requests only to its base URL); ";
    if (info != null) {
      return new ErrorDetails(request, status, redactor.redact(info.code()),
          redactor.redact(redirect + info.message()), null, retryAfter);
    }
    // The statuses whose body the spec declares as something else than an ErrorInfo (the records operations').
    if (status == 412) {
      AppendConditionFailed condition = parse(conditionAdapter, text);
      if (condition != null) {
        return new ErrorDetails(request, status, null, redactor.redact(describe(condition)), null, retryAfter,
            condition);
      }
    } else if (status == 416) {
      TailResponse tail = parse(tailAdapter, text);
      if (tail != null) {
        return new ErrorDetails(request, status, null, "the read starts beyond the stream's tail (next seq num "
            + tail.tail().seqNum() + ", last timestamp " + tail.tail().timestamp() + ")", null, retryAfter,
            tail.tail());
      }
    }
    String excerpt = excerpt(redactor.redact(text));
    String description = text.isBlank()
        ? "empty body"
        : "body is not an ErrorInfo (" + contentType(body) + "): " + excerpt;
    return new ErrorDetails(request, status, null, redactor.redact(redirect + description),
        text.isBlank() ? null : excerpt, retryAfter);
  }

  private static String describe(AppendConditionFailed condition) {
    return condition.accept(new AppendConditionFailed.Visitor<String>() {
      @Override
      public String visitAppendConditionFailedFencingToken(AppendConditionFailedFencingToken value) {
        return "fencing token mismatch: the stream's fencing token is '" + value.fencingTokenMismatch() + "'";
      }

      @Override
      public String visitAppendConditionFailedSeqNum(AppendConditionFailedSeqNum value) {
        return "seq num mismatch: the stream's next seq num is " + value.seqNumMismatch();
      }
    });
  }

  private static <T> @Nullable T parse(JsonAdapter<T> adapter, String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return adapter.fromJson(text);
    } catch (JsonDataException | IOException | IllegalArgumentException e) {
      return null;
    }
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
      case 412:
        return new AppendConditionFailedException(d, attempts);
      case 416:
        return new RangeNotSatisfiableException(d, attempts);
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

  /** At most {@link #MAX_BODY_BYTES} of the body, read from its stream; what a failing read leaves is kept. */
  private static String readAtMost(ResponseBody body) {
    try (body) {
      BufferedSource source = body.source();
      try {
        source.request(MAX_BODY_BYTES);
      } catch (IOException e) {
        // cut off: keep what arrived
      }
      Buffer buffer = source.getBuffer();
      return buffer.readString(Math.min(buffer.size(), MAX_BODY_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return ""; // not reached: the bytes are already in the buffer
    }
  }

  /** The body on one line, cut to {@link #EXCERPT_CHARS}; the caller masks it before. */
  static String excerpt(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= EXCERPT_CHARS ? flat : flat.substring(0, EXCERPT_CHARS) + "...";
  }

  private static String contentType(ResponseBody body) {
    okhttp3.MediaType type = body.contentType();
    return type == null ? "no content type" : type.toString();
  }
}
