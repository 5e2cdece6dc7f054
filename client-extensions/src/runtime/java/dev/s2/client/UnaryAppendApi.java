package dev.s2.client;

import dev.s2.api.ServerVariables;
import dev.s2.model.AppendAck;
import dev.s2.model.Format;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;

/**
 * The generated {@code RecordsApi.append} with its body as bytes: the same method, path, tag and
 * headers (a test holds them to the generated interface's), but the body an {@link AppendBody}
 * written straight to the request instead of the {@code AppendInput} model converted by Moshi,
 * which wrote every base64 character one at a time (BENCHMARKS.md, unary appends). Retrofit sends a
 * {@link RequestBody} argument as it is.
 */
interface UnaryAppendApi {
  /**
   * Append records ({@code POST streams/{stream}/records}, operation {@code append}).
   *
   * @param server the basin
   * @param stream the stream's name
   * @param body the {@code AppendInput} JSON
   * @param s2Format the format of bodies and headers in the JSON
   * @param s2EncryptionKey the stream's encryption key, or null
   * @return the call
   */
  @retrofit2.http.POST("streams/{stream}/records")
  Call<AppendAck> append(
      @retrofit2.http.Tag ServerVariables server,
      @retrofit2.http.Path("stream") String stream,
      @retrofit2.http.Body RequestBody body,
      @retrofit2.http.Header("s2-format") Format s2Format,
      @retrofit2.http.Header("s2-encryption-key") @Nullable String s2EncryptionKey);
}
