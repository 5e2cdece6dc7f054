package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error status becomes its typed exception, whatever the body looks like. */
class ErrorMapperTest {
  private final TestServer server = new TestServer();
  private final S2Client client = server.clientBuilder().retryPolicy(RetryPolicy.none()).build();

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, "bad_query", BadRequestException.class, false),
        Arguments.of(401, "authn", UnauthorizedException.class, false),
        Arguments.of(403, "permission_denied", PermissionDeniedException.class, false),
        Arguments.of(404, "access_token_not_found", NotFoundException.class, false),
        Arguments.of(408, "request_timeout", RequestTimeoutException.class, true),
        Arguments.of(409, "resource_already_exists", ConflictException.class, false),
        Arguments.of(409, "transaction_conflict", ConflictException.class, true),
        Arguments.of(422, "invalid", UnprocessableEntityException.class, false),
        Arguments.of(429, "rate_limited", RateLimitedException.class, true),
        Arguments.of(499, "client_hangup", UnexpectedStatusException.class, false),
        Arguments.of(500, "storage", ServerErrorException.class, true),
        Arguments.of(501, "not_implemented", ServerErrorException.class, false),
        Arguments.of(502, "hot_server", ServerErrorException.class, true),
        Arguments.of(503, "unavailable", ServerErrorException.class, true),
        Arguments.of(504, "upstream_timeout", ServerErrorException.class, true),
        Arguments.of(418, "teapot", UnexpectedStatusException.class, false));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("statuses")
  void eachStatusHasItsType(
      int status, String code, Class<? extends S2ServiceException> type, boolean retryable) {
    server.enqueue(status, Json.error(code, "what went wrong"));

    S2ServiceException e = catchThrowableOfType(type, () -> client.accessTokens().list());

    assertThat(e.status()).isEqualTo(status);
    assertThat(e.code()).contains(code);
    assertThat(e.errorMessage()).isEqualTo("what went wrong");
    assertThat(e.bodyExcerpt()).isEmpty();
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e)
        .hasMessage("GET /v1/access-tokens failed: " + status + " " + code + ": what went wrong");
  }

  @Test
  void anHtmlBodyFromAProxyStillGivesTheTypedErrorWithAnExcerpt() {
    server.enqueue(
        new MockResponse.Builder()
            .code(502)
            .addHeader("Content-Type", "text/html")
            .body("<html>\n  <body><h1>502 Bad Gateway</h1></body>\n</html>")
            .build());

    ServerErrorException e =
        catchThrowableOfType(ServerErrorException.class, () -> client.accessTokens().list());

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.code()).isEmpty();
    assertThat(e.bodyExcerpt()).contains("<html> <body><h1>502 Bad Gateway</h1></body> </html>");
    assertThat(e.errorMessage())
        .isEqualTo(
            "body is not an ErrorInfo (text/html): <html> <body><h1>502 Bad Gateway</h1></body> </html>");
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void truncatedJsonGivesTheTypedErrorWithAnExcerpt() {
    server.enqueue(403, "{\"code\":\"permission_denied\",\"mess");

    PermissionDeniedException e =
        catchThrowableOfType(PermissionDeniedException.class, () -> client.accessTokens().list());

    assertThat(e.code()).isEmpty();
    assertThat(e.bodyExcerpt()).contains("{\"code\":\"permission_denied\",\"mess");
  }

  @Test
  void jsonThatIsNotAnErrorInfoGivesTheTypedError() {
    server.enqueue(400, "{\"error\":\"nope\"}");

    BadRequestException e =
        catchThrowableOfType(BadRequestException.class, () -> client.accessTokens().list());

    assertThat(e.code()).isEmpty();
    assertThat(e.bodyExcerpt()).contains("{\"error\":\"nope\"}");
  }

  @Test
  void anEmptyBodyIsSaidToBeEmpty() {
    server.enqueue(new MockResponse.Builder().code(503).build());

    ServerErrorException e =
        catchThrowableOfType(ServerErrorException.class, () -> client.accessTokens().list());

    assertThat(e.errorMessage()).isEqualTo("empty body");
    assertThat(e.bodyExcerpt()).isEmpty();
    assertThat(e).hasMessage("GET /v1/access-tokens failed: 503: empty body");
  }

  @Test
  void aLongBodyIsCutToAShortExcerpt() {
    server.enqueue(new MockResponse.Builder().code(500).body("x".repeat(100_000)).build());

    ServerErrorException e =
        catchThrowableOfType(ServerErrorException.class, () -> client.accessTokens().list());

    assertThat(e.bodyExcerpt()).hasValue("x".repeat(ErrorMapper.EXCERPT_CHARS) + "...");
  }

  @Test
  void theServersRequestedDelayIsReported() {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("retry-after-ms", "1500")
            .body(Json.error("rate_limited", "slow down"))
            .build());

    RateLimitedException e =
        catchThrowableOfType(RateLimitedException.class, () -> client.accessTokens().list());

    assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
  }

  @Test
  void aTokenEchoedByTheServerIsMaskedInTheException() {
    server.enqueue(401, Json.error("authn", "token " + TestServer.TOKEN + " is expired"));

    UnauthorizedException e =
        catchThrowableOfType(UnauthorizedException.class, () -> client.accessTokens().list());

    assertThat(e.errorMessage()).isEqualTo("token **** is expired");
    assertThat(e.getMessage()).doesNotContain(TestServer.TOKEN);
  }
}
