package dev.s2.client;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** Adds {@code Authorization: Bearer <token>} and the {@code User-Agent} to every request of the client. */
final class HeadersInterceptor implements Interceptor {
  private final String authorization;
  private final String userAgent;

  HeadersInterceptor(String accessToken, String userAgent) {
    this.authorization = "Bearer " + accessToken;
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request().newBuilder()
        .header("Authorization", authorization)
        .header("User-Agent", userAgent)
        .build();
    return chain.proceed(request);
  }

  @Override
  public String toString() {
    return "HeadersInterceptor{authorization=Bearer ****, userAgent=" + userAgent + '}';
  }
}
