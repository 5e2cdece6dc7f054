package dev.s2.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Basins: create, request-token idempotency, get, ensure, reconfigure, delete, list. */
@ExtendWith(EmbeddedS2Extension.class)
class BasinApiTest {
  private final TestHttp http;

  BasinApiTest(EmbeddedS2 s2) {
    this.http = new TestHttp(s2);
  }

  @Test
  void createAnswersTheBasinInfoWithTheProvisionResult() {
    TestHttp.Res created = http.post("/basins", "{\"basin\":\"create-basin-1\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("s2-provision-result")).contains("created");
    assertThat(created.header("content-type")).contains("application/json");
    Map<String, Object> info = created.json();
    assertThat(info)
        .containsEntry("name", "create-basin-1")
        .containsEntry("location", "aws:us-east-1")
        .containsEntry("deleted_at", TestJson.NullValue.NULL)
        .containsEntry("state", "active");
    assertThat(Instant.parse((String) info.get("created_at"))).isBeforeOrEqualTo(Instant.now());

    TestHttp.Res again = http.post("/basins", "{\"basin\":\"create-basin-1\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json())
        .isEqualTo(
            Map.of(
                "code",
                "resource_already_exists",
                "message",
                "basin `create-basin-1` already exists"));
  }

  @Test
  void theSameRequestTokenReplaysTheCreate() {
    String body = "{\"basin\":\"token-basin-1\",\"config\":{\"create_stream_on_read\":true}}";
    TestHttp.Res first = http.post("/basins", body, "s2-request-token", "req-1");
    TestHttp.Res replay = http.post("/basins", body, "s2-request-token", "req-1");
    assertThat(first.status()).isEqualTo(201);
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.header("s2-provision-result")).contains("noop");
    assertThat(replay.json().get("created_at")).isEqualTo(first.json().get("created_at"));

    TestHttp.Res otherToken = http.post("/basins", body, "s2-request-token", "req-2");
    assertThat(otherToken.status()).isEqualTo(409);
    TestHttp.Res otherConfig =
        http.post("/basins", "{\"basin\":\"token-basin-1\"}", "s2-request-token", "req-1");
    assertThat(otherConfig.status()).isEqualTo(409);

    TestHttp.Res tooLong =
        http.post("/basins", "{\"basin\":\"token-basin-2\"}", "s2-request-token", "x".repeat(37));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json())
        .containsEntry("code", "bad_header")
        .containsEntry(
            "message",
            "Invalid header `s2-request-token`: request token was longer than 36 bytes in length: 37");
  }

  @Test
  void invalidNamesAndBodiesAreRefused() {
    TestHttp.Res shortName = http.post("/basins", "{\"basin\":\"short\"}");
    assertThat(shortName.status()).isEqualTo(400);
    assertThat(shortName.json()).containsEntry("code", "bad_json");
    assertThat((String) shortName.json().get("message")).contains("should be at least 8 bytes");

    TestHttp.Res upper = http.post("/basins", "{\"basin\":\"Upper-Case\"}");
    assertThat((String) upper.json().get("message"))
        .contains("must begin with a lowercase letter or number");

    TestHttp.Res notJson = http.post("/basins", "{nope");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json()).containsEntry("code", "bad_json");

    TestHttp.Res noType =
        http.send(
            "POST", "/basins", "{\"basin\":\"typeless-basin\"}", "content-type", "text/plain");
    assertThat(noType.status()).isEqualTo(400);
    assertThat(noType.json())
        .containsEntry("message", "Expected request with `Content-Type: application/json`");

    TestHttp.Res zeroAge =
        http.post(
            "/basins",
            "{\"basin\":\"zero-age-basin\",\"config\":{\"default_stream_config\":{\"retention_policy\":{\"age\":0}}}}");
    assertThat(zeroAge.status()).isEqualTo(422);
    assertThat(zeroAge.json())
        .isEqualTo(Map.of("code", "invalid", "message", "age must be greater than 0 seconds"));

    TestHttp.Res badPath = http.get("/basins/BAD");
    assertThat(badPath.status()).isEqualTo(400);
    assertThat(badPath.json()).containsEntry("code", "bad_path");
  }

  @Test
  void getConfigAnswersTheConfigurationAsGiven() {
    http.post(
        "/basins",
        "{\"basin\":\"config-basin-1\",\"config\":{\"create_stream_on_append\":true,"
            + "\"default_stream_config\":{\"retention_policy\":{\"infinite\":{}},\"storage_class\":\"standard\"}}}");
    TestHttp.Res config = http.get("/basins/config-basin-1");
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.body())
        .isEqualTo(
            "{\"default_stream_config\":{\"storage_class\":\"standard\","
                + "\"retention_policy\":{\"infinite\":{}},\"timestamping\":null,\"delete_on_empty\":null},"
                + "\"stream_cipher\":null,\"create_stream_on_append\":true,\"create_stream_on_read\":false}");

    TestHttp.Res missing = http.get("/basins/no-such-basin");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json())
        .isEqualTo(Map.of("code", "basin_not_found", "message", "basin `no-such-basin` not found"));
  }

  @Test
  void ensureCreatesThenUpdatesOrLeaves() {
    TestHttp.Res created = http.put("/basins/ensure-basin-1", null);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("s2-provision-result")).contains("created");

    TestHttp.Res same = http.put("/basins/ensure-basin-1", "{}");
    assertThat(same.status()).isEqualTo(200);
    assertThat(same.header("s2-provision-result")).contains("noop");

    TestHttp.Res updated =
        http.put("/basins/ensure-basin-1", "{\"config\":{\"create_stream_on_read\":true}}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.header("s2-provision-result")).contains("updated");
    assertThat(http.get("/basins/ensure-basin-1").json())
        .containsEntry("create_stream_on_read", true);

    TestHttp.Res moved = http.put("/basins/ensure-basin-1", "{\"location\":\"aws:eu-west-1\"}");
    assertThat(moved.status()).isEqualTo(422);
    assertThat(moved.json()).containsEntry("message", "unknown location `aws:eu-west-1`");
  }

  @Test
  void reconfigureHasThreeStatesPerField() {
    http.post(
        "/basins",
        "{\"basin\":\"reconf-basin-1\",\"config\":{\"create_stream_on_append\":true,"
            + "\"default_stream_config\":{\"storage_class\":\"standard\",\"timestamping\":{\"mode\":\"arrival\","
            + "\"uncapped\":true}}}}");

    // Absent: left alone.
    Map<String, Object> leave =
        http.patch("/basins/reconf-basin-1", "{\"create_stream_on_read\":true}").json();
    assertThat(leave)
        .containsEntry("create_stream_on_append", true)
        .containsEntry("create_stream_on_read", true);
    assertThat(((Map<?, ?>) leave.get("default_stream_config")).get("storage_class"))
        .isEqualTo("standard");

    // Null: reset to the default; nested fields reconfigure recursively.
    Map<String, Object> reset =
        http.patch(
                "/basins/reconf-basin-1",
                "{\"create_stream_on_append\":null,\"default_stream_config\":{\"storage_class\":null,"
                    + "\"timestamping\":{\"mode\":null}}}")
            .json();
    assertThat(reset).containsEntry("create_stream_on_append", false);
    Map<?, ?> defaults = (Map<?, ?>) reset.get("default_stream_config");
    assertThat(defaults.get("storage_class")).isEqualTo(TestJson.NullValue.NULL);
    assertThat(defaults.get("timestamping"))
        .isEqualTo(Map.of("mode", TestJson.NullValue.NULL, "uncapped", true));

    // Value: set.
    Map<String, Object> set =
        http.patch(
                "/basins/reconf-basin-1",
                "{\"default_stream_config\":{\"retention_policy\":{\"age\":3600}}}")
            .json();
    assertThat(((Map<?, ?>) set.get("default_stream_config")).get("retention_policy"))
        .isEqualTo(Map.of("age", 3600L));

    Map<String, Object> cleared =
        http.patch("/basins/reconf-basin-1", "{\"default_stream_config\":null}").json();
    assertThat(cleared.get("default_stream_config")).isEqualTo(TestJson.NullValue.NULL);

    assertThat(http.patch("/basins/no-such-basin", "{}").status()).isEqualTo(404);
  }

  @Test
  void deleteRemovesTheBasinAndItsStreams() {
    http.post("/basins", "{\"basin\":\"delete-basin-1\"}");
    http.basin("delete-basin-1").post("/streams", "{\"stream\":\"s\"}");
    TestHttp.Res deleted = http.delete("/basins/delete-basin-1");
    assertThat(deleted.status()).isEqualTo(202);
    assertThat(deleted.body()).isEmpty();
    assertThat(http.get("/basins/delete-basin-1").status()).isEqualTo(404);
    assertThat(names(http.get("/basins?prefix=delete-"), "basins"))
        .doesNotContain("delete-basin-1");
    assertThat(http.basin("delete-basin-1").get("/streams/s").status()).isEqualTo(404);
    assertThat(http.delete("/basins/delete-basin-1").status()).isEqualTo(404);
    assertThat(http.post("/basins", "{\"basin\":\"delete-basin-1\"}").status()).isEqualTo(201);
  }

  @Test
  void listPagesByPrefixAndStartAfter() {
    for (String n : List.of("page-basin-a", "page-basin-b", "page-basin-c", "zzz-other-basin")) {
      http.post("/basins", "{\"basin\":\"" + n + "\"}");
    }
    TestHttp.Res first = http.get("/basins?prefix=page-basin-&limit=2");
    assertThat(names(first, "basins")).containsExactly("page-basin-a", "page-basin-b");
    assertThat(first.json()).containsEntry("has_more", true);
    TestHttp.Res second = http.get("/basins?prefix=page-basin-&start_after=page-basin-b&limit=2");
    assertThat(names(second, "basins")).containsExactly("page-basin-c");
    assertThat(second.json()).containsEntry("has_more", false);
    // limit 0 or above 1000 means the default, 1000.
    assertThat(names(http.get("/basins?prefix=page-basin-&limit=0"), "basins")).hasSize(3);
    assertThat(names(http.get("/basins?start_after=zzz"), "basins"))
        .containsExactly("zzz-other-basin");

    TestHttp.Res badLimit = http.get("/basins?limit=ten");
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.json()).containsEntry("code", "bad_query");
    TestHttp.Res badPrefix = http.get("/basins?prefix=UP");
    assertThat(badPrefix.status()).isEqualTo(400);
  }

  @Test
  void unknownRoutesAre404AndWrongMethods405() {
    TestHttp.Res unknown = http.get("/nothing-here");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).isEmpty();
    TestHttp.Res wrong = http.send("PUT", "/basins", "{}");
    assertThat(wrong.status()).isEqualTo(405);
    assertThat(wrong.header("allow")).contains("GET, POST");
  }

  static List<Object> names(TestHttp.Res page, String field) {
    return ((List<?>) page.json().get(field))
        .stream().map(t -> ((Map<?, ?>) t).get("name")).map(Object.class::cast).toList();
  }
}
