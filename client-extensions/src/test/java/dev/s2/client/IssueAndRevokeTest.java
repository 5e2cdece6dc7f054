package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.s2.model.AccessTokenScope;
import dev.s2.model.IssueAccessTokenResponse;
import dev.s2.model.Operation;
import dev.s2.model.PermittedOperationGroups;
import dev.s2.model.ReadWritePermissions;
import dev.s2.model.ResourceSetExact;
import dev.s2.model.ResourceSetPrefix;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.logging.HttpLoggingInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IssueAndRevokeTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
  private static final String ISSUED = "aW0tYS1uZXctc2VjcmV0LXRva2Vu";
  private final TestServer server = new TestServer();
  private S2Client client = server.clientBuilder().clock(CLOCK).build();

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  private static IssueAccessTokenParams ciToken() {
    return IssueAccessTokenParams.builder()
        .id("ci-deploy")
        .scope(
            AccessTokenScope.builder()
                .basins(ResourceSetPrefix.of("prod-"))
                .streams(ResourceSetPrefix.of("deploys/"))
                .opGroups(PermittedOperationGroups.builder().stream(readWrite(true, true)).build())
                .ops(List.of(Operation.LIST_STREAMS))
                .build())
        .autoPrefixStreams(true)
        .expiresAt(OffsetDateTime.of(2027, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))
        .build();
  }

  private static ReadWritePermissions readWrite(boolean read, boolean write) {
    return ReadWritePermissions.builder().read(read).write(write).build();
  }

  private static AccessTokenScope ops(Operation... ops) {
    return AccessTokenScope.builder().ops(List.of(ops)).build();
  }

  private void enqueueIssued() {
    server.enqueue(201, "{\"access_token\":\"" + ISSUED + "\"}");
  }

  @Test
  void issueSendsTheTokenInfoAndReturnsTheSecretMasked() {
    enqueueIssued();

    IssueAccessTokenResponse issued = client.accessTokens().issue(ciToken());

    assertThat(issued.accessToken().reveal()).isEqualTo(ISSUED);
    assertThat(issued.toString()).isEqualTo("IssueAccessTokenResponse{accessToken=****}");
    RecordedRequest request = server.take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/access-tokens");
    assertThat(request.getHeaders().get("Content-Type"))
        .isEqualTo("application/json; charset=UTF-8");
    assertThat(request.getBody().utf8())
        .isEqualTo(
            "{\"auto_prefix_streams\":true,"
                + "\"expires_at\":\"2027-01-01T00:00:00Z\",\"id\":\"ci-deploy\",\"scope\":{"
                + "\"basins\":{\"prefix\":\"prod-\"},\"op_groups\":{\"stream\":{\"read\":true,\"write\":true}},"
                + "\"ops\":[\"list-streams\"],\"streams\":{\"prefix\":\"deploys/\"}}}");
  }

  @Test
  void invalidTokensAreRefusedBeforeAnyRequest() {
    assertThatThrownBy(
            () -> IssueAccessTokenParams.builder().id("").scope(ops(Operation.READ)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AccessTokenInfo.id must be 1 to 96 bytes of UTF-8, was 0 bytes");
    assertThatThrownBy(
            () ->
                IssueAccessTokenParams.builder()
                    .id("x".repeat(97))
                    .scope(ops(Operation.READ))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AccessTokenInfo.id must be 1 to 96 bytes of UTF-8, was 97 bytes");
    assertThatThrownBy(
            () ->
                IssueAccessTokenParams.builder()
                    .id("é".repeat(49))
                    .scope(ops(Operation.READ))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AccessTokenInfo.id must be 1 to 96 bytes of UTF-8, was 98 bytes");
    assertThat(
            IssueAccessTokenParams.builder()
                .id("é".repeat(48))
                .scope(ops(Operation.READ))
                .build()
                .body()
                .id())
        .hasSize(48);
    IssueAccessTokenParams nothing =
        IssueAccessTokenParams.builder()
            .id("nothing")
            .scope(AccessTokenScope.builder().basins(ResourceSetPrefix.of("")).build())
            .build();
    assertThatThrownBy(() -> client.accessTokens().issue(nothing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the scope of access token 'nothing' grants no operation: allow at least one operation (ops) "
                + "or the read or write of an operation group");
    IssueAccessTokenParams noPermission =
        IssueAccessTokenParams.builder()
            .id("t")
            .scope(
                AccessTokenScope.builder()
                    .opGroups(
                        PermittedOperationGroups.builder().stream(readWrite(false, false)).build())
                    .build())
            .build();
    assertThatThrownBy(() -> client.accessTokens().issue(noPermission))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the scope of access token 't' grants no operation");
    IssueAccessTokenParams exactStreams =
        IssueAccessTokenParams.builder()
            .id("t")
            .scope(
                AccessTokenScope.builder()
                    .ops(List.of(Operation.READ))
                    .streams(ResourceSetExact.of("s"))
                    .build())
            .autoPrefixStreams(true)
            .build();
    assertThatThrownBy(() -> client.accessTokens().issue(exactStreams))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("autoPrefixStreams needs streams to be a prefix");
    IssueAccessTokenParams expired =
        IssueAccessTokenParams.builder()
            .id("old")
            .scope(ops(Operation.READ))
            .expiresAt(OffsetDateTime.of(2026, 11, 27, 9, 59, 59, 0, ZoneOffset.UTC))
            .build();
    assertThatThrownBy(() -> client.accessTokens().issue(expired))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expiresAt of access token 'old' is in the past: 2026-11-27T09:59:59Z (now 2026-11-27T10:00:00Z)");
    assertThatThrownBy(() -> client.accessTokens().revoke(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.accessTokens().revoke((String) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("id must not be null");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void issueIsRetriedWhenTheServiceDidNotActOnIt() {
    server.enqueue(429, Json.error("rate_limited", "slow"));
    server.enqueue(503, Json.error("unavailable", "later"));
    enqueueIssued();

    IssueAccessTokenResponse issued = client.accessTokens().issue(ciToken());

    assertThat(issued.accessToken().reveal()).isEqualTo(ISSUED);
    assertThat(server.requestCount()).isEqualTo(3);
  }

  @Test
  void issueIsNotRetriedWhenItMayHaveTakenEffect() {
    server.enqueue(500, Json.error("storage", "maybe"));

    ServerErrorException e =
        catchThrowableOfType(
            ServerErrorException.class, () -> client.accessTokens().issue(ciToken()));

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void issueIsNotRetriedAfterAConnectionDroppedMidRequest() {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    enqueueIssued();

    catchThrowableOfType(S2ConnectionException.class, () -> client.accessTokens().issue(ciToken()));

    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void aConflictOnARetriedIssueSaysTheFirstAttemptMayHaveWorked() {
    server.enqueue(503, Json.error("unavailable", "later"));
    server.enqueue(409, Json.error("resource_already_exists", "access token already exists"));

    IssueMayHaveSucceededException e =
        catchThrowableOfType(
            IssueMayHaveSucceededException.class, () -> client.accessTokens().issue(ciToken()));

    assertThat(e).isNotInstanceOf(ConflictException.class);
    assertThat(e.tokenId()).isEqualTo("ci-deploy");
    assertThat(e.status()).isEqualTo(409);
    assertThat(e.code()).contains("resource_already_exists");
    assertThat(e.attempts()).isEqualTo(2);
    assertThat(e)
        .hasMessage(
            "issuing access token 'ci-deploy' was retried after a failure and the service then "
                + "answered 409 resource_already_exists: an earlier attempt may have issued it, and its secret is lost; "
                + "revoke 'ci-deploy' and issue it again");
  }

  @Test
  void aConflictOnTheFirstAttemptIsAPlainConflict() {
    server.enqueue(409, Json.error("resource_already_exists", "access token already exists"));

    ConflictException e =
        catchThrowableOfType(ConflictException.class, () -> client.accessTokens().issue(ciToken()));

    assertThat(e.attempts()).isEqualTo(1);
  }

  @Test
  void issueAsyncReportsTheAmbiguousConflictToo() {
    server.enqueue(429, Json.error("rate_limited", "slow"));
    server.enqueue(409, Json.error("resource_already_exists", "exists"));

    assertThatThrownBy(() -> client.accessTokens().issueAsync(ciToken()).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IssueMayHaveSucceededException.class);
  }

  @Test
  void revokeSendsADeleteWithTheEncodedId() {
    server.enqueue(new MockResponse.Builder().code(204).build());

    client.accessTokens().revoke("team/a b");

    RecordedRequest request = server.take();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getTarget()).isEqualTo("/v1/access-tokens/team%2Fa%20b");
  }

  @Test
  void revokeIsRetriedAndALaterNotFoundMeansItIsGone() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{}")
            .onResponseStart(new SocketEffect.CloseSocket())
            .build());
    server.enqueue(404, Json.error("access_token_not_found", "no such token"));

    client.accessTokens().revoke("ci-deploy");

    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void revokingAnUnknownTokenIsNotFound() {
    server.enqueue(404, Json.error("access_token_not_found", "no such token"));

    NotFoundException e =
        catchThrowableOfType(NotFoundException.class, () -> client.accessTokens().revoke("ghost"));

    assertThat(e.code()).contains("access_token_not_found");
  }

  @Test
  void revokeAsyncCompletes() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());
    client.accessTokens().revokeAsync("ci-deploy").get(5, TimeUnit.SECONDS);
    assertThat(server.take().getMethod()).isEqualTo("DELETE");
  }

  @Test
  void bodyLoggingMasksTheIssuedSecretAndTheClientToken() {
    List<String> lines = new ArrayList<>();
    client.close();
    client =
        server
            .clientBuilder()
            .clock(CLOCK)
            .httpLogging(HttpLoggingInterceptor.Level.BODY, lines::add)
            .build();
    enqueueIssued();

    client.accessTokens().issue(ciToken());

    String log = String.join("\n", lines);
    assertThat(log)
        .contains("{\"access_token\":\"****\"}")
        .doesNotContain(ISSUED)
        .doesNotContain(TestServer.TOKEN);
  }

  @Test
  void theGeneratedResponseModelMasksTheSecretToo() throws Exception {
    dev.s2.model.IssueAccessTokenResponse r =
        S2Json.adapter(dev.s2.model.IssueAccessTokenResponse.class)
            .fromJson("{\"access_token\":\"" + ISSUED + "\"}");
    assertThat(r.accessToken().reveal()).isEqualTo(ISSUED);
    assertThat(r.accessToken().toString()).isEqualTo("****");
    assertThat(r.toString()).isEqualTo("IssueAccessTokenResponse{accessToken=****}");
  }
}
