package dev.s2.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s2.client.IssueAccessTokenParams;
import dev.s2.client.ListAccessTokensParams;
import dev.s2.client.Page;
import dev.s2.client.S2Client;
import dev.s2.model.AccessTokenInfo;
import dev.s2.model.IssueAccessTokenResponse;
import dev.s2.model.ListAccessTokensResponse;
import dev.s2.model.Operation;
import dev.s2.model.ResourceSetPrefix;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the contract tests call each operation of the spec through the SDK client. The one hand-written entry
 * per operation: an operation of the spec without a driver here is not replayed, and {@link CoverageGateTest}
 * names it.
 */
final class ClientDrivers {

  /** Calls one operation through the client. */
  interface Driver {
    /**
     * Calls the operation.
     *
     * @return the decoded response as the spec's response model (what {@link DecodedValues} compares with the
     *     body), or null for an operation without response body
     */
    Object call(S2Client client);

    /** Asserts what one call sent, beyond the spec: the exact path, query and body. */
    void assertRequest(HttpExchange request);

    /**
     * Whether the client retries the operation after any retryable failure; a non-idempotent one is retried only
     * when the failure proves the request took no effect (429).
     */
    boolean idempotent();
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Driver> BY_OPERATION = Map.of(
      "list_access_tokens", new ListAccessTokens(),
      "issue_access_token", new IssueAccessToken(),
      "revoke_access_token", new RevokeAccessToken());

  private ClientDrivers() {}

  static Optional<Driver> forOperation(String operationId) {
    return Optional.ofNullable(BY_OPERATION.get(operationId));
  }

  /** {@code accessTokens().list(...)} with every parameter set, so that each is validated against the spec. */
  private static final class ListAccessTokens implements Driver {
    @Override
    public Object call(S2Client client) {
      Page<AccessTokenInfo> page = client.accessTokens().list(ListAccessTokensParams.builder()
          .prefix("replay/").startAfter("replay/0").limit(1000).build());
      return ListAccessTokensResponse.of(page.items(), page.hasMore());
    }

    @Override
    public void assertRequest(HttpExchange request) {
      assertThat(request.path()).isEqualTo("/v1/access-tokens");
      assertThat(request.query())
          .isEqualTo(Map.of("prefix", List.of("replay/"), "start_after", List.of("replay/0"), "limit", List.of("1000")));
      assertThat(request.requestBody()).isEmpty();
    }

    @Override
    public boolean idempotent() {
      return true;
    }
  }

  /** {@code accessTokens().issue(...)} with a scope using every kind of field; the body must say exactly that. */
  private static final class IssueAccessToken implements Driver {
    private static final IssueAccessTokenParams PARAMS = IssueAccessTokenParams.builder("replay/issued")
        .expiresAt(OffsetDateTime.parse("2100-01-02T03:04:05Z"))
        .streams(ResourceSetPrefix.of("replay/"))
        .ops(Operation.APPEND, Operation.READ)
        .accountPermissions(true, false)
        .autoPrefixStreams(true)
        .build();

    @Override
    public Object call(S2Client client) {
      return IssueAccessTokenResponse.of(client.accessTokens().issue(PARAMS).accessToken().reveal());
    }

    @Override
    public void assertRequest(HttpExchange request) {
      assertThat(request.path()).isEqualTo("/v1/access-tokens");
      assertThat(request.query()).isEmpty();
      assertThat(request.header("Content-Type")).startsWith("application/json");
      DecodedValues values = DecodedValues.s2();
      ApiOperation operation = ContractValidator.s2().operationFor("POST", request.path()).orElseThrow();
      try {
        assertThat(values.mismatches(JSON.readTree(request.requestBody()), PARAMS.info(), values.requestSchema(operation)))
            .as("the request body vs. the parameters: %s", request.requestBody())
            .isEmpty();
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean idempotent() {
      return false;
    }
  }

  /** {@code accessTokens().revoke(id)} with an id holding a slash, which must travel encoded in one path segment. */
  private static final class RevokeAccessToken implements Driver {
    @Override
    public Object call(S2Client client) {
      client.accessTokens().revoke("replay/revoked");
      return null;
    }

    @Override
    public void assertRequest(HttpExchange request) {
      assertThat(request.path()).isEqualTo("/v1/access-tokens/replay%2Frevoked");
      assertThat(request.query()).isEmpty();
      assertThat(request.requestBody()).isEmpty();
    }

    @Override
    public boolean idempotent() {
      return true;
    }
  }
}
