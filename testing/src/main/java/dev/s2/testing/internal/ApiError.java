package dev.s2.testing.internal;

import org.jspecify.annotations.Nullable;

/**
 * An error answer of the embedded S2: a status and a JSON body. Standard errors carry {@code
 * {"code", "message"}} with the status S2 gives that code; append condition failures (412) and
 * reads past the tail (416) carry their own bodies.
 *
 * <p>Codes and statuses follow S2's server ({@code ErrorCode::status} in {@code
 * api/src/v1/error.rs}).
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final @Nullable String code;
  private final String body;
  private final @Nullable Long retryAfterMs;

  private ApiError(
      int status, @Nullable String code, String message, String body, @Nullable Long retryAfterMs) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.body = body;
    this.retryAfterMs = retryAfterMs;
  }

  /** A standard error with the status S2 uses for {@code code}. */
  public static ApiError of(String code, String message) {
    return of(statusOf(code), code, message, null);
  }

  /**
   * A standard error with an explicit status (fault injection may pair any status with any code).
   */
  public static ApiError of(int status, String code, String message, @Nullable Long retryAfterMs) {
    return new ApiError(status, code, message, Json.errorInfo(code, message), retryAfterMs);
  }

  /** 412 with {@code {"seq_num_mismatch": n}}. */
  public static ApiError seqNumMismatch(long expected, long matchSeqNum) {
    String body =
        Json.write(
            w ->
                w.beginObject()
                    .name("seq_num_mismatch")
                    .value(Json.unsigned(expected))
                    .endObject());
    return new ApiError(
        412,
        null,
        "sequence number mismatch: expected "
            + Long.toUnsignedString(matchSeqNum)
            + ", actual "
            + Long.toUnsignedString(expected),
        body,
        null);
  }

  /** 412 with {@code {"fencing_token_mismatch": "actual"}}. */
  public static ApiError fencingTokenMismatch(String actual, String provided) {
    String body =
        Json.write(w -> w.beginObject().name("fencing_token_mismatch").value(actual).endObject());
    return new ApiError(
        412,
        null,
        "fencing token mismatch: expected `" + provided + "`, actual `" + actual + "`",
        body,
        null);
  }

  /** 416 with {@code {"tail": {...}}}. */
  public static ApiError unwritten(long tailSeqNum, long tailTimestamp) {
    String body =
        Json.write(
            w -> {
              w.beginObject().name("tail");
              Json.position(w, tailSeqNum, tailTimestamp);
              w.endObject();
            });
    return new ApiError(
        416, null, "unwritten position: " + Long.toUnsignedString(tailSeqNum), body, null);
  }

  public static ApiError badHeader(String message) {
    return of("bad_header", message);
  }

  public static ApiError missingHeader(String name) {
    return of("bad_header", "Missing header `" + name + "`");
  }

  public static ApiError invalidHeader(String name, String reason) {
    return of("bad_header", "Invalid header `" + name + "`: " + reason);
  }

  public static ApiError badJson(String message) {
    return of("bad_json", message);
  }

  public static ApiError badPath(String message) {
    return of("bad_path", "Invalid URL: " + message);
  }

  public static ApiError badQuery(String message) {
    return of("bad_query", "Failed to deserialize query string: " + message);
  }

  public static ApiError invalid(String message) {
    return of("invalid", message);
  }

  public static ApiError basinNotFound(String basin) {
    return of("basin_not_found", "basin `" + basin + "` not found");
  }

  public static ApiError streamNotFound(String basin, String stream) {
    return of("stream_not_found", "stream `" + stream + "` in basin `" + basin + "` not found");
  }

  public int status() {
    return status;
  }

  /** The error code, or null for the 412 and 416 bodies. */
  public @Nullable String code() {
    return code;
  }

  /** The JSON body. */
  public String body() {
    return body;
  }

  public @Nullable Long retryAfterMs() {
    return retryAfterMs;
  }

  /** The status S2 uses for a code; 500 for codes it does not know. */
  public static int statusOf(String code) {
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
      case "not_implemented":
        return 501;
      case "rate_limited":
        return 429;
      case "client_hangup":
        return 499;
      case "hot_server":
        return 502;
      case "server_draining":
      case "unavailable":
        return 503;
      case "upstream_timeout":
        return 504;
      default:
        return 500;
    }
  }
}
