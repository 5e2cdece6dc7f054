package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The paging rules, against a scripted source: no HTTP, every request recorded. */
class PageWalkTest {

  /** A source of pages of string ids, each its own cursor, with the spec's default page size. */
  abstract static class StringSource implements PageSource<String> {
    @Override
    public String cursorOf(String item) {
      return item;
    }

    @Override
    public int defaultPageSize() {
      return 1000;
    }
  }

  /** Serves scripted pages of string ids and records each request as "startAfter/limit". */
  static final class ScriptedSource extends StringSource {
    final List<Page<String>> pages = new ArrayList<>();
    final List<String> requests = new ArrayList<>();
    final List<String> asyncRequests = new ArrayList<>();

    ScriptedSource page(boolean hasMore, String... ids) {
      pages.add(new Page<>(Arrays.asList(ids), hasMore, null));
      return this;
    }

    @Override
    public Page<String> fetch(String startAfter, @Nullable Integer limit) {
      requests.add(startAfter + "/" + limit);
      if (pages.isEmpty()) {
        throw new AssertionError("fetched past the script: " + startAfter);
      }
      return pages.remove(0);
    }

    @Override
    public CompletableFuture<Page<String>> fetchAsync(String startAfter, @Nullable Integer limit) {
      asyncRequests.add(startAfter + "/" + limit);
      return CompletableFuture.supplyAsync(() -> fetch(startAfter, limit));
    }

    AutoPager<String> pager(
        String startAfter, @Nullable Integer pageSize, OptionalLong maxItems, boolean prefetch) {
      return new AutoPager<>(
          () -> new PageWalk<>(this, startAfter, pageSize, maxItems, prefetch, Redactor.none()));
    }

    AutoPager<String> pager() {
      return pager("", null, OptionalLong.empty(), false);
    }
  }

  @Test
  void fetchesTheNextPageOnlyWhenTheCurrentOneIsUsedUp() {
    ScriptedSource source = new ScriptedSource().page(true, "a", "b").page(false, "c");
    Iterator<String> it = source.pager().iterator();

    assertThat(source.requests).isEmpty();
    assertThat(it.next()).isEqualTo("a");
    assertThat(it.next()).isEqualTo("b");
    assertThat(source.requests).containsExactly("/null");
    assertThat(it.next()).isEqualTo("c");
    assertThat(source.requests).containsExactly("/null", "b/null");
    assertThat(it.hasNext()).isFalse();
  }

  @Test
  void stopsOnHasMoreFalse() {
    ScriptedSource source = new ScriptedSource().page(false, "a");
    assertThat(source.pager().stream().collect(Collectors.toList())).containsExactly("a");
    assertThat(source.requests).hasSize(1);
  }

  @Test
  void stopsOnAnEmptyPageEvenWhenItSaysMore() {
    ScriptedSource source = new ScriptedSource().page(true, "a").page(true);
    assertThat(source.pager().stream().collect(Collectors.toList())).containsExactly("a");
    assertThat(source.requests).containsExactly("/null", "a/null");
  }

  @Test
  void aRepeatedCursorEndsTheWalkWithAClearError() {
    // a -> b -> a again: not the previous cursor, an older one
    ScriptedSource source =
        new ScriptedSource().page(true, "a").page(true, "b").page(true, "a").page(true, "c");
    Iterator<String> it = source.pager().iterator();

    assertThat(it.next()).isEqualTo("a");
    assertThat(it.next()).isEqualTo("b");
    assertThatThrownBy(it::hasNext)
        .isInstanceOf(S2PaginationException.class)
        .hasMessage(
            "page 3 of this walk: item 1 ('a') does not sort after the cursor it was asked to start after, "
                + "'b'; S2 lists in increasing order of UTF-8 bytes, so the service returned items out of order or "
                + "twice, and paging stops rather than pass them on or loop");
    assertThat(source.requests).hasSize(3);
  }

  @Test
  void aPageEndingOnTheStartingCursorIsARepeat() {
    ScriptedSource source = new ScriptedSource().page(true, "k");
    assertThatThrownBy(
            () -> source.pager("k", null, OptionalLong.empty(), false).iterator().hasNext())
        .isInstanceOf(S2PaginationException.class);
  }

  @Test
  void resumesFromASavedCursor() {
    ScriptedSource source = new ScriptedSource().page(false, "n", "o");
    assertThat(
            source.pager("m", 2, OptionalLong.empty(), false).stream().collect(Collectors.toList()))
        .containsExactly("n", "o");
    assertThat(source.requests).containsExactly("m/2");
  }

  @Test
  void theCapAsksOnlyForWhatIsLeft() {
    // A page longer than asked for is now a pagination error (see
    // pageLongerThanAskedForEndsTheWalk).
    ScriptedSource source = new ScriptedSource().page(true, "a", "b", "c").page(true, "d", "e");
    List<String> items =
        source.pager("", 3, OptionalLong.of(5), false).stream().collect(Collectors.toList());

    assertThat(items).containsExactly("a", "b", "c", "d", "e");
    assertThat(source.requests).containsExactly("/3", "c/2");
  }

  @Test
  void theCapWithoutPageSizeAsksForAtMostTheDefaultPage() {
    ScriptedSource source = new ScriptedSource().page(true, "a");
    source.pager("", null, OptionalLong.of(1), false).iterator().next();
    assertThat(source.requests).containsExactly("/1");
    ScriptedSource big = new ScriptedSource().page(false, "a");
    big.pager("", null, OptionalLong.of(5000), false).iterator().next();
    assertThat(big.requests).containsExactly("/1000");
  }

  @Test
  void aZeroCapFetchesNothing() {
    ScriptedSource source = new ScriptedSource();
    assertThat(source.pager("", null, OptionalLong.of(0), false).iterator().hasNext()).isFalse();
    assertThat(source.requests).isEmpty();
  }

  @Test
  void prefetchRequestsTheNextPageAsSoonAsOneArrives() {
    ScriptedSource source =
        new ScriptedSource().page(true, "a", "b").page(true, "c").page(false, "d");
    Iterator<String> it = source.pager("", null, OptionalLong.empty(), true).iterator();

    assertThat(it.next()).isEqualTo("a");
    // page 2 is already requested while the caller is still on page 1
    assertThat(source.asyncRequests).containsExactly("b/null");
    assertThat(it.next()).isEqualTo("b");
    assertThat(it.next()).isEqualTo("c");
    assertThat(source.asyncRequests).containsExactly("b/null", "c/null");
    assertThat(it.next()).isEqualTo("d");
    assertThat(it.hasNext()).isFalse();
  }

  @Test
  void pagesExposeTheCursorToSave() {
    ScriptedSource source = new ScriptedSource().page(true, "a", "b").page(false, "c");
    List<Page<String>> pages = new ArrayList<>();
    source.pager().pages().forEach(pages::add);

    assertThat(pages).hasSize(2);
    assertThat(pages.get(0).items()).containsExactly("a", "b");
    assertThat(pages.get(1).hasMore()).isFalse();
  }

  @Test
  void eachIterationIsANewWalk() {
    ScriptedSource source = new ScriptedSource().page(false, "a").page(false, "a");
    AutoPager<String> pager = source.pager();
    assertThat(pager.stream().count()).isEqualTo(1);
    assertThat(pager.stream().count()).isEqualTo(1);
    assertThat(source.requests).containsExactly("/null", "/null");
  }

  @Test
  void asyncWalkVisitsEveryPageInOrder() throws Exception {
    ScriptedSource source = new ScriptedSource().page(true, "a").page(true, "b").page(false, "c");
    AsyncAutoPager<String> pager =
        new AsyncAutoPager<>(
            () -> new PageWalk<>(source, "", null, OptionalLong.empty(), false, Redactor.none()));

    List<String> seen = new ArrayList<>();
    pager.forEach(seen::add).get();

    assertThat(seen).containsExactly("a", "b", "c");
    assertThat(source.asyncRequests).containsExactly("/null", "a/null", "b/null");
  }

  @Test
  void asyncWalkFailsWithThePaginationError() {
    ScriptedSource source = new ScriptedSource().page(true, "a").page(true, "a");
    AsyncAutoPager<String> pager =
        new AsyncAutoPager<>(
            () -> new PageWalk<>(source, "", null, OptionalLong.empty(), false, Redactor.none()));

    assertThatThrownBy(() -> pager.toList().get()).hasCauseInstanceOf(S2PaginationException.class);
  }

  @Test
  void asyncWalkStopsWhenTheActionThrows() {
    ScriptedSource source = new ScriptedSource().page(true, "a").page(false, "b");
    AsyncAutoPager<String> pager =
        new AsyncAutoPager<>(
            () -> new PageWalk<>(source, "", null, OptionalLong.empty(), false, Redactor.none()));

    assertThatThrownBy(
            () ->
                pager
                    .forEach(
                        s -> {
                          throw new IllegalStateException("consumer failed on " + s);
                        })
                    .get())
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("consumer failed on a");
    assertThat(source.asyncRequests).hasSize(1);
  }
}
