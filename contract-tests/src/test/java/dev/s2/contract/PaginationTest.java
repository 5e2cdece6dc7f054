package dev.s2.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.s2.client.Page;
import dev.s2.client.PagingOptions;
import dev.s2.client.S2Client;
import dev.s2.client.S2PaginationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Page walks through the client, for every paged list operation of the spec ({@link
 * PagedList#all()}: access tokens, basins, the streams of a basin), against pages that conform to
 * the spec: several pages, an empty page that says there is more, a server repeating a cursor,
 * prefix filters, {@code limit} at 0, 1 and 1000, a cap on items, resuming from a saved cursor, the
 * asynchronous walk. Each walk checks the items, field by field, and the exact requests (the spec's
 * default {@code limit} is not sent).
 */
class PaginationTest {
  @RegisterExtension static final ContractWireMock WIREMOCK = ContractWireMock.clientTraffic();

  private S2Client client;

  static List<PagedList> lists() {
    return PagedList.all();
  }

  @BeforeEach
  void client() {
    client = Clients.of(WIREMOCK.baseUrl(), new RecordingSleeper());
  }

  @AfterEach
  void close() {
    client.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void aWalkFetchesThePagesOneAtATimeWithTheLastKeyAsCursor(PagedList list) {
    page(list, null, true, "a1", "a2", "a3");
    page(list, "a3", true, "a4", "a5", "a6");
    page(list, "a6", false, "a7");

    Iterator<?> walk =
        list.listAll(client, list.params(null, null, 3), PagingOptions.defaults()).iterator();
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      items.add(walk.next());
    }
    assertThat(WIREMOCK.exchanges()).as("lazy: one page fetched for its three items").hasSize(1);
    walk.forEachRemaining(items::add);

    assertItems(list, items, "a1", "a2", "a3", "a4", "a5", "a6", "a7");
    assertRequests(
        list,
        query(list, null, null, "3"),
        query(list, null, "a3", "3"),
        query(list, null, "a6", "3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void anEmptyPageThatSaysThereIsMoreEndsTheWalk(PagedList list) {
    page(list, null, true, "a1", "a2");
    page(list, "a2", true);

    List<?> items =
        list.listAll(client, list.params(null, null, null), PagingOptions.defaults()).stream()
            .toList();

    assertItems(list, items, "a1", "a2");
    assertRequests(list, query(list, null, null, null), query(list, null, "a2", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void anEmptyPageThatSaysThereIsMoreHasNoNextCursor(PagedList list) {
    page(list, "a2", true);

    Page<?> page = list.list(client, list.params(null, list.key("a2"), null));

    assertThat(page.items()).isEmpty();
    assertThat(page.hasMore()).isTrue();
    assertThat(page.nextCursor()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void aServerRepeatingThePreviousCursorEndsTheWalkWithAnError(PagedList list) {
    page(list, null, true, "a1", "a2");
    page(list, "a2", true, "a1", "a2");
    List<Object> items = new ArrayList<>();

    assertThatThrownBy(
            () ->
                list.listAll(client, list.params(null, null, null), PagingOptions.defaults())
                    .forEach(items::add))
        .isExactlyInstanceOf(S2PaginationException.class)
        .hasMessage(
            "page 2 of this walk: item 1 ('"
                + list.key("a1")
                + "') does not sort after the cursor it was "
                + "asked to start after, '"
                + list.key("a2")
                + "'; S2 lists in increasing order of UTF-8 bytes, so the "
                + "service returned items out of order or twice, and paging stops rather than pass them on or loop");
    assertItems(list, items, "a1", "a2");
    assertRequests(list, query(list, null, null, null), query(list, null, "a2", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void aServerRepeatingAnEarlierCursorEndsTheWalkWithAnError(PagedList list) {
    page(list, null, true, "a1", "a2");
    page(list, "a2", true, "a3", "a4");
    page(list, "a4", true, "a1", "a2");
    List<Object> items = new ArrayList<>();

    assertThatThrownBy(
            () ->
                list.listAll(client, list.params(null, null, null), PagingOptions.defaults())
                    .forEach(items::add))
        .isExactlyInstanceOf(S2PaginationException.class)
        .hasMessageStartingWith(
            "page 3 of this walk: item 1 ('"
                + list.key("a1")
                + "') does not sort after the "
                + "cursor it was asked to start after, '"
                + list.key("a4")
                + "'");
    assertItems(list, items, "a1", "a2", "a3", "a4");
    assertThat(WIREMOCK.exchanges()).hasSize(3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void thePrefixIsSentOnEveryPage(PagedList list) {
    page(list, null, true, "ci/a", "ci/b");
    page(list, "ci/b", false, "ci/c");

    List<?> items =
        list
            .listAll(client, list.params(list.prefix("ci/"), null, 2), PagingOptions.defaults())
            .stream()
            .toList();

    assertItems(list, items, "ci/a", "ci/b", "ci/c");
    assertRequests(list, query(list, "ci/", null, "2"), query(list, "ci/", "ci/b", "2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void limitZeroIsSentAsZero(PagedList list) {
    page(list, null, false);

    Page<?> page = list.list(client, list.params(null, null, 0));

    assertThat(page.items()).isEmpty();
    assertThat(page.hasMore()).isFalse();
    assertRequests(list, query(list, null, null, "0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void limitOneWalksOneItemPerPage(PagedList list) {
    page(list, null, true, "a1");
    page(list, "a1", true, "a2");
    page(list, "a2", false, "a3");

    List<?> items =
        list.listAll(client, list.params(null, null, 1), PagingOptions.defaults()).stream()
            .toList();

    assertItems(list, items, "a1", "a2", "a3");
    assertRequests(
        list,
        query(list, null, null, "1"),
        query(list, null, "a1", "1"),
        query(list, null, "a2", "1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void limitThousandIsTheDefaultNotSentAndDecodesAFullPageOfTheSpecsMaximumSize(PagedList list) {
    String[] names = new String[1000];
    for (int i = 0; i < names.length; i++) {
      names[i] = String.format("t%04d", i);
    }
    page(list, null, true, names);

    Page<?> page = list.list(client, list.params(null, null, 1000));

    assertItems(list, page.items(), names);
    assertThat(page.hasMore()).isTrue();
    assertThat(page.nextCursor()).contains(list.key("t0999"));
    assertRequests(list, query(list, null, null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void aCapOnItemsAsksTheLastPageOnlyForWhatIsLeft(PagedList list) {
    page(list, null, true, "a1", "a2", "a3");
    page(list, "a3", true, "a4", "a5");

    List<?> items =
        list
            .listAll(
                client, list.params(null, null, 3), PagingOptions.builder().maxItems(5).build())
            .stream()
            .toList();

    assertItems(list, items, "a1", "a2", "a3", "a4", "a5");
    assertRequests(list, query(list, null, null, "3"), query(list, null, "a3", "2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void aWalkResumesFromASavedCursor(PagedList list) {
    page(list, null, true, "a1", "a2");
    page(list, "a2", false, "a3");
    String cursor = list.list(client, list.params(null, null, null)).nextCursor().orElseThrow();

    List<?> rest =
        list.listAll(client, list.params(null, cursor, null), PagingOptions.defaults()).stream()
            .toList();

    assertItems(list, rest, "a3");
    assertRequests(list, query(list, null, null, null), query(list, null, "a2", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lists")
  void anAsynchronousWalkSeesTheSamePages(PagedList list) {
    page(list, null, true, "a1", "a2");
    page(list, "a2", false, "a3");

    List<?> items = list.listAllAsync(client, list.params(null, null, null)).toList().join();

    assertItems(list, items, "a1", "a2", "a3");
    assertRequests(list, query(list, null, null, null), query(list, null, "a2", null));
  }

  /**
   * Serves a page of the items with these (test) names after the cursor of that name (null: the
   * first page).
   */
  private static void page(PagedList list, String after, boolean hasMore, String... names) {
    MappingBuilder request =
        get(urlPathEqualTo(list.driver().plan().path()))
            .withQueryParam("start_after", after == null ? absent() : equalTo(list.key(after)));
    WIREMOCK.server().stubFor(request.willReturn(okJson(list.page(hasMore, keys(list, names)))));
  }

  private static String[] keys(PagedList list, String... names) {
    return Arrays.stream(names).map(list::key).toArray(String[]::new);
  }

  private static void assertItems(PagedList list, List<?> items, String... names) {
    String[] keys = keys(list, names);
    assertThat(items).extracting(list::keyOf).containsExactly(keys);
    assertThat(DecodedValues.s2().mismatches(list.items(keys), items, list.listSchema())).isEmpty();
  }

  /**
   * The requests of the test: each exactly one of these queries, in order, and what every request
   * carries.
   */
  private static void assertRequests(PagedList list, Map<String, List<String>>... queries) {
    List<HttpExchange> exchanges = WIREMOCK.exchanges();
    assertThat(exchanges).extracting(HttpExchange::query).containsExactly(queries);
    assertThat(exchanges)
        .allSatisfy(
            e -> {
              assertThat(e.path()).isEqualTo(list.driver().plan().path());
              assertThat(e.header("s2-basin")).isEqualTo(list.driver().plan().handleValue());
            });
  }

  /** The decoded query a request must carry, exactly: the test's names made valid keys. */
  private static Map<String, List<String>> query(
      PagedList list, String prefix, String startAfter, String limit) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (prefix != null) {
      query.put("prefix", List.of(list.prefix(prefix)));
    }
    if (startAfter != null) {
      query.put("start_after", List.of(list.key(startAfter)));
    }
    if (limit != null) {
      query.put("limit", List.of(limit));
    }
    return query;
  }
}
