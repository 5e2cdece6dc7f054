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

class ResourceSetJsonTest {
  private final JsonAdapter<ResourceSet> adapter = S2Json.adapter(ResourceSet.class);
  private final JsonAdapter<AccessTokenScope> scopes = S2Json.adapter(AccessTokenScope.class);

  @Test
  void exactAndPrefixAreDistinctTypes() throws IOException {
    assertThat(adapter.fromJson("{\"exact\":\"events\"}")).isEqualTo(ResourceSetExact.of("events"));
    assertThat(adapter.fromJson("{\"prefix\":\"prod-\"}")).isEqualTo(ResourceSetPrefix.of("prod-"));
    assertThat(adapter.fromJson("{\"exact\":\"x\"}"))
        .isNotEqualTo(adapter.fromJson("{\"prefix\":\"x\"}"));
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
  void unknownKeysAreRefusedWithThePath() {
    // A ResourceSet is a tagged union: its only key is the tag. The service (serde) refuses any
    // other key too.
    assertThatThrownBy(() -> adapter.fromJson("{\"note\":{\"a\":[1,2]},\"prefix\":\"p\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage(
            "ResourceSet at path $ has the unknown key 'note'; it must have exactly one of 'exact', 'prefix'");
    assertThatThrownBy(() -> scopes.fromJson("{\"basins\":{\"prefix\":\"p\",\"x\":null}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage(
            "ResourceSet at path $.basins has the unknown key 'x' beside 'prefix'; "
                + "it must have exactly one of 'exact', 'prefix'");
  }

  @Test
  void bothVariantsAreRejectedWithThePath() {
    assertThatThrownBy(() -> scopes.fromJson("{\"streams\":{\"exact\":\"a\",\"prefix\":\"b\"}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage(
            "ResourceSet at path $.streams has both 'exact' and 'prefix'; it must have exactly one");
  }

  @Test
  void neitherVariantIsRejectedWithThePath() {
    assertThatThrownBy(() -> scopes.fromJson("{\"basins\":{}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage(
            "ResourceSet at path $.basins has neither 'exact' nor 'prefix'; it must have exactly one");
    assertThatThrownBy(() -> scopes.fromJson("{\"basins\":{\"glob\":\"*\"}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage(
            "ResourceSet at path $.basins has the unknown key 'glob'; it must have exactly one of "
                + "'exact', 'prefix'");
  }

  @Test
  void theSameKeyTwiceIsRejectedWithThePath() {
    assertThatThrownBy(() -> scopes.fromJson("{\"streams\":{\"exact\":\"a\",\"exact\":\"b\"}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage(
            "ResourceSet at path $.streams has the key 'exact' twice; it must have exactly one of "
                + "'exact', 'prefix'");
  }

  @Test
  void wrongShapesAreRejectedWithThePath() {
    assertThatThrownBy(() -> scopes.fromJson("{\"basins\":\"prod\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Expected an object for ResourceSet but was STRING at path $.basins");
    assertThatThrownBy(() -> scopes.fromJson("{\"basins\":{\"exact\":7}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Expected a string but was NUMBER at path $.basins.exact");
    assertThatThrownBy(() -> scopes.fromJson("{\"basins\":{\"exact\":null}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Expected a string but was NULL at path $.basins.exact");
  }

  @Test
  void writesEachVariantBack() {
    assertThat(adapter.toJson(ResourceSetExact.of("e"))).isEqualTo("{\"exact\":\"e\"}");
    assertThat(adapter.toJson(ResourceSetPrefix.of(""))).isEqualTo("{\"prefix\":\"\"}");
    assertThat(adapter.toJson(null)).isEqualTo("null");
  }

  @Test
  void callersHandleEveryVariantWithTheVisitor() throws IOException {
    ResourceSet.Visitor<String> describe =
        new ResourceSet.Visitor<>() {
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
