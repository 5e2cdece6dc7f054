package dev.s2.examples;

import dev.s2.client.AccessTokens;
import dev.s2.client.IssueAccessTokenParams;
import dev.s2.client.IssuedAccessToken;
import dev.s2.client.ListAccessTokensParams;
import dev.s2.client.PermissionDeniedException;
import dev.s2.client.S2Client;
import dev.s2.client.S2ConnectionException;
import dev.s2.client.S2Exception;
import dev.s2.client.UnauthorizedException;
import dev.s2.contract.S2MockServer;
import dev.s2.model.AccessTokenInfo;
import dev.s2.model.ResourceSetPrefix;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Lists, issues and revokes the access tokens of an S2 account. {@code list} prints a table: id, expiry, one-line
 * scope summary. {@code issue} creates a read-only token for every basin and stream, expiring in 7 days, and
 * prints its secret once (the point of issuing one). {@code revoke} deletes a token.
 *
 * <p>With {@code S2_ACCESS_TOKEN} set, it lists the account's real tokens (endpoint from
 * {@code S2_ACCOUNT_ENDPOINT}, default {@code https://aws.s2.dev/v1}). Without it, it starts an embedded S2 mock on
 * loopback, whose pages come from the stubs derived from the spec, and lists those.
 *
 * <p>Exit status: 0 on success; 2 when the endpoint cannot be reached; 3 when the token is refused; 1 for any
 * other S2 error; 64 for a bad command line. Failures print one line to standard error.
 *
 * <pre>
 * S2Tokens [list [prefix]] | issue &lt;id&gt; | revoke &lt;id&gt;
 * </pre>
 */
public final class S2Tokens {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int UNREACHABLE = 2;
  static final int REFUSED = 3;
  static final int USAGE = 64;

  private S2Tokens() {}

  static final String USAGE_LINE = "usage: S2Tokens [list [prefix]] | issue <id> | revoke <id>";

  /**
   * Runs the command line.
   *
   * @param args {@code list [prefix]}, {@code issue <id>} or {@code revoke <id>}
   */
  public static void main(String[] args) {
    int status = run(args, System.getenv(), System.out, System.err);
    if (status != OK) {
      System.exit(status);
    }
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "list" : args[0];
    boolean valid = command.equals("list") ? args.length <= 2
        : (command.equals("issue") || command.equals("revoke")) && args.length == 2;
    if (!valid) {
      err.println(USAGE_LINE);
      return USAGE;
    }
    String argument = args.length > 1 ? args[1] : "";
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
        out.println("S2_ACCESS_TOKEN is not set: using the embedded S2 mock at " + mock.baseUrl());
      }
      try (S2Client client = builder.build()) {
        endpoint = client.baseUrl();
        switch (command) {
          case "issue":
            return issue(client.accessTokens(), argument, out);
          case "revoke":
            client.accessTokens().revoke(argument);
            out.println("revoked " + argument);
            return OK;
          default:
            return list(client.accessTokens(), argument, out);
        }
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

  private static int issue(AccessTokens tokens, String id, PrintStream out) {
    IssuedAccessToken issued = tokens.issue(IssueAccessTokenParams.builder(id)
        .basins(ResourceSetPrefix.of(""))
        .streams(ResourceSetPrefix.of(""))
        .accountPermissions(true, false)
        .basinPermissions(true, false)
        .streamPermissions(true, false)
        .expiresAt(OffsetDateTime.now(Clock.systemUTC()).plus(Duration.ofDays(7)))
        .build());
    out.println("issued " + issued.id() + " (read-only, expires in 7 days); its secret, shown once:");
    out.println(issued.accessToken().reveal());
    return OK;
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
