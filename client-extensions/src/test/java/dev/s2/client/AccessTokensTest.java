package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s2.model.AccessTokenInfo;
import dev.s2.model.AccessTokenScope;
import dev.s2.model.Operation;
import dev.s2.model.PermittedOperationGroups;
import dev.s2.model.ResourceSetExact;
import dev.s2.model.ResourceSetPrefix;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
  private final TestServer server = new TestServer();
  private final S2Client client = server.client();

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  @Test
  void listDecodesEveryFieldOfTheResponse() {
    server.enqueue(
        200,
        "{\"access_tokens\":["
            + Json.FULL_TOKEN
            + ","
            + Json.MINIMAL_TOKEN
            + "],\"has_more\":true}");

    Page<AccessTokenInfo> page = client.accessTokens().list();

    assertThat(page.hasMore()).isTrue();
    assertThat(page.nextCursor()).contains("bare");
    assertThat(page.items()).hasSize(2);
    AccessTokenInfo full = page.items().get(0);
    assertThat(full.id()).isEqualTo("ci-deploy");
    assertThat(full.expiresAt())
        .contains(OffsetDateTime.of(2027, 3, 1, 12, 30, 45, 123_000_000, ZoneOffset.UTC));
    assertThat(full.autoPrefixStreams()).isTrue();
    AccessTokenScope scope = full.scope();
    assertThat(scope.basins()).contains(ResourceSetPrefix.of("prod-"));
    assertThat(scope.streams()).contains(ResourceSetExact.of("events"));
    assertThat(scope.accessTokens()).isEmpty();
    PermittedOperationGroups groups = scope.opGroups().orElseThrow();
    assertThat(groups.account().orElseThrow().read()).isTrue();
    assertThat(groups.account().orElseThrow().write()).isFalse(); // absent: the spec's default
    assertThat(groups.basin().orElseThrow().write()).isTrue();
    assertThat(groups.stream()).isEmpty();
    assertThat(scope.ops())
        .contains(List.of(Operation.APPEND, Operation.READ, Operation.LIST_STREAMS));

    AccessTokenInfo bare = page.items().get(1);
    assertThat(bare.id()).isEqualTo("bare");
    assertThat(bare.expiresAt()).isEmpty();
    assertThat(bare.autoPrefixStreams()).isFalse();
    assertThat(bare.scope()).isEqualTo(AccessTokenScope.builder().build());
  }

  @Test
  void listSendsTheFiltersAsQueryParametersWithTheBearerToken() {
    server.enqueue(200, Json.page(false));

    client
        .accessTokens()
        .list(ListAccessTokensParams.builder().prefix("ci-").startAfter("ci-a").limit(50).build());

    RecordedRequest request = server.take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/access-tokens");
    assertThat(request.getUrl().queryParameterNames())
        .containsExactlyInAnyOrder("prefix", "start_after", "limit");
    assertThat(request.getUrl().queryParameter("prefix")).isEqualTo("ci-");
    assertThat(request.getUrl().queryParameter("start_after")).isEqualTo("ci-a");
    assertThat(request.getUrl().queryParameter("limit")).isEqualTo("50");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TestServer.TOKEN);
  }

  @Test
  void listLeavesUnsetFiltersToTheServerDefaults() {
    server.enqueue(200, Json.page(false));

    client.accessTokens().list();

    assertThat(server.take().getUrl().querySize()).isZero();
  }

  @Test
  void listEncodesReservedCharactersInFilters() {
    server.enqueue(200, Json.page(false));

    client.accessTokens().list(ListAccessTokensParams.builder().prefix("a b&c=d/é").build());

    RecordedRequest request = server.take();
    assertThat(request.getUrl().queryParameter("prefix")).isEqualTo("a b&c=d/é");
    assertThat(request.getTarget()).endsWith("?prefix=a%20b%26c%3Dd%2F%C3%A9");
  }

  @Test
  void limitZeroIsSentAsZero() {
    server.enqueue(200, Json.page(false));

    Page<AccessTokenInfo> page =
        client.accessTokens().list(ListAccessTokensParams.builder().limit(0).build());

    assertThat(page.items()).isEmpty();
    assertThat(page.nextCursor()).isEmpty();
    assertThat(server.take().getUrl().queryParameter("limit")).isEqualTo("0");
  }

  @Test
  void listAsyncCompletesWithThePage() throws Exception {
    server.enqueue(200, Json.page(true, "a", "b"));

    Page<AccessTokenInfo> page =
        client.accessTokens().listAsync(ListAccessTokensParams.all()).get(5, TimeUnit.SECONDS);

    assertThat(page.items()).extracting(AccessTokenInfo::id).containsExactly("a", "b");
    assertThat(page.nextCursor()).contains("b");
  }

  @Test
  void nullArgumentsFailBeforeAnyRequest() {
    assertThatThrownBy(() -> client.accessTokens().list(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("params must not be null");
    assertThatThrownBy(() -> client.accessTokens().list(ListAccessTokensParams.all(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("options must not be null");
    assertThatThrownBy(() -> client.accessTokens().listAll(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("params must not be null");
    assertThatThrownBy(() -> client.accessTokens().listAsync(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("params must not be null");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void listAllWalksPagesWithTheLastIdAsCursor() {
    server.enqueue(200, Json.page(true, "a", "b"));
    server.enqueue(200, Json.page(true, "c"));
    server.enqueue(200, Json.page(false, "d"));

    List<String> ids =
        client
            .accessTokens()
            .listAll(ListAccessTokensParams.builder().prefix("").limit(2).build())
            .stream()
            .map(AccessTokenInfo::id)
            .toList();

    assertThat(ids).containsExactly("a", "b", "c", "d");
    assertThat(server.take().getUrl().queryParameter("start_after")).isNull();
    assertThat(server.take().getUrl().queryParameter("start_after")).isEqualTo("b");
    RecordedRequest third = server.take();
    assertThat(third.getUrl().queryParameter("start_after")).isEqualTo("c");
    assertThat(third.getUrl().queryParameter("limit")).isEqualTo("2");
  }

  @Test
  void listAllResumesFromASavedCursorAndCapsTheItems() {
    server.enqueue(200, Json.page(true, "m", "n", "o"));

    List<String> ids =
        client
            .accessTokens()
            .listAll(
                ListAccessTokensParams.builder().startAfter("l").build(),
                PagingOptions.builder().maxItems(3).build())
            .stream()
            .map(AccessTokenInfo::id)
            .toList();

    assertThat(ids).containsExactly("m", "n", "o");
    RecordedRequest request = server.take();
    assertThat(request.getUrl().queryParameter("start_after")).isEqualTo("l");
    assertThat(request.getUrl().queryParameter("limit")).isEqualTo("3");
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void listAllAsyncVisitsEveryToken() throws Exception {
    server.enqueue(200, Json.page(true, "a"));
    server.enqueue(200, Json.page(false, "b"));

    List<AccessTokenInfo> all =
        client
            .accessTokens()
            .listAllAsync(ListAccessTokensParams.all())
            .toList()
            .get(5, TimeUnit.SECONDS);

    assertThat(all).extracting(AccessTokenInfo::id).containsExactly("a", "b");
  }
}
