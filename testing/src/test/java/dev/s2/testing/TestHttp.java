package dev.s2.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A plain HTTP client for the tests (java.net.http, HTTP/1.1): not the SDK. */
final class TestHttp {
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** An answer. */
  record Res(int status, Map<String, List<String>> headers, String body) {
    Map<String, Object> json() {
      return TestJson.object(body);
    }

    Object jsonValue() {
      return TestJson.parse(body);
    }

    Optional<String> header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  private final URI base;
  private final @Nullable String token;
  private final @Nullable String basin;

  TestHttp(EmbeddedS2 s2) {
    this(s2.accountEndpoint(), s2.accessToken(), null);
  }

  private TestHttp(URI base, @Nullable String token, @Nullable String basin) {
    this.base = base;
    this.token = token;
    this.basin = basin;
  }

  /** Basin-scoped calls carry {@code s2-basin}. */
  TestHttp basin(String name) {
    return new TestHttp(base, token, name);
  }

  /**
   * Creates the stream (ensure) and appends {@code n} records with bodies {@code <prefix>0}, {@code
   * <prefix>1}, ... in batches of 1000; with {@code timestamps}, record i gets timestamp i + 1.
   */
  TestHttp streamWithRecords(String stream, int n, String prefix, boolean timestamps) {
    put("/streams/" + stream, null);
    for (int done = 0; done < n; done += 1000) {
      StringBuilder sb = new StringBuilder("{\"records\":[");
      for (int i = done; i < Math.min(n, done + 1000); i++) {
        sb.append(i == done ? "" : ",").append("{\"body\":\"").append(prefix).append(i).append('"');
        if (timestamps) {
          sb.append(",\"timestamp\":").append(i + 1);
        }
        sb.append('}');
      }
      Res res = post("/streams/" + stream + "/records", sb.append("]}").toString());
      if (res.status() != 200) {
        throw new AssertionError("append failed: " + res);
      }
    }
    return this;
  }

  TestHttp token(@Nullable String t) {
    return new TestHttp(base, t, basin);
  }

  URI uri(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }

  Res get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  Res post(String path, @Nullable String json, String... headers) {
    return send("POST", path, json, headers);
  }

  Res put(String path, @Nullable String json, String... headers) {
    return send("PUT", path, json, headers);
  }

  Res patch(String path, @Nullable String json, String... headers) {
    return send("PATCH", path, json, headers);
  }

  Res delete(String path, String... headers) {
    return send("DELETE", path, null, headers);
  }

  HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("authorization", "Bearer " + token);
    }
    if (basin != null) {
      b.header("s2-basin", basin);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  Res send(String method, String path, @Nullable String json, String... headers) {
    List<String> all = new ArrayList<>(List.of(headers));
    if (json != null && !all.contains("content-type")) {
      all.add("content-type");
      all.add("application/json");
    }
    HttpRequest.Builder b = request(path, all.toArray(new String[0]));
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Res(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
