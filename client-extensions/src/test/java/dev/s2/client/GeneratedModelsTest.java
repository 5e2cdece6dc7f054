package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s2.model.AccessTokenInfo;
import dev.s2.model.AccessTokenScope;
import dev.s2.model.ListAccessTokensResponse;
import dev.s2.model.Operation;
import dev.s2.model.ReadWritePermissions;
import dev.s2.model.ResourceSetPrefix;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the templates promise of the generated models: immutability, checks from the spec, round
 * trips.
 */
class GeneratedModelsTest {

  @Test
  void buildersCheckRequiredFieldsAndTheSpecsConstraints() {
    assertThatThrownBy(
            () -> AccessTokenInfo.builder().scope(AccessTokenScope.builder().build()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("AccessTokenInfo.id is required but was not set");
    assertThatThrownBy(() -> AccessTokenInfo.builder().id(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AccessTokenInfo.id must not be null");
    assertThatThrownBy(() -> AccessTokenInfo.of("", AccessTokenScope.builder().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AccessTokenInfo.id must be 1 to 96 bytes of UTF-8, was 0 bytes");
    assertThatThrownBy(() -> AccessTokenInfo.of("x".repeat(97), AccessTokenScope.builder().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AccessTokenInfo.id must be 1 to 96 bytes of UTF-8, was 97 bytes");
    assertThat(AccessTokenInfo.of("x".repeat(96), AccessTokenScope.builder().build()).id())
        .hasSize(96);
    // the spec states the id's length in bytes: 49 two-byte characters are too many
    assertThatThrownBy(() -> AccessTokenInfo.of("é".repeat(49), AccessTokenScope.builder().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AccessTokenInfo.id must be 1 to 96 bytes of UTF-8, was 98 bytes");
  }

  @Test
  void listsAreCopiedAndImmutable() {
    List<Operation> ops = new ArrayList<>(List.of(Operation.READ));
    AccessTokenScope scope = AccessTokenScope.builder().ops(ops).build();
    ops.add(Operation.APPEND);

    assertThat(scope.ops()).contains(List.of(Operation.READ));
    assertThatThrownBy(() -> scope.ops().orElseThrow().add(Operation.TRIM))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> AccessTokenScope.builder().ops(Arrays.asList(Operation.READ, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AccessTokenScope.ops must not contain null");
  }

  @Test
  void maxItemsOfTheSpecIsChecked() {
    List<AccessTokenInfo> tooMany = new ArrayList<>();
    AccessTokenInfo t = AccessTokenInfo.of("a", AccessTokenScope.builder().build());
    for (int i = 0; i < 1001; i++) {
      tooMany.add(t);
    }
    assertThatThrownBy(() -> ListAccessTokensResponse.of(tooMany, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ListAccessTokensResponse.access_tokens must hold at most 1000 items, held 1001");
  }

  @Test
  void toBuilderDerivesAChangedCopy() {
    AccessTokenInfo a =
        AccessTokenInfo.of(
            "a", AccessTokenScope.builder().basins(ResourceSetPrefix.of("")).build());
    AccessTokenInfo b = a.toBuilder().autoPrefixStreams(true).build();
    assertThat(a.autoPrefixStreams()).isFalse();
    assertThat(b.autoPrefixStreams()).isTrue();
    assertThat(b.scope()).isEqualTo(a.scope());
    assertThat(b).isNotEqualTo(a);
    assertThat(a.toBuilder().build()).isEqualTo(a).hasSameHashCodeAs(a);
  }

  @Test
  void writesOnlyWhatIsSetAndReadsItBack() throws IOException {
    AccessTokenInfo token =
        AccessTokenInfo.builder()
            .id("w")
            .scope(
                AccessTokenScope.builder()
                    .opGroups(
                        dev.s2.model.PermittedOperationGroups.builder().stream(
                                ReadWritePermissions.builder().read(true).build())
                            .build())
                    .ops(List.of(Operation.APPEND, Operation.of("future-op")))
                    .build())
            .build();

    String json = S2Json.adapter(AccessTokenInfo.class).toJson(token);

    assertThat(json)
        .isEqualTo(
            "{\"id\":\"w\",\"scope\":{\"op_groups\":{\"stream\":{\"read\":true}},"
                + "\"ops\":[\"append\",\"future-op\"]}}");
    assertThat(S2Json.adapter(AccessTokenInfo.class).fromJson(json)).isEqualTo(token);
  }

  @Test
  void theAdaptersAreStrict() {
    com.squareup.moshi.JsonAdapter<ListAccessTokensResponse> pages =
        S2Json.adapter(ListAccessTokensResponse.class);
    assertThatThrownBy(
            () ->
                pages.fromJson("{\"access_tokens\":[{\"id\":7,\"scope\":{}}],\"has_more\":false}"))
        .isInstanceOf(com.squareup.moshi.JsonDataException.class)
        .hasMessage("Expected a string but was NUMBER at path $.access_tokens[0].id");
    assertThatThrownBy(() -> pages.fromJson("{\"access_tokens\":[],\"has_more\":null}"))
        .isInstanceOf(com.squareup.moshi.JsonDataException.class)
        .hasMessage("Expected a boolean but was NULL at path $.has_more");
    assertThatThrownBy(
            () ->
                pages.fromJson(
                    "{\"access_tokens\":[{\"id\":\"\",\"scope\":{}}],\"has_more\":false}"))
        .isInstanceOf(com.squareup.moshi.JsonDataException.class)
        .hasMessage(
            "AccessTokenInfo.id must be 1 to 96 bytes of UTF-8, was 0 bytes at path $.access_tokens[0].id");
    // Moshi's reader takes True for true; StrictJson's reader, which the client's converter is to
    // use, does not.
    assertThatThrownBy(
            () ->
                dev.s2.model.StrictJson.fromJson(
                    pages, new okio.Buffer().writeUtf8("{\"access_tokens\":[],\"has_more\":True}")))
        .isInstanceOf(com.squareup.moshi.JsonDataException.class)
        .hasMessage(
            "Expected a JSON literal (true, false or null, in lower case) but was 'True' at path $.has_more");
  }

  @Test
  void toStringShowsTheSetFields() {
    assertThat(AccessTokenInfo.of("a", AccessTokenScope.builder().build()).toString())
        .isEqualTo("AccessTokenInfo{id=a, scope=AccessTokenScope{}}");
  }
}
