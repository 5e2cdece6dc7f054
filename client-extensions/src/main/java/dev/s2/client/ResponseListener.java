package dev.s2.client;

/**
 * Receives every HTTP response the client reads, one per attempt (so a retried call gives several),
 * with its status, headers and request id. Set one for the whole client ({@link
 * S2Client.Builder#onResponse}) or for one call ({@link RequestOptions.Builder#onResponse}). It
 * runs on the thread that read the response and must return quickly; an exception it throws is
 * logged and otherwise ignored.
 */
@FunctionalInterface
public interface ResponseListener {
  /**
   * Called for each response.
   *
   * @param response what came back
   */
  void onResponse(ResponseInfo response);
}
