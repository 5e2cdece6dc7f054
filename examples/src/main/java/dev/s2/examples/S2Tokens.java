package dev.s2.examples;

import dev.s2.client.AccessTokens;
import dev.s2.client.ListAccessTokensParams;
import dev.s2.client.PermissionDeniedException;
import dev.s2.client.S2Client;
import dev.s2.client.S2ConnectionException;
import dev.s2.client.S2Exception;
import dev.s2.client.UnauthorizedException;
import dev.s2.contract.S2MockServer;
import dev.s2.model.AccessTokenInfo;
import java.io.PrintStream;
import java.util.Map;

/**
 * Lists the access tokens of an S2 account as a table: id, expiry, one-line scope summary.
 *
 * <p>With {@code S2_ACCESS_TOKEN} set, it lists the account's real tokens (endpoint from
 * {@code S2_ACCOUNT_ENDPOINT}, default {@code https://aws.s2.dev/v1}). Without it, it starts an embedded S2 mock on
 * loopback, whose pages come from the stubs derived from the spec, and lists those.
 *
 * <p>Exit status: 0 on success; 2 when the endpoint cannot be reached; 3 when the token is refused; 1 for any
 * other S2 error; 64 for a bad command line. Failures print one line to standard error.
 *
 * <pre>
 * S2Tokens [list [prefix]]
 * </pre>
 */
public final class S2Tokens {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int UNREACHABLE = 2;
  static final int REFUSED = 3;
  static final int USAGE = 64;

  private S2Tokens() {}

  /**
   * Runs the command line.
   *
   * @param args {@code list [prefix]}
   */
  public static void main(String[] args) {
    int status = run(args, System.getenv(), System.out, System.err);
    if (status != OK) {
      System.exit(status);
    }
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "list" : args[0];
    if (!command.equals("list") || args.length > 2) {
      err.println("usage: S2Tokens [list [prefix]]");
      return USAGE;
    }
    String prefix = args.length > 1 ? args[1] : "";
    boolean real = env.get(S2Client.ENV_ACCESS_TOKEN) != null;
    S2MockServer mock = null;
    String endpoint = "";
    try {
      S2Client.Builder builder;
      if (real) {
        builder = S2Client.builder().fromEnv(env);
      } else {
        mock = S2MockServer.start();
        builder = S2Client.builder().accessToken("local-mock-token").baseUrl(mock.baseUrl());
        out.println("S2_ACCESS_TOKEN is not set: listing the embedded S2 mock at " + mock.baseUrl());
      }
      try (S2Client client = builder.build()) {
        endpoint = client.baseUrl();
        return list(client.accessTokens(), prefix, out);
      }
    } catch (S2ConnectionException e) {
      err.println("error: cannot reach " + endpoint + ": " + e.getMessage());
      return UNREACHABLE;
    } catch (UnauthorizedException | PermissionDeniedException e) {
      err.println("error: the access token was refused: " + e.getMessage());
      return REFUSED;
    } catch (S2Exception e) {
      err.println("error: " + e.getMessage());
      return FAILED;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return USAGE;
    } finally {
      if (mock != null) {
        mock.close();
      }
    }
  }

  private static int list(AccessTokens tokens, String prefix, PrintStream out) {
    TokenTable table = new TokenTable(out);
    for (AccessTokenInfo token : tokens.listAll(ListAccessTokensParams.builder().prefix(prefix).build())) {
      table.add(token);
    }
    out.println(table.rows() + (table.rows() == 1 ? " access token" : " access tokens"));
    return OK;
  }
}
