package dev.s2.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import dev.s2.client.AutoPager;
import dev.s2.client.ListAccessTokensParams;
import dev.s2.client.Page;
import dev.s2.client.PagingOptions;
import dev.s2.client.S2Client;
import dev.s2.client.S2PaginationException;
import dev.s2.model.AccessTokenInfo;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Page walks through the client against pages that conform to the spec: several pages, an empty page that
 * says there is more, a server repeating a cursor, prefix filters, {@code limit} at 0, 1 and 1000, a cap on
 * items, resuming from a saved cursor. Each walk checks the items, field by field, and the exact requests.
 */
class PaginationTest {
  private static final String PATH = "/v1/access-tokens";

  @RegisterExtension
  static final ContractWireMock WIREMOCK = ContractWireMock.clientTraffic();

  private S2Client client;

  @BeforeEach
  void client() {
    client = Clients.of(WIREMOCK.baseUrl(), new RecordingSleeper());
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aWalkFetchesThePagesOneAtATimeWithTheLastIdAsCursor() {
    page(absent(), true, "a1", "a2", "a3");
    page(equalTo("a3"), true, "a4", "a5", "a6");
    page(equalTo("a6"), false, "a7");

    Iterator<AccessTokenInfo> walk = client.accessTokens().listAll(ListAccessTokensParams.builder().limit(3).build())
        .iterator();
    List<AccessTokenInfo> items = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      items.add(walk.next());
    }
    assertThat(WIREMOCK.exchanges()).as("lazy: one page fetched for its three items").hasSize(1);
    walk.forEachRemaining(items::add);

    assertItems(items, "a1", "a2", "a3", "a4", "a5", "a6", "a7");
    assertRequests(query(null, null, "3"), query(null, "a3", "3"), query(null, "a6", "3"));
  }

  @Test
  void anEmptyPageThatSaysThereIsMoreEndsTheWalk() {
    page(absent(), true, "a1", "a2");
    page(equalTo("a2"), true);

    List<AccessTokenInfo> items = client.accessTokens().listAll(ListAccessTokensParams.all()).stream().toList();

    assertItems(items, "a1", "a2");
    assertRequests(query(null, null, null), query(null, "a2", null));
  }

  @Test
  void anEmptyPageThatSaysThereIsMoreHasNoNextCursor() {
    page(equalTo("a2"), true);

    Page<AccessTokenInfo> page = client.accessTokens().list(ListAccessTokensParams.builder().startAfter("a2").build());

    assertThat(page.items()).isEmpty();
    assertThat(page.hasMore()).isTrue();
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void aServerRepeatingThePreviousCursorEndsTheWalkWithAnError() {
    page(absent(), true, "a1", "a2");
    page(equalTo("a2"), true, "a1", "a2");
    List<AccessTokenInfo> items = new ArrayList<>();

    assertThatThrownBy(() -> client.accessTokens().listAll(ListAccessTokensParams.all()).forEach(items::add))
        .isExactlyInstanceOf(S2PaginationException.class)
        .hasMessage("page 2 of this walk: item 1 ('a1') does not sort after the cursor it was asked to start "
            + "after, 'a2'; S2 lists in increasing order of UTF-8 bytes, so the service returned items out of order "
            + "or twice, and paging stops rather than pass them on or loop");
    assertItems(items, "a1", "a2");
    assertRequests(query(null, null, null), query(null, "a2", null));
  }

  @Test
  void aServerRepeatingAnEarlierCursorEndsTheWalkWithAnError() {
    page(absent(), true, "a1", "a2");
    page(equalTo("a2"), true, "a3", "a4");
    page(equalTo("a4"), true, "a1", "a2");
    List<AccessTokenInfo> items = new ArrayList<>();

    assertThatThrownBy(() -> client.accessTokens().listAll(ListAccessTokensParams.all()).forEach(items::add))
        .isExactlyInstanceOf(S2PaginationException.class)
        .hasMessageStartingWith("page 3 of this walk: item 1 ('a1') does not sort after the cursor it was asked "
            + "to start after, 'a4'");
    assertItems(items, "a1", "a2", "a3", "a4");
    assertThat(WIREMOCK.exchanges()).hasSize(3);
  }

  @Test
  void thePrefixIsSentOnEveryPage() {
    page(absent(), true, "ci/a", "ci/b");
    page(equalTo("ci/b"), false, "ci/c");

    List<AccessTokenInfo> items = client.accessTokens()
        .listAll(ListAccessTokensParams.builder().prefix("ci/").limit(2).build()).stream().toList();

    assertItems(items, "ci/a", "ci/b", "ci/c");
    assertRequests(query("ci/", null, "2"), query("ci/", "ci/b", "2"));
  }

  @Test
  void limitZeroIsSentAsZero() {
    page(absent(), false);

    Page<AccessTokenInfo> page = client.accessTokens().list(ListAccessTokensParams.builder().limit(0).build());

    assertThat(page.items()).isEmpty();
    assertThat(page.hasMore()).isFalse();
    assertRequests(query(null, null, "0"));
  }

  @Test
  void limitOneWalksOneTokenPerPage() {
    page(absent(), true, "a1");
    page(equalTo("a1"), true, "a2");
    page(equalTo("a2"), false, "a3");

    List<AccessTokenInfo> items = client.accessTokens().listAll(ListAccessTokensParams.builder().limit(1).build())
        .stream().toList();

    assertItems(items, "a1", "a2", "a3");
    assertRequests(query(null, null, "1"), query(null, "a1", "1"), query(null, "a2", "1"));
  }

  @Test
  void limitThousandDecodesAFullPageOfTheSpecsMaximumSize() {
    String[] ids = new String[1000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = String.format("t%04d", i);
    }
    page(absent(), true, ids);

    Page<AccessTokenInfo> page = client.accessTokens().list(ListAccessTokensParams.builder().limit(1000).build());

    assertItems(page.items(), ids);
    assertThat(page.hasMore()).isTrue();
    assertThat(page.nextCursor()).contains("t0999");
    assertRequests(query(null, null, "1000"));
  }

  @Test
  void aCapOnItemsAsksTheLastPageOnlyForWhatIsLeft() {
    page(absent(), true, "a1", "a2", "a3");
    page(equalTo("a3"), true, "a4", "a5");

    AutoPager<AccessTokenInfo> walk = client.accessTokens().listAll(ListAccessTokensParams.builder().limit(3).build(),
        PagingOptions.builder().maxItems(5).build());

    assertItems(walk.stream().toList(), "a1", "a2", "a3", "a4", "a5");
    assertRequests(query(null, null, "3"), query(null, "a3", "2"));
  }

  @Test
  void aWalkResumesFromASavedCursor() {
    page(absent(), true, "a1", "a2");
    page(equalTo("a2"), false, "a3");
    String cursor = client.accessTokens().list(ListAccessTokensParams.all()).nextCursor().orElseThrow();

    List<AccessTokenInfo> rest = client.accessTokens()
        .listAll(ListAccessTokensParams.builder().startAfter(cursor).build()).stream().toList();

    assertItems(rest, "a3");
    assertRequests(query(null, null, null), query(null, "a2", null));
  }

  @Test
  void anAsynchronousWalkSeesTheSamePages() {
    page(absent(), true, "a1", "a2");
    page(equalTo("a2"), false, "a3");

    List<AccessTokenInfo> items = client.accessTokens().listAllAsync(ListAccessTokensParams.all()).toList().join();

    assertItems(items, "a1", "a2", "a3");
    assertRequests(query(null, null, null), query(null, "a2", null));
  }

  private static void page(StringValuePattern startAfter, boolean hasMore, String... ids) {
    MappingBuilder request = get(urlPathEqualTo(PATH)).withQueryParam("start_after", startAfter);
    WIREMOCK.server().stubFor(request.willReturn(okJson(PageBodies.page(hasMore, ids))));
  }

  private static void assertItems(List<AccessTokenInfo> items, String... ids) {
    assertThat(items).extracting(AccessTokenInfo::id).containsExactly(ids);
    assertThat(DecodedValues.s2().mismatches(PageBodies.tokens(ids), items, PageBodies.TOKENS_SCHEMA)).isEmpty();
  }

  private static void assertRequests(Query... queries) {
    assertThat(WIREMOCK.exchanges()).extracting(HttpExchange::query)
        .containsExactlyElementsOf(java.util.Arrays.stream(queries).map(Query::parameters).toList());
  }

  /** The decoded query parameters a request must carry, exactly. */
  private record Query(Map<String, List<String>> parameters) {}

  private static Query query(String prefix, String startAfter, String limit) {
    Map<String, List<String>> query = new java.util.LinkedHashMap<>();
    if (prefix != null) {
      query.put("prefix", List.of(prefix));
    }
    if (startAfter != null) {
      query.put("start_after", List.of(startAfter));
    }
    if (limit != null) {
      query.put("limit", List.of(limit));
    }
    return new Query(query);
  }
}
