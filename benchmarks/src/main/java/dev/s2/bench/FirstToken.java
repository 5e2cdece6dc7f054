package dev.s2.bench;

import dev.s2.client.S2Client;
import dev.s2.model.AccessTokenInfo;

/**
 * A minimal equivalent of the example program, used by {@link ColdStart}: a client from the
 * environment ({@code S2_ACCESS_TOKEN}, {@code S2_ACCOUNT_ENDPOINT}), {@code listAll()}, the first
 * token's id printed.
 */
public final class FirstToken {
  private FirstToken() {}

  /**
   * Prints the id of the first access token.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    try (S2Client client = S2Client.fromEnv()) {
      for (AccessTokenInfo token : client.accessTokens().listAll()) {
        System.out.println(token.id());
        break;
      }
    }
  }
}
