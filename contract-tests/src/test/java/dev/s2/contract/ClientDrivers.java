package dev.s2.contract;

import dev.s2.client.ListAccessTokensParams;
import dev.s2.client.Page;
import dev.s2.client.S2Client;
import dev.s2.model.AccessTokenInfo;
import dev.s2.model.ListAccessTokensResponse;
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

    /** The query the call must send, decoded, exactly. */
    Map<String, List<String>> expectedQuery();
  }

  private static final Map<String, Driver> BY_OPERATION = Map.of("list_access_tokens", new ListAccessTokens());

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
    public Map<String, List<String>> expectedQuery() {
      return Map.of("prefix", List.of("replay/"), "start_after", List.of("replay/0"), "limit", List.of("1000"));
    }
  }
}
