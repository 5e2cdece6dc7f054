package dev.s2.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * What plain Moshi lets through and the generated adapters (with StrictJson) refuse, each with its
 * JSON path.
 */
class StrictDecodingTest {

  @Test
  void literalsInTheWrongCaseAreRefusedWithThePath() {
    for (String literal : List.of("True", "TRUE", "tRUE", "truE", "False", "FALSE")) {
      assertThat(
              Json.failure(
                  ListAccessTokensResponse.class,
                  "{\"access_tokens\":[],\"has_more\":" + literal + "}"))
          .isEqualTo(
              "Expected a JSON literal (true, false or null, in lower case) but was '"
                  + literal
                  + "' at path $.has_more");
    }
    assertThat(
            Json.failure(
                ListAccessTokensResponse.class,
                "{\"access_tokens\":[{\"id\":\"a\",\"scope\":{\"basins\":NULL}}],\"has_more\":false}"))
        .isEqualTo(
            "Expected a JSON literal (true, false or null, in lower case) but was 'NULL' at path "
                + "$.access_tokens[0].scope.basins");
  }

  @Test
  void plainMoshiWouldAcceptThem() throws IOException {
    // Why StrictJson exists: Moshi's own reader, even strict, reads True as true.
    JsonReader reader = JsonReader.of(new Buffer().writeUtf8("True"));
    assertThat(reader.isLenient()).isFalse();
    assertThat(reader.nextBoolean()).isTrue();
  }

  @Test
  void upperCaseIsFineInStringsAndExponents() throws IOException {
    ListAccessTokensResponse page =
        Json.read(
            ListAccessTokensResponse.class,
            "{\"access_tokens\":[{\"id\":\"TRUE \\\"NULL\\\" False\",\"scope\":{}}],\"has_more\":false}");
    assertThat(page.accessTokens().get(0).id()).isEqualTo("TRUE \"NULL\" False");
    assertThat(
            Json.read(ScalarMetric.class, "{\"name\":\"n\",\"unit\":\"bytes\",\"value\":1E3}")
                .value())
        .isEqualTo(1000.0);
  }

  @Test
  void aNumberIsNotAString() {
    assertThat(
            Json.failure(
                ListAccessTokensResponse.class,
                "{\"access_tokens\":[{\"id\":12,\"scope\":{}}],\"has_more\":false}"))
        .isEqualTo("Expected a string but was NUMBER at path $.access_tokens[0].id");
    assertThat(
            Json.failure(
                ListAccessTokensResponse.class, "{\"access_tokens\":[],\"has_more\":\"false\"}"))
        .isEqualTo("Expected a boolean but was STRING at path $.has_more");
    assertThat(
            Json.failure(ListAccessTokensResponse.class, "{\"access_tokens\":[],\"has_more\":0}"))
        .isEqualTo("Expected a boolean but was NUMBER at path $.has_more");
  }

  @Test
  void nullIsRefusedWhereTheSpecDoesNotAllowIt() throws IOException {
    assertThat(
            Json.failure(
                ListAccessTokensResponse.class, "{\"access_tokens\":[],\"has_more\":null}"))
        .isEqualTo("Expected a boolean but was NULL at path $.has_more");
    assertThat(
            Json.failure(
                ListAccessTokensResponse.class, "{\"access_tokens\":null,\"has_more\":false}"))
        .isEqualTo("Expected an array but was NULL at path $.access_tokens");
    assertThat(
            Json.failure(
                ListAccessTokensResponse.class, "{\"access_tokens\":[null],\"has_more\":false}"))
        .isEqualTo(
            "Expected a non-null value for ListAccessTokensResponse.access_tokens[] but was NULL at path "
                + "$.access_tokens[0]");
    // Optional but not nullable: absent is fine, null is not.
    assertThat(
            Json.failure(
                ListAccessTokensResponse.class,
                "{\"access_tokens\":[{\"id\":\"a\",\"scope\":{},\"auto_prefix_streams\":null}],"
                    + "\"has_more\":false}"))
        .isEqualTo(
            "Expected a boolean but was NULL at path $.access_tokens[0].auto_prefix_streams");
    // Nullable: null reads as absent.
    AccessTokenInfo token =
        Json.read(
            AccessTokenInfo.class, "{\"id\":\"a\",\"scope\":{\"ops\":null},\"expires_at\":null}");
    assertThat(token.expiresAt()).isEmpty();
    assertThat(token.scope().ops()).isEmpty();
  }

  @Test
  void lengthsCountCodePointsOnDecodeAsInBuilders() throws IOException {
    String emoji = "\uD83D\uDE00"; // one code point, two UTF-16 chars, four bytes of UTF-8
    // FencingToken: maxLength 36, no length in bytes stated: JSON Schema counts code points
    assertThat(
            Json.read(
                    AppendInput.class,
                    "{\"records\":[],\"fencing_token\":\"" + emoji.repeat(36) + "\"}")
                .fencingToken())
        .hasValue(emoji.repeat(36));
    assertThat(
            Json.failure(
                AppendInput.class, "{\"records\":[],\"fencing_token\":\"" + "x".repeat(37) + "\"}"))
        .isEqualTo(
            "AppendInput.fencing_token must be at most 36 characters long, was 37 at path $.fencing_token");
  }

  @Test
  void lengthsStatedInBytesCountBytesOfUtf8OnDecodeAsInBuilders() throws IOException {
    String emoji = "\uD83D\uDE00";
    // AccessTokenInfo.id: "between 1 and 96 bytes in length"
    assertThat(
            Json.read(AccessTokenInfo.class, "{\"id\":\"" + emoji.repeat(24) + "\",\"scope\":{}}")
                .id())
        .hasSize(48);
    assertThat(
            Json.failure(
                AccessTokenInfo.class, "{\"id\":\"" + emoji.repeat(25) + "\",\"scope\":{}}"))
        .isEqualTo("AccessTokenInfo.id must be 1 to 96 bytes of UTF-8, was 100 bytes at path $.id");
    assertThat(
            Json.failure(
                ListAccessTokensResponse.class,
                "{\"access_tokens\":[{\"id\":\""
                    + "x".repeat(97)
                    + "\",\"scope\":{}}],\"has_more\":true}"))
        .isEqualTo(
            "AccessTokenInfo.id must be 1 to 96 bytes of UTF-8, was 97 bytes at path $.access_tokens[0].id");
    assertThat(
            Json.failure(
                ListAccessTokensResponse.class,
                "{\"access_tokens\":[{\"id\":\"\",\"scope\":{}}],\"has_more\":true}"))
        .isEqualTo(
            "AccessTokenInfo.id must be 1 to 96 bytes of UTF-8, was 0 bytes at path $.access_tokens[0].id");
    assertThatThrownBy(
            () -> AccessTokenInfo.of(emoji.repeat(25), AccessTokenScope.builder().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AccessTokenInfo.id must be 1 to 96 bytes of UTF-8, was 100 bytes");
  }

  @Test
  void patternsAreCheckedOnDecodeAsInBuilders() {
    assertThatThrownBy(
            () ->
                Json.read(
                    BasinInfo.class,
                    "{\"created_at\":\"2026-01-02T03:04:05Z\",\"name\":\"-my-basin\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage(
            "BasinInfo.name must match the pattern ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$ at path $.name");
    assertThatThrownBy(() -> CreateBasinRequest.of("My-Basin"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "CreateBasinRequest.basin must match the pattern ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");
    assertThatThrownBy(() -> CreateBasinRequest.of("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CreateBasinRequest.basin must be 8 to 48 bytes of UTF-8, was 5 bytes");
    assertThat(CreateBasinRequest.of("my-basin-1").basin()).isEqualTo("my-basin-1");
  }

  @Test
  void anArrayOverMaxItemsIsRefusedBeforeItsNextItemIsRead() {
    StringBuilder json = new StringBuilder("{\"basins\":[");
    for (int i = 0; i < 1000; i++) {
      json.append("{\"created_at\":\"2026-01-02T03:04:05Z\",\"name\":\"basin-")
          .append(String.format("%04d", i))
          .append("\"},");
    }
    // The 1001st item is malformed: the limit must be reported, not the item, since the item is
    // never read.
    json.append("{\"name\":7}],\"has_more\":false}");

    assertThatThrownBy(() -> Json.read(ListBasinsResponse.class, json.toString()))
        .isInstanceOf(JsonDataException.class)
        .hasMessage(
            "ListBasinsResponse.basins must hold at most 1000 items, held more at path $.basins[1000]");
  }

  @Test
  void minItemsAndItemConstraintsAreChecked() {
    assertThat(shapesFailure("\"tags\":[]"))
        .isEqualTo("TestOnlyShapes.tags must hold at least 1 items, held 0 at path $.tags");
    assertThat(shapesFailure("\"tags\":[\"a\",\"b\",\"c\",\"d\"]"))
        .isEqualTo("TestOnlyShapes.tags must hold at most 3 items, held more at path $.tags[3]");
    assertThat(shapesFailure("\"tags\":[\"a\",\"long\"]"))
        .isEqualTo(
            "TestOnlyShapes.tags[] must be at most 3 characters long, was 4 at path $.tags[1]");
    assertThatThrownBy(() -> TestOnlyShapes.builder().ratio(0).tags(List.of("ok", "")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TestOnlyShapes.tags[] must be at least 1 characters long, was 0");
  }

  @Test
  void aKeyTwiceIsRefused() {
    assertThat(
            Json.failure(
                ListAccessTokensResponse.class,
                "{\"access_tokens\":[],\"has_more\":true,\"has_more\":false}"))
        .isEqualTo("Duplicate key 'has_more' at path $.has_more");
  }

  @Test
  void requiredKeysMustBeThereEvenWhenNullable() throws IOException {
    assertThat(shapesFailure("\"small\":1").length()).isZero();
    assertThat(
            catchThrowableOfType(
                JsonDataException.class, () -> Json.read(TestOnlyShapes.class, "{\"ratio\":0}")))
        .hasMessage("Required property 'maybe' missing or null at $");
    TestOnlyShapes shapes = Json.roundTrip(TestOnlyShapes.class, "{\"maybe\":null,\"ratio\":0.25}");
    assertThat(shapes.maybe()).isEmpty();
    assertThat(Json.write(TestOnlyShapes.class, TestOnlyShapes.of("here", 1)))
        .isEqualTo("{\"maybe\":\"here\",\"ratio\":1.0}");
  }

  @Test
  void unknownKeysAreSkippedAtEveryLevel() throws IOException {
    ListAccessTokensResponse page =
        Json.read(
            ListAccessTokensResponse.class,
            "{\"cursor\":{\"next\":[1,{}]},"
                + "\"access_tokens\":[{\"id\":\"a\",\"new\":null,\"scope\":{\"regions\":[\"eu\"]}}],\"has_more\":false}");
    assertThat(page.accessTokens()).extracting(AccessTokenInfo::id).containsExactly("a");
  }

  @Test
  void mapsAreReadStrictly() throws IOException {
    assertThat(
            Json.read(
                    TestOnlyShapes.class,
                    "{\"maybe\":null,\"ratio\":0,\"labels\":{\"a\":1,\"b\":2}}")
                .labels())
        .contains(java.util.Map.of("a", 1L, "b", 2L));
    assertThat(shapesFailure("\"labels\":{\"a\":\"1\"}"))
        .isEqualTo("Expected an integer but was STRING at path $.labels.a");
    assertThat(shapesFailure("\"labels\":{\"a\":1,\"a\":2}"))
        .isEqualTo("Duplicate key 'a' at path $.labels.a");
  }

  @Test
  void contentAfterTheDocumentIsRefused() {
    // Malformed JSON: Moshi's strict reader reports it (an IOException, JsonEncodingException).
    assertThatThrownBy(() -> Json.read(ErrorInfo.class, "{\"code\":\"c\",\"message\":\"m\"} {}"))
        .isInstanceOf(com.squareup.moshi.JsonEncodingException.class)
        .hasMessage("Use JsonReader.setLenient(true) to accept malformed JSON at path $");
  }

  @Test
  void aTopLevelOfTheWrongTypeIsRefused() {
    assertThatThrownBy(() -> Json.read(ErrorInfo.class, "[]"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Expected an object but was BEGIN_ARRAY at path $");
  }

  private static String shapesFailure(String field) {
    JsonDataException e =
        catchThrowableOfType(
            JsonDataException.class,
            () -> Json.read(TestOnlyShapes.class, "{\"maybe\":null,\"ratio\":0," + field + "}"));
    return e == null ? "" : e.getMessage();
  }
}
