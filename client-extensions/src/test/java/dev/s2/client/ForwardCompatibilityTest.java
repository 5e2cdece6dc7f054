package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import dev.s2.model.AccessTokenInfo;
import dev.s2.model.ListAccessTokensResponse;
import dev.s2.model.Operation;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Responses from a newer service still decode, and what this SDK does not know stays visible. */
class ForwardCompatibilityTest {
  private final JsonAdapter<ListAccessTokensResponse> pages =
      S2Json.adapter(ListAccessTokensResponse.class);
  private final JsonAdapter<Operation> operations = S2Json.adapter(Operation.class);

  @Test
  void anUnknownOperationKeepsItsRawValueAndDoesNotFailThePage() throws IOException {
    ListAccessTokensResponse page =
        pages.fromJson(
            "{\"access_tokens\":["
                + "{\"id\":\"a\",\"scope\":{\"ops\":[\"read\",\"compact-stream\",\"append\"]}},"
                + "{\"id\":\"b\",\"scope\":{}}],\"has_more\":false}");

    List<Operation> ops = page.accessTokens().get(0).scope().ops().orElseThrow();
    assertThat(ops).hasSize(3);
    assertThat(ops.get(0)).isSameAs(Operation.READ);
    Operation unknown = ops.get(1);
    assertThat(unknown.isKnown()).isFalse();
    assertThat(unknown.known()).isEmpty();
    assertThat(unknown.value()).isEqualTo("compact-stream");
    assertThat(unknown.toString()).isEqualTo("compact-stream");
    assertThat(Operation.knownValues()).doesNotContain(unknown);
    assertThat(ops.get(2)).isSameAs(Operation.APPEND);
    assertThat(page.accessTokens().get(1).id()).isEqualTo("b");
  }

  @Test
  void everyKnownOperationMapsToItsConstantAndBack() throws IOException {
    for (Operation op : Operation.knownValues()) {
      String json = "\"" + op.value() + "\"";
      assertThat(operations.fromJson(json)).isSameAs(op);
      assertThat(op.known().orElseThrow().value()).isEqualTo(op.value());
      assertThat(operations.toJson(op)).isEqualTo(json);
    }
    assertThat(Operation.knownValues()).hasSize(Operation.Known.values().length);
  }

  @Test
  void aKnownValueWrittenWithEscapesIsStillKnown() throws IOException {
    assertThat(operations.fromJson("\"list\\u002dbasins\"")).isSameAs(Operation.LIST_BASINS);
  }

  @Test
  void anUnknownValueWritesBackUnchanged() throws IOException {
    Operation future = Operation.of("teleport-stream");
    assertThat(operations.toJson(future)).isEqualTo("\"teleport-stream\"");
    assertThat(future).isEqualTo(operations.fromJson("\"teleport-stream\""));
  }

  @Test
  void unknownFieldsAreSkippedAtEveryLevel() throws IOException {
    ListAccessTokensResponse page =
        pages.fromJson(
            "{\"next\":{\"cursor\":\"z\"},\"access_tokens\":[{"
                + "\"id\":\"a\",\"created_at\":\"2026-01-01T00:00:00Z\",\"scope\":{\"regions\":[\"eu\"],"
                + "\"op_groups\":{\"stream\":{\"read\":true,\"admin\":true}}}}],\"has_more\":true,\"total\":9}");

    AccessTokenInfo token = page.accessTokens().get(0);
    assertThat(token.id()).isEqualTo("a");
    assertThat(token.scope().opGroups().orElseThrow().stream().orElseThrow().read()).isTrue();
    assertThat(page.hasMore()).isTrue();
  }

  @Test
  void absentOptionalFieldsAreEmptyOrTheSpecDefault() throws IOException {
    AccessTokenInfo token =
        S2Json.adapter(AccessTokenInfo.class).fromJson("{\"id\":\"a\",\"scope\":{}}");
    assertThat(token.expiresAt()).isEmpty();
    assertThat(token.autoPrefixStreams()).isFalse();
    assertThat(token.scope().ops()).isEmpty();
    assertThat(token.scope().basins()).isEmpty();
  }

  @Test
  void aNonStringOperationIsADecodingErrorNotAWrongValue() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> operations.fromJson("7"))
        .isInstanceOf(com.squareup.moshi.JsonDataException.class)
        .hasMessage("Expected a string for Operation but was NUMBER at path $");
  }
}
