package dev.s2.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * How the failures of a read session become {@link S2Exception}s: the only place sessions construct exceptions
 * or call the client's {@link ErrorMapper}, so that the runtime's error types are used exactly as unary calls use
 * them.
 *
 * <p>An SSE {@code error} event carries S2's {@code ErrorInfo} ({@code code}, {@code message}) but no status: the
 * status is the one S2 gives the code ({@code ErrorCode::status} in {@code api/src/v1/error.rs} of S2's server),
 * so the event becomes the same typed exception, and is retryable exactly when S2's {@code ErrorCode::is_retryable}
 * says so ({@code request_timeout}, {@code rate_limited}, {@code transaction_conflict}, {@code other},
 * {@code storage}, {@code hot_server}, {@code unavailable}, {@code server_draining}, {@code upstream_timeout}).
 * A code this SDK does not know is taken as {@code other} (500, retryable): reads have no side effects and the
 * attempt budget bounds the retries, while ending a healthy session on a new transient code could not be undone.
 * (S2's TypeScript SDK retries every {@code error} event, {@code stream_not_found} included.)
 */
final class SessionErrors {
  private static final MediaType JSON = MediaType.get("application/json");

  private final ErrorMapper errors;

  SessionErrors(ErrorMapper errors) {
    this.errors = errors;
  }

  /** The status S2 answers with for an error code; 500 (as {@code other}) for a code not known here. */
  static int statusOf(String code) {
    switch (code) {
      case "authn":
        return 401;
      case "decryption_failed":
      case "bad_frame":
      case "bad_header":
      case "bad_json":
      case "bad_path":
      case "bad_proto":
      case "bad_query":
        return 400;
      case "permission_denied":
      case "quota_exhausted":
        return 403;
      case "access_token_not_found":
      case "basin_not_found":
      case "stream_not_found":
        return 404;
      case "request_timeout":
        return 408;
      case "basin_deletion_pending":
      case "resource_already_exists":
      case "stream_deletion_pending":
      case "transaction_conflict":
        return 409;
      case "invalid":
        return 422;
      case "rate_limited":
        return 429;
      case "client_hangup":
        return 499;
      case "not_implemented":
        return 501;
      case "hot_server":
        return 502;
      case "server_draining":
      case "unavailable":
        return 503;
      case "upstream_timeout":
        return 504;
      default: // "other", "storage", and codes this SDK does not know
        return 500;
    }
  }

  /** The most bytes of a session's error response the client reads. */
  static final long MAX_ERROR_BODY_BYTES = 64 * 1024;

  /** The start of an error response's body, at most {@link #MAX_ERROR_BODY_BYTES}; empty when it cannot be read. */
  static byte[] readErrorBody(@org.jspecify.annotations.Nullable ResponseBody body) {
    if (body == null) {
      return new byte[0];
    }
    try {
      okio.BufferedSource source = body.source();
      source.request(MAX_ERROR_BODY_BYTES);
      okio.Buffer buffer = source.getBuffer();
      return buffer.readByteArray(Math.min(buffer.size(), MAX_ERROR_BODY_BYTES));
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** An error response to the session's request (the body already read, at most 64 KiB). */
  S2Exception response(String request, Response raw, byte[] body, int attempt) {
    MediaType type = raw.body() == null ? null : raw.body().contentType();
    ErrorDetails details = errors.details(request, raw.newBuilder().body(ResponseBody.create(body, type)).build());
    return ErrorMapper.toException(details, attempt);
  }

  /** An {@code error} event: the typed exception of the status S2 gives its code. */
  S2Exception errorEvent(Request request, String code, byte[] errorInfo, int attempt) {
    Response synthetic = new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(statusOf(code))
        .message("SSE error event")
        .body(ResponseBody.create(errorInfo, JSON))
        .build();
    ErrorDetails details = errors.details(describe(request) + " (SSE error event)", synthetic);
    return ErrorMapper.toException(details, attempt);
  }

  /**
   * A terminal S2S frame: its 2-byte status and error JSON (as a unary answer's body) become the typed exception
   * of that status, exactly as the same answer to a unary call would.
   */
  S2Exception terminalFrame(Request request, int status, byte[] json, int attempt) {
    Response synthetic = new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_2)
        .code(status)
        .message("S2S terminal frame")
        .body(ResponseBody.create(json, JSON))
        .build();
    ErrorDetails details = errors.details(describe(request) + " (S2S terminal frame)", synthetic);
    return ErrorMapper.toException(details, attempt);
  }

  /** The connection failed, or was cut, or its idle timeout ran out. */
  static S2Exception connection(String request, IOException e, int attempt, long idleTimeoutMillis) {
    if (e instanceof InterruptedIOException) {
      if (Thread.currentThread().isInterrupted()) {
        return new S2InterruptedException(request + " was interrupted", e, attempt);
      }
      return new S2TimeoutException(request + " timed out: " + e.getMessage() + " (the read session's idle timeout"
          + " is " + idleTimeoutMillis + " ms)", e, attempt);
    }
    return new S2ConnectionException(request + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
        e, attempt);
  }

  /** The body ended without {@code [DONE]} or an {@code error} event: the connection was cut. */
  static S2Exception cut(String request, int attempt) {
    return new S2ConnectionException(request + ": the event stream ended without [DONE]",
        new java.io.EOFException("event stream ended"), attempt);
  }

  /** Something S2 would not send: a malformed event, a batch that is not a ReadBatch, a wrong content type. */
  static S2Exception malformed(String request, String problem, Throwable cause, int attempt) {
    return new S2DecodingException(request + ": " + problem, cause, attempt);
  }

  /** The thread was interrupted while waiting to reconnect. */
  static S2Exception interrupted(String request, InterruptedException e, int attempt) {
    return new S2InterruptedException("interrupted while waiting to reconnect " + request, e, attempt);
  }

  /** The delay a failed response asked for ({@code retry-after-ms}, {@code Retry-After}), or null. */
  static java.time.@org.jspecify.annotations.Nullable Duration retryAfter(S2Exception failure) {
    return failure instanceof S2ServiceException
        ? ((S2ServiceException) failure).retryAfter().orElse(null)
        : null;
  }

  static String describe(Request request) {
    return request.method() + " " + request.url().encodedPath();
  }
}
