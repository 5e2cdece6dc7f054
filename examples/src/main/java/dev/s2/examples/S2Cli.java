package dev.s2.examples;

import dev.s2.client.AccessTokens;
import dev.s2.client.AppendRecord;
import dev.s2.client.IssueAccessTokenParams;
import dev.s2.client.ListAccessTokensParams;
import dev.s2.client.ListBasinsParams;
import dev.s2.client.ListStreamsParams;
import dev.s2.client.PermissionDeniedException;
import dev.s2.client.ReadBatch;
import dev.s2.client.ReadOptions;
import dev.s2.client.RequestOptions;
import dev.s2.client.S2Client;
import dev.s2.client.S2ConnectionException;
import dev.s2.client.S2Exception;
import dev.s2.client.S2InterruptedException;
import dev.s2.client.S2Stream;
import dev.s2.client.SequencedRecord;
import dev.s2.client.UnauthorizedException;
import dev.s2.model.AccessTokenInfo;
import dev.s2.model.AccessTokenScope;
import dev.s2.model.AppendAck;
import dev.s2.model.BasinConfig;
import dev.s2.model.BasinInfo;
import dev.s2.model.PermittedOperationGroups;
import dev.s2.model.ReadWritePermissions;
import dev.s2.model.ResourceSetPrefix;
import dev.s2.model.StreamInfo;
import dev.s2.model.StreamPosition;
import dev.s2.testing.EmbeddedS2;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A small command line over the S2 SDK, written as a user of it would write it: the README's main
 * job.
 *
 * <pre>
 * S2Cli                                     basins, the streams of the first one, and access tokens
 * S2Cli basins [prefix]                     lists basins
 * S2Cli streams &lt;basin&gt; [prefix]            lists the streams of a basin
 * S2Cli tokens [prefix]                     lists access tokens (id, expiry, scope)
 * S2Cli issue &lt;id&gt; | revoke &lt;id&gt;            issues a read-only token (secret shown once) or revokes one
 * S2Cli append &lt;basin&gt; &lt;stream&gt; &lt;text&gt;...   appends one record per text
 * S2Cli read &lt;basin&gt; &lt;stream&gt; [--from N] [--follow]
 *                                           prints records; with --follow, as they arrive until interrupted
 * S2Cli tail &lt;basin&gt; &lt;stream&gt;               prints the stream's tail
 * </pre>
 *
 * <p>With {@code S2_ACCESS_TOKEN} set it talks to that account ({@code S2_ACCOUNT_ENDPOINT} and
 * {@code S2_BASIN_ENDPOINT} override the endpoints). Without it, it starts an embedded, in-memory
 * S2 on loopback ({@code dev.s2:s2-testing}) and fills it with a demo basin, two streams, a few
 * records and two tokens, through the SDK itself.
 *
 * <p>Exit status: 0 on success; 2 when the endpoint cannot be reached; 3 when the token is refused;
 * 1 for any other S2 error; 64 for a bad command line. Failures print one line to standard error.
 */
public final class S2Cli {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int UNREACHABLE = 2;
  static final int REFUSED = 3;
  static final int USAGE = 64;
  static final String DEMO_BASIN = "demo-basin";
  static final String USAGE_LINE =
      "usage: S2Cli [basins [prefix] | streams <basin> [prefix] | tokens [prefix]"
          + " | issue <id> | revoke <id> | append <basin> <stream> <text>... | read <basin> <stream> [--from N]"
          + " [--follow] | tail <basin> <stream>]";

  private S2Cli() {}

  /**
   * Runs the command line.
   *
   * @param args the command and its arguments
   */
  public static void main(String[] args) {
    if ("debug".equalsIgnoreCase(System.getenv("S2_LOG"))) {
      debugLogging();
    }
    // The embedded S2's Jetty logs through SLF4J, which has no provider here: no warning about
    // that.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    int status = run(args, System.getenv(), System.out, System.err);
    if (status != OK) {
      System.exit(status);
    }
  }

  /**
   * {@code S2_LOG=debug}: the SDK's debug log (each attempt, its status and time, each retry
   * decision and its wait, secrets masked) on standard error, through {@code java.util.logging}.
   */
  static void debugLogging() {
    java.util.logging.Logger sdk = java.util.logging.Logger.getLogger("dev.s2.client");
    java.util.logging.ConsoleHandler handler = new java.util.logging.ConsoleHandler();
    handler.setLevel(java.util.logging.Level.FINE);
    handler.setFormatter(
        new java.util.logging.SimpleFormatter() {
          @Override
          public String format(java.util.logging.LogRecord record) {
            return "s2: " + record.getMessage() + System.lineSeparator();
          }
        });
    sdk.setLevel(java.util.logging.Level.FINE);
    sdk.addHandler(handler);
    sdk.setUseParentHandlers(false);
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Command command = Command.parse(args);
    if (command == null) {
      err.println(USAGE_LINE);
      return USAGE;
    }
    boolean real = env.get(S2Client.ENV_ACCESS_TOKEN) != null;
    EmbeddedS2 embedded = null;
    String endpoint = "";
    try {
      S2Client.Builder builder;
      if (real) {
        builder = S2Client.builder().fromEnv(env);
      } else {
        embedded = EmbeddedS2.start();
        builder =
            S2Client.builder()
                .accessToken(embedded.accessToken())
                .baseUrl(embedded.accountEndpoint().toString())
                .basinEndpoint(embedded.basinEndpoint().toString());
        out.println(
            "S2_ACCESS_TOKEN is not set: using an embedded S2 at " + embedded.accountEndpoint());
      }
      try (S2Client client = builder.build()) {
        endpoint = client.baseUrl();
        if (embedded != null) {
          seed(client);
        }
        return command.run(client, out);
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
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  /** The demo content of the embedded S2, made through the SDK like any user's setup code. */
  private static void seed(S2Client client) {
    client
        .basins()
        .ensure(
            dev.s2.client.EnsureBasinParams.builder()
                .basin(DEMO_BASIN)
                .config(BasinConfig.builder().createStreamOnAppend(true).build())
                .build());
    S2Stream events = client.basin(DEMO_BASIN).stream("events");
    client.basin(DEMO_BASIN).streams().ensure("events");
    client.basin(DEMO_BASIN).streams().ensure("audit");
    events.append(
        List.of(
            AppendRecord.of("signed up: ada"),
            AppendRecord.of("signed up: grace"),
            AppendRecord.builder().body("order: 42").header("content-type", "text/plain").build()));
    AccessTokens tokens = client.accessTokens();
    for (String id : List.of("demo-reader", "demo-writer")) {
      boolean write = id.endsWith("writer");
      tokens.issue(
          IssueAccessTokenParams.builder()
              .id(id)
              .scope(
                  AccessTokenScope.builder()
                      .basins(ResourceSetPrefix.of("demo-"))
                      .streams(ResourceSetPrefix.of(""))
                      .opGroups(
                          PermittedOperationGroups.builder().stream(
                                  ReadWritePermissions.builder().read(true).write(write).build())
                              .build())
                      .build())
              .expiresAt(OffsetDateTime.now(Clock.systemUTC()).plus(Duration.ofDays(30)))
              .build());
    }
  }

  /** One parsed command line. */
  private abstract static class Command {
    abstract int run(S2Client client, PrintStream out);

    static Command parse(String[] args) {
      String name = args.length == 0 ? "tour" : args[0];
      List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
      switch (name) {
        case "tour":
          return rest.isEmpty() ? new Tour() : null;
        case "basins":
          return rest.size() <= 1 ? new Basins(optional(rest, 0)) : null;
        case "streams":
          return rest.size() == 1 || rest.size() == 2
              ? new Streams(rest.get(0), optional(rest, 1))
              : null;
        case "tokens":
        case "list":
          return rest.size() <= 1 ? new Tokens(optional(rest, 0)) : null;
        case "issue":
          return rest.size() == 1 ? new Issue(rest.get(0)) : null;
        case "revoke":
          return rest.size() == 1 ? new Revoke(rest.get(0)) : null;
        case "append":
          return rest.size() >= 3
              ? new Append(rest.get(0), rest.get(1), rest.subList(2, rest.size()))
              : null;
        case "read":
          return Read.parse(rest);
        case "tail":
          return rest.size() == 2 ? new Tail(rest.get(0), rest.get(1)) : null;
        default:
          return null;
      }
    }

    private static String optional(List<String> args, int i) {
      return args.size() > i ? args.get(i) : "";
    }
  }

  private static final class Tour extends Command {
    @Override
    int run(S2Client client, PrintStream out) {
      List<BasinInfo> basins = new ArrayList<>();
      client.basins().listAll().forEach(basins::add);
      new Basins("").print(basins, out);
      if (!basins.isEmpty()) {
        out.println();
        new Streams(basins.get(0).name(), "").run(client, out);
      }
      out.println();
      return new Tokens("").run(client, out);
    }
  }

  private static final class Basins extends Command {
    private final String prefix;

    Basins(String prefix) {
      this.prefix = prefix;
    }

    @Override
    int run(S2Client client, PrintStream out) {
      List<BasinInfo> basins = new ArrayList<>();
      client
          .basins()
          .listAll(ListBasinsParams.builder().prefix(prefix).build())
          .forEach(basins::add);
      print(basins, out);
      return OK;
    }

    void print(List<BasinInfo> basins, PrintStream out) {
      out.println(String.format("%-48s  %s", "BASIN", "CREATED"));
      for (BasinInfo b : basins) {
        out.println(String.format("%-48s  %s", b.name(), b.createdAt()));
      }
      out.println(basins.size() + (basins.size() == 1 ? " basin" : " basins"));
    }
  }

  private static final class Streams extends Command {
    private final String basin;
    private final String prefix;

    Streams(String basin, String prefix) {
      this.basin = basin;
      this.prefix = prefix;
    }

    @Override
    int run(S2Client client, PrintStream out) {
      out.println(String.format("%-48s  %s", "STREAM (" + basin + ")", "CREATED"));
      int n = 0;
      for (StreamInfo s :
          client
              .basin(basin)
              .streams()
              .listAll(ListStreamsParams.builder().prefix(prefix).build())) {
        out.println(String.format("%-48s  %s", s.name(), s.createdAt()));
        n++;
      }
      out.println(n + (n == 1 ? " stream" : " streams"));
      return OK;
    }
  }

  private static final class Tokens extends Command {
    private final String prefix;

    Tokens(String prefix) {
      this.prefix = prefix;
    }

    @Override
    int run(S2Client client, PrintStream out) {
      TokenTable table = new TokenTable(out);
      for (AccessTokenInfo token :
          client.accessTokens().listAll(ListAccessTokensParams.builder().prefix(prefix).build())) {
        table.add(token);
      }
      out.println(table.rows() + (table.rows() == 1 ? " access token" : " access tokens"));
      return OK;
    }
  }

  private static final class Issue extends Command {
    private final String id;

    Issue(String id) {
      this.id = id;
    }

    @Override
    int run(S2Client client, PrintStream out) {
      ReadWritePermissions readOnly = ReadWritePermissions.builder().read(true).build();
      var issued =
          client
              .accessTokens()
              .issue(
                  IssueAccessTokenParams.builder()
                      .id(id)
                      .scope(
                          AccessTokenScope.builder()
                              .basins(ResourceSetPrefix.of(""))
                              .streams(ResourceSetPrefix.of(""))
                              .opGroups(
                                  PermittedOperationGroups.builder()
                                      .account(readOnly)
                                      .basin(readOnly)
                                      .stream(readOnly)
                                      .build())
                              .build())
                      .expiresAt(OffsetDateTime.now(Clock.systemUTC()).plus(Duration.ofDays(7)))
                      .build());
      out.println("issued " + id + " (read-only, expires in 7 days); its secret, shown once:");
      out.println(issued.accessToken().reveal());
      return OK;
    }
  }

  private static final class Revoke extends Command {
    private final String id;

    Revoke(String id) {
      this.id = id;
    }

    @Override
    int run(S2Client client, PrintStream out) {
      client.accessTokens().revoke(id);
      out.println("revoked " + id);
      return OK;
    }
  }

  private static final class Append extends Command {
    private final String basin;
    private final String stream;
    private final List<String> texts;

    Append(String basin, String stream, List<String> texts) {
      this.basin = basin;
      this.stream = stream;
      this.texts = texts;
    }

    @Override
    int run(S2Client client, PrintStream out) {
      List<AppendRecord> records = new ArrayList<>();
      texts.forEach(t -> records.add(AppendRecord.of(t)));
      AppendAck ack = client.basin(basin).stream(stream).append(records);
      out.println(
          "appended "
              + records.size()
              + (records.size() == 1 ? " record" : " records")
              + ": seq nums "
              + ack.start().seqNum()
              + ".."
              + (ack.end().seqNum() - 1)
              + ", tail "
              + ack.tail().seqNum());
      return OK;
    }
  }

  private static final class Read extends Command {
    private final String basin;
    private final String stream;
    private final long from;
    private final boolean follow;

    Read(String basin, String stream, long from, boolean follow) {
      this.basin = basin;
      this.stream = stream;
      this.from = from;
      this.follow = follow;
    }

    static Read parse(List<String> args) {
      if (args.size() < 2) {
        return null;
      }
      long from = 0;
      boolean follow = false;
      for (int i = 2; i < args.size(); i++) {
        if (args.get(i).equals("--follow")) {
          follow = true;
        } else if (args.get(i).equals("--from") && i + 1 < args.size()) {
          try {
            from = Long.parseLong(args.get(++i));
          } catch (NumberFormatException e) {
            return null;
          }
          if (from < 0) {
            return null;
          }
        } else {
          return null;
        }
      }
      return new Read(args.get(0), args.get(1), from, follow);
    }

    @Override
    int run(S2Client client, PrintStream out) {
      S2Stream s = client.basin(basin).stream(stream);
      long end = follow ? Long.MAX_VALUE : s.checkTail().seqNum();
      RequestOptions longPoll =
          RequestOptions.builder().requestTimeout(Duration.ofSeconds(40)).build();
      long next = from;
      while (next < end && !Thread.currentThread().isInterrupted()) {
        ReadOptions options = ReadOptions.fromSeqNum(next).withClamp(true);
        ReadBatch batch;
        try {
          batch =
              follow ? s.read(options.withWait(Duration.ofSeconds(30)), longPoll) : s.read(options);
        } catch (S2InterruptedException e) {
          return OK; // interrupted while following: the normal way to stop
        }
        for (SequencedRecord r : batch.records()) {
          out.println(r.seqNum() + "  " + r.bodyAsString());
          next = r.seqNum() + 1;
        }
        if (batch.records().isEmpty() && !follow) {
          break;
        }
      }
      return OK;
    }
  }

  private static final class Tail extends Command {
    private final String basin;
    private final String stream;

    Tail(String basin, String stream) {
      this.basin = basin;
      this.stream = stream;
    }

    @Override
    int run(S2Client client, PrintStream out) {
      StreamPosition tail = client.basin(basin).stream(stream).checkTail();
      out.println(
          "tail of "
              + basin
              + "/"
              + stream
              + ": next seq num "
              + tail.seqNum()
              + ", last timestamp "
              + tail.timestamp());
      return OK;
    }
  }
}
