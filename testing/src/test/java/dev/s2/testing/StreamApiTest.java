package dev.s2.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Streams: create, ensure, get, reconfigure, delete, list, and how the basin is named. */
class StreamApiTest {
  @RegisterExtension
  static final EmbeddedS2Extension S2 =
      EmbeddedS2Extension.configure(b -> b.basins("stream-basin-1"));

  private TestHttp basin() {
    return new TestHttp(S2.server()).basin("stream-basin-1");
  }

  @Test
  void createGetAndDelete() {
    TestHttp http = basin();
    TestHttp.Res created = http.post("/streams", "{\"stream\":\"orders\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("s2-provision-result")).contains("created");
    assertThat(created.json())
        .containsEntry("name", "orders")
        .containsEntry("cipher", TestJson.NullValue.NULL)
        .containsEntry("deleted_at", TestJson.NullValue.NULL)
        .containsKey("created_at");

    TestHttp.Res config = http.get("/streams/orders");
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.body())
        .isEqualTo(
            "{\"storage_class\":\"express\",\"retention_policy\":{\"age\":604800},"
                + "\"timestamping\":{\"mode\":\"client-prefer\",\"uncapped\":false},\"delete_on_empty\":{\"min_age_secs\":0}}");

    TestHttp.Res conflict = http.post("/streams", "{\"stream\":\"orders\"}");
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json())
        .isEqualTo(
            Map.of(
                "code",
                "resource_already_exists",
                "message",
                "stream `orders` in basin `stream-basin-1` already exists"));

    assertThat(http.delete("/streams/orders").status()).isEqualTo(202);
    TestHttp.Res gone = http.get("/streams/orders");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json())
        .isEqualTo(
            Map.of(
                "code",
                "stream_not_found",
                "message",
                "stream `orders` in basin `stream-basin-1` not found"));
    assertThat(http.delete("/streams/orders").status()).isEqualTo(404);
  }

  @Test
  void requestTokenReplaysTheCreate() {
    TestHttp http = basin();
    String body = "{\"stream\":\"idem\",\"config\":{\"storage_class\":\"standard\"}}";
    assertThat(http.post("/streams", body, "s2-request-token", "t-1").status()).isEqualTo(201);
    TestHttp.Res replay = http.post("/streams", body, "s2-request-token", "t-1");
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.header("s2-provision-result")).contains("noop");
    assertThat(http.post("/streams", "{\"stream\":\"idem\"}", "s2-request-token", "t-1").status())
        .isEqualTo(409);
  }

  @Test
  void streamConfigTakesTheBasinDefaults() {
    TestHttp account = new TestHttp(S2.server());
    account.post(
        "/basins",
        "{\"basin\":\"defaults-basin\",\"config\":{\"default_stream_config\":"
            + "{\"timestamping\":{\"mode\":\"arrival\"},\"retention_policy\":{\"age\":60}}}}");
    TestHttp http = account.basin("defaults-basin");
    http.post("/streams", "{\"stream\":\"s\",\"config\":{\"retention_policy\":{\"infinite\":{}}}}");
    Map<String, Object> config = http.get("/streams/s").json();
    assertThat(config.get("timestamping")).isEqualTo(Map.of("mode", "arrival", "uncapped", false));
    assertThat(config.get("retention_policy")).isEqualTo(Map.of("infinite", Map.of()));

    // Resetting a field falls back to the basin's default, then to the system's.
    Map<String, Object> reset =
        http.patch("/streams/s", "{\"retention_policy\":null,\"timestamping\":null}").json();
    assertThat(reset.get("retention_policy")).isEqualTo(Map.of("age", 60L));
    assertThat(reset.get("timestamping")).isEqualTo(Map.of("mode", "arrival", "uncapped", false));
  }

  @Test
  void reconfigureHasThreeStatesPerField() {
    TestHttp http = basin();
    http.post(
        "/streams",
        "{\"stream\":\"reconf\",\"config\":{\"storage_class\":\"standard\","
            + "\"timestamping\":{\"mode\":\"client-require\",\"uncapped\":true},\"delete_on_empty\":{\"min_age_secs\":30}}}");

    Map<String, Object> leave = http.patch("/streams/reconf", "{}").json();
    assertThat(leave)
        .containsEntry("storage_class", "standard")
        .containsEntry("timestamping", Map.of("mode", "client-require", "uncapped", true))
        .containsEntry("delete_on_empty", Map.of("min_age_secs", 30L));

    Map<String, Object> nested =
        http.patch("/streams/reconf", "{\"timestamping\":{\"uncapped\":null}}").json();
    assertThat(nested)
        .containsEntry("timestamping", Map.of("mode", "client-require", "uncapped", false));

    Map<String, Object> reset =
        http.patch("/streams/reconf", "{\"storage_class\":null,\"delete_on_empty\":null}").json();
    assertThat(reset)
        .containsEntry("storage_class", "express")
        .containsEntry("delete_on_empty", Map.of("min_age_secs", 0L));

    Map<String, Object> set =
        http.patch("/streams/reconf", "{\"retention_policy\":{\"age\":10}}").json();
    assertThat(set).containsEntry("retention_policy", Map.of("age", 10L));

    TestHttp.Res badEnum = http.patch("/streams/reconf", "{\"storage_class\":\"premium\"}");
    assertThat(badEnum.status()).isEqualTo(400);
    assertThat(badEnum.json()).containsEntry("code", "bad_json");
    assertThat(http.patch("/streams/missing", "{}").status()).isEqualTo(404);
  }

  @Test
  void ensureCreatesThenUpdatesOrLeaves() {
    TestHttp http = basin();
    TestHttp.Res created = http.put("/streams/ensured", null);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("s2-provision-result")).contains("created");
    TestHttp.Res noop = http.put("/streams/ensured", "{}");
    assertThat(noop.status()).isEqualTo(200);
    assertThat(noop.header("s2-provision-result")).contains("noop");
    TestHttp.Res updated = http.put("/streams/ensured", "{\"storage_class\":\"standard\"}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.header("s2-provision-result")).contains("updated");
    assertThat(http.get("/streams/ensured").json()).containsEntry("storage_class", "standard");
  }

  @Test
  void listPagesByPrefix() {
    TestHttp http = basin();
    for (String n : List.of("log/a", "log/b", "log/c", "metrics")) {
      http.post("/streams", "{\"stream\":\"" + n + "\"}");
    }
    TestHttp.Res first = http.get("/streams?prefix=log%2F&limit=2");
    assertThat(BasinApiTest.names(first, "streams")).containsExactly("log/a", "log/b");
    assertThat(first.json()).containsEntry("has_more", true);
    TestHttp.Res rest = http.get("/streams?prefix=log%2F&start_after=log%2Fb");
    assertThat(BasinApiTest.names(rest, "streams")).containsExactly("log/c");
    assertThat(rest.json()).containsEntry("has_more", false);
    assertThat(new TestHttp(S2.server()).basin("absent-basin").get("/streams").status())
        .isEqualTo(404);
  }

  @Test
  void streamNamesMayHoldAnyCharacter() {
    TestHttp http = basin();
    String name = "a/b c%d+é";
    TestHttp.Res created = http.post("/streams", "{\"stream\":\"a/b c%d+é\"}");
    assertThat(created.status()).isEqualTo(201);
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    TestHttp.Res appended =
        http.post("/streams/" + encoded + "/records", "{\"records\":[{\"body\":\"x\"}]}");
    assertThat(appended.status()).isEqualTo(200);
    assertThat(S2.server().records("stream-basin-1", name)).hasSize(1);
    assertThat(S2.server().requests().get(S2.server().requests().size() - 1).stream())
        .contains(name);

    TestHttp.Res dot = http.get("/streams/..%2F");
    assertThat(dot.status()).isEqualTo(404);
    TestHttp.Res dotdot = http.get("/streams/%2E%2E");
    assertThat(dotdot.status()).isEqualTo(400);
    assertThat(dotdot.json()).containsEntry("code", "bad_path");
  }

  @Test
  void basinCallsNeedABasin() {
    TestHttp http = new TestHttp(S2.server());
    TestHttp.Res missing = http.get("/streams");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json())
        .isEqualTo(Map.of("code", "bad_header", "message", "Missing header `s2-basin`"));
    TestHttp.Res invalid = http.basin("NO").get("/streams");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat((String) invalid.json().get("message")).startsWith("Invalid header `s2-basin`: ");
  }

  @Test
  void theBasinMayComeFromTheHostInParentZoneForm() throws Exception {
    OkHttpClient client =
        new OkHttpClient.Builder()
            .dns(
                host ->
                    host.endsWith(".s2.test")
                        ? List.of(InetAddress.getLoopbackAddress())
                        : List.of())
            .build();
    try {
      Request create =
          new Request.Builder()
              .url("http://stream-basin-1.s2.test:" + S2.server().port() + "/v1/streams")
              .header("authorization", "Bearer " + S2.server().accessToken())
              .post(
                  okhttp3.RequestBody.create(
                      "{\"stream\":\"by-host\"}", okhttp3.MediaType.get("application/json")))
              .build();
      try (Response r = client.newCall(create).execute()) {
        assertThat(r.code()).isEqualTo(201);
      }
      assertThat(S2.server().streams("stream-basin-1")).contains("by-host");
      assertThat(S2.server().requests())
          .last()
          .satisfies(req -> assertThat(req.basin()).contains("stream-basin-1"));
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
