package dev.s2.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Plain HTTP calls made without the SDK client, for tests of the mock and of the validator itself.
 */
final class RawHttp {
  private static final OkHttpClient CLIENT = new OkHttpClient();

  private RawHttp() {}

  /** An HTTP answer: status and body text. */
  record Answer(int status, String body) {}

  /** Sends {@code method url} with {@code Authorization: Bearer token} unless token is null. */
  static Answer send(String method, String url, String token) {
    Request.Builder request = new Request.Builder().url(url).method(method, null);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try (Response response = CLIENT.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Answer get(String url, String token) {
    return send("GET", url, token);
  }
}
