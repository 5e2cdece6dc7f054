package dev.s2.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Access tokens, authentication, locations and metrics. */
class AccountApiTest {
  @RegisterExtension
  static final EmbeddedS2Extension S2 =
      EmbeddedS2Extension.configure(
          b -> b.accessTokens("root-token").locations("aws:us-east-1", "aws:eu-west-1"));

  private TestHttp http() {
    return new TestHttp(S2.server());
  }

  @Test
  void issuedTokensAreListedAndPagedAndRevoked() {
    TestHttp http = http();
    for (String id : List.of("ci-a", "ci-b", "ci-c", "other")) {
      TestHttp.Res issued =
          http.post(
              "/access-tokens",
              "{\"id\":\""
                  + id
                  + "\",\"scope\":{\"basins\":{\"prefix\":\"\"},\"ops\":[\"list-basins\"]}}");
      assertThat(issued.status()).isEqualTo(201);
      assertThat((String) issued.json().get("access_token")).isNotBlank();
    }

    TestHttp.Res page = http.get("/access-tokens?prefix=ci-&limit=2");
    assertThat(page.status()).isEqualTo(200);
    assertThat(ids(page, "access_tokens")).containsExactly("ci-a", "ci-b");
    assertThat(page.json().get("has_more")).isEqualTo(true);
    Map<?, ?> first = (Map<?, ?>) ((List<?>) page.json().get("access_tokens")).get(0);
    assertThat(first.get("scope"))
        .isEqualTo(Map.of("basins", Map.of("prefix", ""), "ops", List.of("list-basins")));
    assertThat(first.get("auto_prefix_streams")).isEqualTo(false);
    assertThat(first.get("expires_at")).isEqualTo(TestJson.NullValue.NULL);

    TestHttp.Res next = http.get("/access-tokens?prefix=ci-&start_after=ci-b&limit=2");
    assertThat(ids(next, "access_tokens")).containsExactly("ci-c");
    assertThat(next.json().get("has_more")).isEqualTo(false);

    assertThat(http.delete("/access-tokens/ci-b").status()).isEqualTo(204);
    assertThat(ids(http.get("/access-tokens?prefix=ci-"), "access_tokens"))
        .containsExactly("ci-a", "ci-c");

    TestHttp.Res gone = http.delete("/access-tokens/ci-b");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json())
        .containsEntry("code", "access_token_not_found")
        .containsEntry("message", "access token `ci-b` not found");
  }

  @Test
  void issuingAnExistingIdIsAConflict() {
    TestHttp http = http();
    String body = "{\"id\":\"dup-token\",\"scope\":{}}";
    assertThat(http.post("/access-tokens", body).status()).isEqualTo(201);
    TestHttp.Res again = http.post("/access-tokens", body);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json())
        .containsEntry("code", "resource_already_exists")
        .containsEntry("message", "access token `dup-token` already exists");
  }

  @Test
  void issuingWithoutScopeOrWithABadIdIsBadJson() {
    TestHttp http = http();
    TestHttp.Res noScope = http.post("/access-tokens", "{\"id\":\"x\"}");
    assertThat(noScope.status()).isEqualTo(400);
    assertThat(noScope.json()).containsEntry("code", "bad_json");
    assertThat((String) noScope.json().get("message")).contains("missing field `scope`");

    TestHttp.Res longId =
        http.post("/access-tokens", "{\"id\":\"" + "a".repeat(97) + "\",\"scope\":{}}");
    assertThat(longId.status()).isEqualTo(400);
    assertThat((String) longId.json().get("message")).contains("must not exceed 96 bytes");
  }

  @Test
  void requestsWithoutAValidBearerTokenAre401() {
    TestHttp http = http();
    TestHttp.Res none = http.token(null).get("/basins");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json()).containsEntry("code", "authn");

    TestHttp.Res wrong = http.token("not-a-token").get("/basins");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json())
        .containsEntry("code", "authn")
        .containsEntry("message", "invalid access token");
    assertThat(wrong.body()).doesNotContain("not-a-token");

    TestHttp.Res basic =
        http.token(null).send("GET", "/basins", null, "authorization", "Basic abc");
    assertThat(basic.status()).isEqualTo(401);
  }

  @Test
  void anIssuedTokenIsAcceptedUntilRevoked() {
    TestHttp http = http();
    String secret =
        (String)
            http.post("/access-tokens", "{\"id\":\"issued-1\",\"scope\":{}}")
                .json()
                .get("access_token");
    assertThat(http.token(secret).get("/basins").status()).isEqualTo(200);
    http.delete("/access-tokens/issued-1");
    assertThat(http.token(secret).get("/basins").status()).isEqualTo(401);
  }

  @Test
  void locationsAreListedAndTheDefaultCanBeSet() {
    TestHttp http = http();
    TestHttp.Res list = http.get("/locations");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.jsonValue())
        .isEqualTo(
            List.of(
                Map.of("name", "aws:us-east-1", "is_private", false),
                Map.of("name", "aws:eu-west-1", "is_private", false)));
    assertThat(http.get("/locations/default").json()).containsEntry("name", "aws:us-east-1");

    TestHttp.Res set = http.put("/locations/default", "\"aws:eu-west-1\"");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.json()).isEqualTo(Map.of("name", "aws:eu-west-1", "is_private", false));
    TestHttp.Res created = http.post("/basins", "{\"basin\":\"located-basin\"}");
    assertThat(created.json()).containsEntry("location", "aws:eu-west-1");
    http.put("/locations/default", "\"aws:us-east-1\"");

    TestHttp.Res unknown = http.put("/locations/default", "\"mars:olympus-1\"");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json()).containsEntry("code", "invalid");
    TestHttp.Res notAString = http.put("/locations/default", "{\"name\":\"aws:us-east-1\"}");
    assertThat(notAString.status()).isEqualTo(400);
    assertThat(notAString.json()).containsEntry("code", "bad_json");
  }

  @Test
  @SuppressWarnings("unchecked")
  void metricsHaveTheApiShapesWithCountedValues() {
    TestHttp http = http();
    http.post("/basins", "{\"basin\":\"metric-basin\"}");
    TestHttp basin = http.basin("metric-basin");
    basin.post("/streams/m/records", "{\"records\":[{\"body\":\"12345\"}]}");
    http.put("/basins/metric-basin", "{\"config\":{\"create_stream_on_append\":true}}");
    assertThat(basin.post("/streams/m/records", "{\"records\":[{\"body\":\"12345\"}]}").status())
        .isEqualTo(200);

    Map<String, Object> active = http.get("/metrics?set=active-basins").json();
    Map<?, ?> label =
        (Map<?, ?>) ((Map<?, ?>) ((List<?>) active.get("values")).get(0)).get("label");
    assertThat(label.get("name")).isEqualTo("active-basins");
    assertThat((List<Object>) label.get("values")).contains("metric-basin");

    Map<String, Object> storage = http.get("/metrics/metric-basin?set=storage").json();
    Map<?, ?> gauge =
        (Map<?, ?>) ((Map<?, ?>) ((List<?>) storage.get("values")).get(0)).get("gauge");
    assertThat(gauge.get("unit")).isEqualTo("bytes");
    List<?> point = (List<?>) ((List<?>) gauge.get("values")).get(0);
    assertThat(point.get(0)).isInstanceOf(Long.class);
    assertThat(point.get(1)).isEqualTo(13.0); // 8 + 5 body bytes

    Map<String, Object> appends =
        http.get("/metrics/metric-basin?set=append-ops&interval=minute").json();
    Map<?, ?> acc =
        (Map<?, ?>) ((Map<?, ?>) ((List<?>) appends.get("values")).get(0)).get("accumulation");
    assertThat(acc.get("interval")).isEqualTo("minute");
    assertThat(acc.get("unit")).isEqualTo("operations");
    long at = (Long) ((List<?>) ((List<?>) acc.get("values")).get(0)).get(0);
    assertThat(at % 60).isZero();
    assertThat(((List<?>) ((List<?>) acc.get("values")).get(0)).get(1)).isEqualTo(1.0);

    Map<String, Object> stream = http.get("/metrics/metric-basin/m?set=storage").json();
    assertThat(stream).containsKey("values");

    TestHttp.Res noSet = http.get("/metrics");
    assertThat(noSet.status()).isEqualTo(400);
    assertThat(noSet.json()).containsEntry("code", "bad_query");
    assertThat(http.get("/metrics/metric-basin?set=bogus").status()).isEqualTo(400);
    assertThat(http.get("/metrics/no-such-basin?set=storage").status()).isEqualTo(404);
  }

  private static List<Object> ids(TestHttp.Res page, String field) {
    return ((List<?>) page.json().get(field))
        .stream().map(t -> ((Map<?, ?>) t).get("id")).map(Object.class::cast).toList();
  }
}
