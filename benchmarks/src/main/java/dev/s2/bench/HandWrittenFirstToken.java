package dev.s2.bench;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@link FirstToken} written by hand with OkHttp and reflective Moshi, for {@link ColdStart}: what
 * the SDK's start-up costs over the same libraries used directly.
 */
public final class HandWrittenFirstToken {
  private HandWrittenFirstToken() {}

  /**
   * Prints the id of the first access token.
   *
   * @param args unused
   * @throws IOException if the request fails
   */
  public static void main(String[] args) throws IOException {
    OkHttpClient http = new OkHttpClient();
    Request request =
        new Request.Builder()
            .url(System.getenv("S2_ACCOUNT_ENDPOINT") + "/access-tokens")
            .header("Authorization", "Bearer " + System.getenv("S2_ACCESS_TOKEN"))
            .build();
    try (Response response = http.newCall(request).execute()) {
      Plain.TokenPage page =
          new Moshi.Builder()
              .build()
              .adapter(Plain.TokenPage.class)
              .fromJson(response.body().source());
      System.out.println(page.accessTokens.get(0).id);
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
