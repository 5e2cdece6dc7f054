package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.s2.model.AccessTokenScope;
import dev.s2.model.ResourceSet;
import dev.s2.model.ResourceSetExact;
import dev.s2.model.ResourceSetPrefix;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ResourceSetJsonAdapterTest {
  private final JsonAdapter<ResourceSet> adapter = S2Json.adapter(ResourceSet.class);
  private final JsonAdapter<AccessTokenScope> scopes = S2Json.adapter(AccessTokenScope.class);

  @Test
  void exactAndPrefixAreDistinctTypes() throws IOException {
    assertThat(adapter.fromJson("{\"exact\":\"events\"}")).isEqualTo(ResourceSetExact.of("events"));
    assertThat(adapter.fromJson("{\"prefix\":\"prod-\"}")).isEqualTo(ResourceSetPrefix.of("prod-"));
    assertThat(adapter.fromJson("{\"exact\":\"x\"}")).isNotEqualTo(adapter.fromJson("{\"prefix\":\"x\"}"));
  }

  @Test
  void theEmptyStringKeepsItsMeaning() throws IOException {
    assertThat(adapter.fromJson("{\"exact\":\"\"}")).isEqualTo(ResourceSetExact.of(""));
    assertThat(adapter.fromJson("{\"prefix\":\"\"}")).isEqualTo(ResourceSetPrefix.of(""));
  }

  @Test
  void nullIsNull() throws IOException {
    assertThat(adapter.fromJson("null")).isNull();
    assertThat(scopes.fromJson("{\"basins\":null}").basins()).isEmpty();
  }

  @Test
  void unknownKeysAreSkipped() throws IOException {
    assertThat(adapter.fromJson("{\"note\":{\"a\":[1,2]},\"prefix\":\"p\",\"x\":null}"))
        .isEqualTo(ResourceSetPrefix.of("p"));
  }

  @Test
  void bothVariantsAreRejectedWithThePath() {
    assertThatThrownBy(() -> scopes.fromJson("{\"streams\":{\"exact\":\"a\",\"prefix\":\"b\"}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("ResourceSet at path $.streams has both 'exact' and 'prefix'; it must have exactly one");
  }

  @Test
  void neitherVariantIsRejectedWithThePath() {
    assertThatThrownBy(() -> scopes.fromJson("{\"basins\":{\"glob\":\"*\"}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("ResourceSet at path $.basins has neither 'exact' nor 'prefix'; it must have exactly one");
  }

  @Test
  void wrongShapesAreRejectedWithThePath() {
    assertThatThrownBy(() -> scopes.fromJson("{\"basins\":\"prod\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("but was STRING at path $.basins");
    assertThatThrownBy(() -> scopes.fromJson("{\"basins\":{\"exact\":7}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Expected a string for ResourceSet 'exact' but was NUMBER at path $.basins.exact");
    assertThatThrownBy(() -> scopes.fromJson("{\"basins\":{\"exact\":null}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("but was NULL at path $.basins.exact");
  }

  @Test
  void writesEachVariantBack() {
    assertThat(adapter.toJson(ResourceSetExact.of("e"))).isEqualTo("{\"exact\":\"e\"}");
    assertThat(adapter.toJson(ResourceSetPrefix.of(""))).isEqualTo("{\"prefix\":\"\"}");
    assertThat(adapter.toJson(null)).isEqualTo("null");
  }

  @Test
  void callersHandleEveryVariantWithTheVisitor() throws IOException {
    ResourceSet.Visitor<String> describe = new ResourceSet.Visitor<>() {
      @Override
      public String visitResourceSetExact(ResourceSetExact value) {
        return "only " + value.exact();
      }

      @Override
      public String visitResourceSetPrefix(ResourceSetPrefix value) {
        return "all under " + value.prefix();
      }
    };
    assertThat(adapter.fromJson("{\"exact\":\"a\"}").accept(describe)).isEqualTo("only a");
    assertThat(adapter.fromJson("{\"prefix\":\"b\"}").accept(describe)).isEqualTo("all under b");
  }
}
