package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ProtocolException;
import org.junit.jupiter.api.Test;

/** What the redactor masks, in which spellings, and what it leaves alone. */
class RedactorTest {
  private static final String TOKEN = "s2-test-token-7f3a9c1e5d";
  private final Redactor redactor = new Redactor(TOKEN);

  @Test
  void masksTheTokenWherever() {
    assertThat(redactor.redact("Bearer " + TOKEN + ", again:" + TOKEN))
        .isEqualTo("Bearer ****, again:****");
    assertThat(redactor.redact("no secret here")).isEqualTo("no secret here");
    assertThat(redactor.redact((String) null)).isNull();
  }

  @Test
  void masksAnyRunOfTwelveCharactersOfItButNotShorterOnes() {
    assertThat(redactor.redact("cut: " + TOKEN.substring(0, 12) + "|")).isEqualTo("cut: ****|");
    assertThat(redactor.redact("tail: " + TOKEN.substring(9))).isEqualTo("tail: ****");
    assertThat(redactor.redact("short: " + TOKEN.substring(0, 11)))
        .isEqualTo("short: " + TOKEN.substring(0, 11));
  }

  @Test
  void masksEscapedAndSplitSpellings() {
    assertThat(redactor.redact("{\"t\":\"" + TOKEN.replace("-", "\\u002d") + "\"}"))
        .isEqualTo("{\"t\":\"****\"}");
    assertThat(redactor.redact("{\"t\":\"" + TOKEN.replace("-", "\\u002D") + "\"}"))
        .isEqualTo("{\"t\":\"****\"}");
    assertThat(redactor.redact("{\"m\":\"" + TOKEN.replace("-", "\\\\u002d") + "\"}"))
        .isEqualTo("{\"m\":\"****\"}");
    assertThat(redactor.redact("q=" + TOKEN.replace("-", "%2D") + "&x")).isEqualTo("q=****&x");
    assertThat(redactor.redact("a " + TOKEN.substring(0, 7) + "\n   " + TOKEN.substring(7) + " b"))
        .isEqualTo("a **** b");
    assertThat(redactor.redact("\"" + TOKEN.substring(0, 7) + "\\n" + TOKEN.substring(7) + "\""))
        .isEqualTo("\"****\"");
  }

  @Test
  void masksTheTokensBytesInHex() {
    String hex =
        java.util.HexFormat.of().formatHex(TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(redactor.redact("content=" + hex + "…")).isEqualTo("content=****…");
    assertThat(redactor.redact("content=" + hex.toUpperCase())).isEqualTo("content=****");
    assertThat(redactor.redact("content=" + hex.substring(0, 16) + "…")).isEqualTo("content=****…");
  }

  @Test
  void masksTheValueOfAnyAccessTokenField() {
    assertThat(Redactor.none().redact("{\"access_token\" : \"c2VjcmV0\\\"x\", \"id\":\"a\"}"))
        .isEqualTo("{\"access_token\" : \"****\", \"id\":\"a\"}");
  }

  @Test
  void aShortSecretIsMaskedOnlyWhereItStandsAlone() {
    Redactor shortOne = new Redactor("t");
    assertThat(shortOne.redact("GET /v1/access-tokens failed: t"))
        .isEqualTo("GET /v1/access-tokens failed: ****");
  }

  @Test
  void remembersTheLastIssuedSecrets() {
    for (int i = 0; i < Redactor.REMEMBERED + 1; i++) {
      redactor.remember("issued-secret-number-" + i);
    }
    assertThat(redactor.redact("issued-secret-number-16")).isEqualTo("****");
    assertThat(redactor.redact("x issued-secret-number-1 y")).isEqualTo("x **** y");
    // the oldest is forgotten: only the characters it shares with those remembered are masked
    assertThat(redactor.redact("issued-secret-number-0")).isEqualTo("****0");
    assertThat(redactor.redact(TOKEN)).isEqualTo("****");
  }

  @Test
  void aThrowableWithoutSecretIsKeptAsIs() {
    IOException clean = new IOException("connection reset");
    assertThat(redactor.redact(clean)).isSameAs(clean);
  }

  @Test
  void aThrowableHoldingTheTokenBecomesAMaskedStandInWithTheSameTrace() {
    ProtocolException cause =
        new ProtocolException("Unexpected status line: HTTP/1.1 2x0 " + TOKEN);
    IOException outer = new IOException("unexpected end of stream", cause);
    outer.addSuppressed(new IOException("also " + TOKEN));

    Throwable masked = redactor.redact(outer);

    assertThat(masked)
        .isInstanceOf(Redactor.RedactedThrowable.class)
        .hasMessage("unexpected end of stream");
    assertThat(masked.getStackTrace()).isEqualTo(outer.getStackTrace());
    assertThat(masked.getCause()).hasMessage("Unexpected status line: HTTP/1.1 2x0 ****");
    assertThat(masked.getCause().toString())
        .isEqualTo(
            "java.net.ProtocolException (message masked by the S2 client): Unexpected status line: HTTP/1.1 2x0 ****");
    assertThat(masked.getSuppressed())
        .singleElement()
        .satisfies(s -> assertThat(s).hasMessage("also ****"));
  }
}
