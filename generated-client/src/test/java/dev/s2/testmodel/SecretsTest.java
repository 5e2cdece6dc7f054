package dev.s2.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * format: password strings are Secrets: never printed, revealed on demand, sent as the plain
 * string.
 */
class SecretsTest {
  private static final String TOKEN = "s2_live_7c1e0a9f";

  @Test
  void anIssuedTokenIsASecret() throws IOException {
    IssueAccessTokenResponse response =
        Json.read(IssueAccessTokenResponse.class, "{\"access_token\":\"" + TOKEN + "\"}");

    assertThat(response.accessToken().reveal()).isEqualTo(TOKEN);
    assertThat(response.accessToken()).hasToString("****");
    assertThat(response).hasToString("IssueAccessTokenResponse{accessToken=****}");
    assertThat(response.toString()).doesNotContain(TOKEN);
    assertThat(Json.write(IssueAccessTokenResponse.class, response))
        .isEqualTo("{\"access_token\":\"" + TOKEN + "\"}");
  }

  @Test
  void secretsCompareByValueAndHashAlike() {
    assertThat(Secret.of(TOKEN)).isEqualTo(Secret.of(TOKEN)).isNotEqualTo(Secret.of(TOKEN + "x"));
    assertThat(Secret.of("a").hashCode()).isEqualTo(Secret.of("b").hashCode());
    assertThat(IssueAccessTokenResponse.of(Secret.of(TOKEN)))
        .isEqualTo(IssueAccessTokenResponse.of(Secret.of(TOKEN)));
    assertThatThrownBy(() -> Secret.of(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a Secret's value must not be null");
  }

  @Test
  void constraintsOnASecretNeverEchoIt() {
    String tooLong = "abcdefghi";
    IllegalArgumentException built =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            IllegalArgumentException.class,
            () ->
                TestOnlyShapes.builder().maybe(null).ratio(0.5).secret(Secret.of(tooLong)).build());
    assertThat(built).hasMessage("TestOnlyShapes.secret must be at most 8 characters long, was 9");
    JsonDataException read =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            JsonDataException.class,
            () ->
                Json.read(
                    TestOnlyShapes.class,
                    "{\"maybe\":null,\"ratio\":0,\"secret\":\"" + tooLong + "\"}"));
    assertThat(read)
        .hasMessage(
            "TestOnlyShapes.secret must be at most 8 characters long, was 9 at path $.secret");
  }

  @Test
  void aSecretIsReadOnlyFromAString() {
    assertThatThrownBy(() -> Json.read(IssueAccessTokenResponse.class, "{\"access_token\":12345}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Expected a string but was NUMBER at path $.access_token");
  }
}
