package dev.s2.client;

import java.io.IOException;
import java.net.Proxy;
import okhttp3.Connection;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.GzipSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * Keeps OkHttp from acting on a response by itself, so that every repeat is the client's, counted and under its
 * retry policy. A network interceptor: it sees each response before OkHttp's follow-up logic
 * ({@code RetryAndFollowUpInterceptor}), which would otherwise
 * <ul>
 *   <li>send a request again, silently, on {@code 503} with {@code Retry-After: 0} (whatever the retry policy,
 *       a non-idempotent {@code POST} included), and throw {@code NumberFormatException} from its own thread on
 *       a {@code Retry-After} above {@code 2147483647};
 *   <li>turn a {@code 407} received without an HTTP proxy into a {@code ProtocolException}, a connection failure
 *       that would be retried, instead of a status.
 * </ul>
 * Such a response is read here (its body up to {@link BoundedBodies#ERROR_BODY_BYTES}) and carried past that
 * logic as a {@link HeldResponse}, which {@link BoundedBodies} turns back into the same response. OkHttp's other
 * follow-ups are off in the client: redirects ({@code followRedirects(false)}: a 3xx is reported, never
 * followed, so no request leaves the base URL's scheme, host and port and no redirect can loop), retries on
 * connection failures and on 408 ({@code retryOnConnectionFailure(false)}); 401 and 407 challenges go to the
 * authenticators of an {@code OkHttpClient} the caller shares, which are none by default.
 */
final class FollowUpGuard implements Interceptor {

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (!wouldBeFollowedUp(response, chain.connection())) {
      return response;
    }
    ResponseBody body = response.body();
    Headers headers = response.headers();
    if ("gzip".equalsIgnoreCase(response.header("Content-Encoding"))) {
      // Network interceptors see the body as sent; OkHttp's transparent gzip applies above them.
      body = ResponseBody.create(Okio.buffer(new GzipSource(body.source())), body.contentType(), -1);
      headers = headers.newBuilder().removeAll("Content-Encoding").removeAll("Content-Length").build();
    }
    // The body is not closed: OkHttp cancels this exchange when the HeldResponse passes, so nothing drains it.
    throw new HeldResponse(response, headers, body.contentType(), BoundedBodies.readExcerpt(body, chain.call()));
  }

  private static boolean wouldBeFollowedUp(Response response, @Nullable Connection connection) {
    switch (response.code()) {
      case 503: {
        String retryAfter = response.header("Retry-After");
        return retryAfter != null && retryAfter.matches("\\d+"); // OkHttp's own test before Integer.valueOf
      }
      case 407:
        return connection == null || connection.route().proxy().type() != Proxy.Type.HTTP;
      default:
        return false;
    }
  }

  /** A response carried past OkHttp's follow-ups: status line, headers and the start of its body. */
  static final class HeldResponse extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Protocol protocol;
    private final int code;
    private final String reason;
    private final transient Headers headers;
    private final transient Buffer body;
    private final transient @Nullable MediaType contentType;

    HeldResponse(Response response, Headers headers, @Nullable MediaType contentType,
        BoundedBodies.Excerpt excerpt) {
      super("response " + response.code() + " held back from OkHttp's follow-ups");
      this.protocol = response.protocol();
      this.code = response.code();
      this.reason = response.message();
      this.headers = headers;
      this.contentType = contentType;
      this.body = excerpt.bytes;
    }

    Response toResponse(Request request) {
      return new Response.Builder()
          .request(request)
          .protocol(protocol)
          .code(code)
          .message(reason)
          .headers(headers)
          .body(ResponseBody.create(body, contentType, body.size()))
          .build();
    }
  }
}
