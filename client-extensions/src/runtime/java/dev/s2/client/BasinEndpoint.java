package dev.s2.client;

import dev.s2.api.ServerVariables;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Where the requests of one basin go. S2 serves basins in one of two forms:
 * <ul>
 *   <li><b>parent zone</b> (S2's cloud, the default {@code https://{basin}.b.s2.dev/v1}): the basin's name is
 *       the first label of the host;
 *   <li><b>direct</b> (one host for every basin, such as s2-lite or a local mock): every basin request carries
 *       the header {@code s2-basin: <name>}.
 * </ul>
 * An endpoint written with the literal {@code {basin}} (in the host) is a parent zone; any other is direct. Also
 * an OkHttp interceptor: it routes each request whose Retrofit tag holds the basin ({@link ServerVariables}).
 */
final class BasinEndpoint implements Interceptor {
  static final String PLACEHOLDER = "{basin}";
  static final String DEFAULT = "https://{basin}.b.s2.dev/v1";
  /** The header naming the basin on a direct endpoint. */
  static final String BASIN_HEADER = "s2-basin";
  /** A host label standing for the basin in the base URL given to Retrofit; replaced on every request. */
  private static final String LABEL = "s2-basin-placeholder";

  private final HttpUrl base;
  private final boolean parentZone;
  private final @Nullable String zone;

  private BasinEndpoint(HttpUrl base, boolean parentZone, @Nullable String zone) {
    this.base = base;
    this.parentZone = parentZone;
    this.zone = zone;
  }

  /**
   * Parses an endpoint: a URL, or {@code host[:port]} (https), without path meaning {@code /v1}.
   *
   * @throws IllegalArgumentException naming {@code setting} when it is not one
   */
  static BasinEndpoint parse(String endpoint, String setting) {
    String url = endpoint.contains("://") ? endpoint : "https://" + endpoint;
    boolean parentZone = url.contains(PLACEHOLDER);
    String zone = null;
    if (parentZone) {
      int start = url.indexOf("://") + 3;
      if (!url.startsWith(PLACEHOLDER + ".", start)) {
        throw new IllegalArgumentException(setting + " must start its host with '" + PLACEHOLDER + ".' (a parent"
            + " zone such as https://{basin}.b.s2.dev/v1) or not contain '" + PLACEHOLDER + "' at all (a direct"
            + " endpoint), was '" + endpoint + "'");
      }
      url = url.replace(PLACEHOLDER, LABEL);
    }
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null || parsed.query() != null || parsed.fragment() != null || !parsed.username().isEmpty()
        || !parsed.password().isEmpty()) {
      throw new IllegalArgumentException(setting + " must be an http or https URL without query, fragment or"
          + " credentials, was '" + endpoint + "'");
    }
    if (parentZone) {
      zone = parsed.host().substring(LABEL.length() + 1);
    }
    if (parsed.encodedPath().equals("/")) {
      parsed = parsed.newBuilder().encodedPath("/v1/").build();
    } else if (!parsed.encodedPath().endsWith("/")) {
      parsed = parsed.newBuilder().encodedPath(parsed.encodedPath() + "/").build();
    }
    return new BasinEndpoint(parsed, parentZone, zone);
  }

  /** The base URL of the basin Retrofit (its host a placeholder in the parent-zone form). */
  HttpUrl retrofitBase() {
    return base;
  }

  boolean isParentZone() {
    return parentZone;
  }

  /** The URL of one basin's endpoint, for messages and {@code S2Basin.endpoint()}. */
  String urlFor(String basin) {
    return parentZone ? base.newBuilder().host(basin + "." + zone).build().toString() : base.toString();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    ServerVariables server = request.tag(ServerVariables.class);
    String basin = server == null ? null : server.get("basin");
    if (basin == null) {
      return chain.proceed(request);
    }
    if (parentZone) {
      HttpUrl url = request.url().newBuilder().host(basin + "." + zone).build();
      return chain.proceed(request.newBuilder().url(url).build());
    }
    return chain.proceed(request.newBuilder().header(BASIN_HEADER, basin).build());
  }

  @Override
  public String toString() {
    return parentZone ? base.toString().replace(LABEL, PLACEHOLDER) : base.toString();
  }
}
