package dev.s2.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded mock pages the derived access tokens by {@code prefix}, {@code start_after} and {@code limit},
 * and every request and response it handled conforms to the spec.
 */
class S2MockServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE_CAP = 7;
  private static S2MockServer mock;
  private static List<String> allKeys;

  @BeforeAll
  static void start() {
    mock = S2MockServer.start(PAGE_CAP);
    allKeys = mock.collection("list_access_tokens").keys();
  }

  @AfterAll
  static void stop() {
    mock.close();
  }

  @AfterEach
  void everyExchangeConformsToTheSpec() {
    ContractValidator validator = ContractValidator.s2();
    List<String> problems = new ArrayList<>();
    for (var event : mock.wireMock().getAllServeEvents()) {
      HttpExchange exchange = HttpExchange.of(event);
      if (exchange.status() == 401) {
        continue; // the spec declares no 401; the real service answers it, and so does the mock
      }
      problems.addAll(validator.requestProblems(exchange));
      problems.addAll(validator.responseProblems(exchange.method(), exchange.path(), exchange.status(),
          exchange.responseHeaders(), exchange.responseBody()));
    }
    mock.wireMock().resetRequests();
    assertThat(problems).isEmpty();
  }

  @Test
  void theTokensAreTheDistinctTokensOfTheDerivedStubsUnderUniqueSortedKeys() throws Exception {
    assertThat(allKeys).hasSizeGreaterThan(3 * PAGE_CAP).doesNotHaveDuplicates().isSorted()
        .contains("typical", "expires_at/null", "scope/ops/append", "scope/streams/prefix/empty-string");
    JsonNode typical = page("?prefix=typical").get("access_tokens").get(0);
    JsonNode derived = S2Stubs.all().get(0).json().get("access_tokens").get(0);
    assertThat(typical.get("scope")).isEqualTo(derived.get("scope"));
    assertThat(typical.get("expires_at")).isEqualTo(derived.get("expires_at"));
  }

  @Test
  void walkingWithStartAfterVisitsEveryTokenOnceInOrderOverSeveralPages() throws Exception {
    List<String> seen = new ArrayList<>();
    String startAfter = "";
    int pages = 0;
    boolean more = true;
    while (more) {
      JsonNode page = page(startAfter.isEmpty() ? "?limit=1000" : "?limit=1000&start_after=" + encode(startAfter));
      pages++;
      JsonNode tokens = page.get("access_tokens");
      assertThat(tokens.size()).isLessThanOrEqualTo(PAGE_CAP);
      tokens.forEach(t -> seen.add(t.get("id").asText()));
      more = page.get("has_more").asBoolean();
      startAfter = seen.get(seen.size() - 1);
    }
    assertThat(seen).isEqualTo(allKeys);
    assertThat(pages).isEqualTo((allKeys.size() + PAGE_CAP - 1) / PAGE_CAP);
  }

  @Test
  void prefixFiltersAndLimitCapsThePage() throws Exception {
    JsonNode page = page("?prefix=scope/ops/&limit=3");

    assertThat(ids(page)).hasSize(3).allSatisfy(id -> assertThat(id).startsWith("scope/ops/"))
        .isEqualTo(allKeys.stream().filter(k -> k.startsWith("scope/ops/")).limit(3).toList());
    assertThat(page.get("has_more").asBoolean()).isTrue();
  }

  @Test
  void theLastPageOfAPrefixSaysThereIsNoMore() throws Exception {
    List<String> expected = allKeys.stream().filter(k -> k.startsWith("expires_at/")).toList();

    JsonNode page = page("?prefix=expires_at/&limit=5");

    assertThat(ids(page)).isEqualTo(expected);
    assertThat(page.get("has_more").asBoolean()).isFalse();
  }

  @Test
  void limitOneAndLimitZeroMeaningTheDefault() throws Exception {
    assertThat(ids(page("?limit=1"))).containsExactly(allKeys.get(0));
    assertThat(ids(page("?limit=0"))).isEqualTo(allKeys.subList(0, PAGE_CAP));
  }

  @Test
  void aLimitOutOfBoundsIsABadQuery() {
    RawHttp.Answer answer = RawHttp.get(mock.baseUrl() + "/access-tokens?limit=1001", "tok");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("\"code\":\"bad_query\"", "between 0 and 1000");
    assertThatThrownBy(() -> ContractValidator.s2().requestProblems(HttpExchange.of(
        mock.wireMock().getAllServeEvents().get(0))).forEach(p -> {
          throw new AssertionError(p);
        })).hasMessageContaining("maximum");
    mock.wireMock().resetRequests();
  }

  @Test
  void aRequestWithoutBearerTokenIsRefusedLikeTheRealService() {
    RawHttp.Answer answer = RawHttp.get(mock.baseUrl() + "/access-tokens", null);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).contains("\"code\":\"authn\"");
  }

  @Test
  void startRejectsAPageCapBelowOne() {
    assertThatThrownBy(() -> S2MockServer.start(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pageCap must be at least 1, was 0");
  }

  @Test
  void theBaseUrlIsOnLoopbackUnderTheSpecBasePath() {
    assertThat(mock.baseUrl()).isEqualTo("http://127.0.0.1:" + mock.port() + "/v1");
  }

  private static JsonNode page(String query) throws Exception {
    RawHttp.Answer answer = RawHttp.get(mock.baseUrl() + "/access-tokens" + query, "tok");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("access_tokens").forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
