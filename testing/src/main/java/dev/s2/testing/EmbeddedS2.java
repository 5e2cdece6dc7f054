package dev.s2.testing;

import dev.s2.testing.internal.FaultRules;
import dev.s2.testing.internal.RequestLog;
import dev.s2.testing.internal.S2Handler;
import dev.s2.testing.internal.S2sCounters;
import dev.s2.testing.internal.Store;
import dev.s2.testing.internal.StoredRecord;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An embedded, in-memory S2 for one process: the account API (access tokens, basins, locations,
 * metrics) and the basin API (streams, records with unary reads, SSE read sessions, and S2S append
 * and read sessions) under {@code /v1}, on {@code 127.0.0.1} and a free port, speaking HTTP/1.1 and
 * h2c (HTTP/2 cleartext with prior knowledge; at most 100 concurrent streams per connection, as S2
 * advertises) on one connector. Nothing is kept on disk.
 *
 * <p>It behaves like S2 as seen on the wire (statuses, error codes, bodies, headers such as {@code
 * s2-provision-result}; see the package documentation for what differs) and offers {@link
 * #faults()} for client tests and {@link #records(String, String)} for assertions.
 *
 * <pre>{@code
 * try (EmbeddedS2 s2 = EmbeddedS2.builder().basins("my-basin-1").start()) {
 *   URI account = s2.accountEndpoint();   // http://127.0.0.1:<port>/v1
 *   URI basins = s2.basinEndpoint();      // the same; basin calls carry the s2-basin header
 *   // ... point a client at it with any bearer token, then:
 *   List<AppendedRecord> written = s2.records("my-basin-1", "events");
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops it; open SSE sessions are cut.
 */
public final class EmbeddedS2 implements AutoCloseable {
  /** The bearer token {@link #accessToken()} returns when no tokens are configured. */
  public static final String DEFAULT_TOKEN = "embedded-s2-token";

  private final Server server;
  private final Store store;
  private final FaultRules faultRules;
  private final Faults faults;
  private final RequestLog log;
  private final S2sCounters s2s = new S2sCounters();
  private final Clock clock;
  private final String accessToken;
  private final int port;
  private final Runnable wake;

  private EmbeddedS2(Builder b) throws Exception {
    this.clock = b.clock;
    this.accessToken = b.tokens.isEmpty() ? DEFAULT_TOKEN : b.tokens.iterator().next();
    this.store = new Store(clock, b.locations, b.tokens);
    this.faultRules = new FaultRules(store::wakeAll);
    this.faults = new Faults(faultRules);
    this.log = new RequestLog(b.requestLogCapacity);
    this.wake = store::wakeAll;
    if (clock instanceof ManualClock) {
      ((ManualClock) clock).onAdvance(wake);
    }
    for (String basin : b.basins) {
      createBasin(basin);
    }

    QueuedThreadPool threads = new QueuedThreadPool(b.maxThreads, 2);
    threads.setName("embedded-s2");
    threads.setDaemon(true);
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    // Stream names may hold any character, "/" included (sent as %2F): route on the raw path.
    http.setUriCompliance(UriCompliance.UNSAFE);
    HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(http);
    h2c.setStreamIdleTimeout(b.idleTimeout.toMillis());
    // As S2 advertises (the TypeScript SDK's pool relies on it): at most 100 concurrent streams per
    // connection.
    h2c.setMaxConcurrentStreams(100);
    // Receive windows that hold a client's default 5 MiB of unacked appends without a flow-control
    // stall.
    h2c.setInitialStreamRecvWindow(8 * 1024 * 1024);
    h2c.setInitialSessionRecvWindow(16 * 1024 * 1024);
    ServerConnector connector =
        new ServerConnector(server, 1, 1, new HttpConnectionFactory(http), h2c);
    connector.setHost("127.0.0.1");
    connector.setPort(b.port);
    connector.setIdleTimeout(b.idleTimeout.toMillis());
    server.addConnector(connector);
    server.setHandler(
        new S2Handler(store, faultRules, log, b.pingInterval, b.sessionBatchRecords, s2s));
    server.setStopTimeout(0);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    this.port = connector.getLocalPort();
  }

  /**
   * A builder with the defaults: a free port, the system clock, pings every 10 s, any bearer token
   * accepted, one location {@code aws:us-east-1}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts one with the defaults.
   *
   * @return the running server
   */
  public static EmbeddedS2 start() {
    return builder().start();
  }

  /**
   * @return the account endpoint, {@code http://127.0.0.1:<port>/v1}
   */
  public URI accountEndpoint() {
    return URI.create("http://127.0.0.1:" + port + "/v1");
  }

  /**
   * The basin endpoint in direct form: the same URL as the account endpoint; basin calls name their
   * basin in the {@code s2-basin} header. The parent-zone form works too: a Host of {@code
   * <basin>.<anything>} (resolved to 127.0.0.1 by the client) names the basin by its first label.
   *
   * @return {@code http://127.0.0.1:<port>/v1}
   */
  public URI basinEndpoint() {
    return accountEndpoint();
  }

  /**
   * @return the port it listens on
   */
  public int port() {
    return port;
  }

  /**
   * @return a bearer token the server accepts
   */
  public String accessToken() {
    return accessToken;
  }

  /**
   * @return the clock of timestamps, pings and waits
   */
  public Clock clock() {
    return clock;
  }

  /**
   * @return the fault injection API
   */
  public Faults faults() {
    return faults;
  }

  /**
   * How many requests were routed to an operation (including those answered by an injected fault or
   * refused).
   *
   * @param operation the operation
   * @return the count since start or {@link #clearRequests()}
   */
  public long requestCount(Operation operation) {
    return log.count(Objects.requireNonNull(operation, "operation"));
  }

  /**
   * @return the latest requests, oldest first (at most the builder's {@code requestLogCapacity})
   */
  public List<RecordedRequest> requests() {
    return log.recent();
  }

  /** Resets the request counts and log, and the S2S counts. */
  public void clearRequests() {
    log.clear();
    s2s.clear();
  }

  /**
   * Counts of S2S sessions ({@code Content-Type: s2s/proto}) and their frames.
   *
   * @return a snapshot since start or {@link #clearRequests()}
   */
  public S2sStats s2sStats() {
    return s2s.snapshot();
  }

  /**
   * Creates a basin (as an ensure with the default configuration would).
   *
   * @param name a valid basin name
   */
  public void createBasin(String name) {
    store.ensureBasin(name, null);
  }

  /**
   * Creates a stream with the basin's default configuration, if it does not exist.
   *
   * @param basin an existing basin
   * @param stream the stream name
   */
  public void createStream(String basin, String stream) {
    store.ensureStream(basin, stream, null);
  }

  /**
   * @return the names of the basins, sorted
   */
  public List<String> basins() {
    return store.basinNames();
  }

  /**
   * The names of a basin's streams.
   *
   * @param basin the basin
   * @return the stream names, sorted
   * @throws IllegalArgumentException when the basin does not exist
   */
  public List<String> streams(String basin) {
    List<String> names = store.streamNames(basin);
    if (names == null) {
      throw new IllegalArgumentException("no basin named `" + basin + "`");
    }
    return names;
  }

  /**
   * The records a stream holds (those not trimmed), in order, exactly as appended.
   *
   * @param basin the basin
   * @param stream the stream
   * @return the records
   * @throws IllegalArgumentException when the stream does not exist
   */
  public List<AppendedRecord> records(String basin, String stream) {
    List<StoredRecord> stored = store.records(basin, stream);
    if (stored == null) {
      throw new IllegalArgumentException("no stream `" + stream + "` in basin `" + basin + "`");
    }
    List<AppendedRecord> out = new ArrayList<>(stored.size());
    for (StoredRecord r : stored) {
      out.add(new AppendedRecord(r));
    }
    return List.copyOf(out);
  }

  /**
   * The seq num the next appended record of a stream will get.
   *
   * @param basin the basin
   * @param stream the stream
   * @return the tail's seq num
   * @throws IllegalArgumentException when the stream does not exist
   */
  public long tailSeqNum(String basin, String stream) {
    long[] tail = store.tail(basin, stream);
    if (tail == null) {
      throw new IllegalArgumentException("no stream `" + stream + "` in basin `" + basin + "`");
    }
    return tail[0];
  }

  /**
   * How many reads are parked right now: long polls and SSE and S2S read sessions waiting for
   * records, a ping time or a deadline (and silenced sessions, and stalled S2S append sessions).
   * Once parked, a read has fixed its deadlines, so a test with a {@link ManualClock} can advance
   * the clock knowing the read will see it.
   *
   * @return the number of parked reads
   */
  public int parkedReads() {
    return store.parked();
  }

  /**
   * Waits until at least {@code count} reads are parked (see {@link #parkedReads()}).
   *
   * @param count the number of parked reads to wait for
   * @param timeout how long to wait at most
   * @return true when reached, false on timeout
   */
  public boolean awaitParkedReads(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (store.parked() < count) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(200_000);
    }
    return true;
  }

  /** Stops the server: open sessions are cut, the port is released. Idempotent. */
  @Override
  public void close() {
    store.close();
    if (clock instanceof ManualClock) {
      ((ManualClock) clock).removeListener(wake);
    }
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the embedded S2 failed", e);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedS2[" + accountEndpoint() + "]";
  }

  /**
   * Runs one until the process is stopped, printing its endpoints as {@code
   * S2_ACCOUNT_ENDPOINT=...} and {@code S2_BASIN_ENDPOINT=...} lines (then {@code
   * S2_ACCESS_TOKEN=...}, then {@code READY}).
   *
   * <p>Options: {@code --port N}, {@code --token T} (repeatable: accept only these tokens), {@code
   * --basin NAME} (repeatable: create it), {@code --ping-interval-ms N}.
   *
   * @param args the options
   * @throws InterruptedException when interrupted while running
   */
  public static void main(String[] args) throws InterruptedException {
    // Jetty logs through SLF4J; without a provider SLF4J would warn on stderr. Quiet unless asked
    // otherwise.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    Builder builder = builder();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        usage("missing value after " + option);
      }
      String value = args[++i];
      try {
        switch (option) {
          case "--port":
            builder.port(Integer.parseInt(value));
            break;
          case "--token":
            builder.accessTokens(value);
            break;
          case "--basin":
            builder.basins(value);
            break;
          case "--ping-interval-ms":
            builder.pingInterval(Duration.ofMillis(Long.parseLong(value)));
            break;
          default:
            usage("unknown option " + option);
        }
      } catch (IllegalArgumentException e) {
        usage(option + ": " + e.getMessage());
      }
    }
    EmbeddedS2 s2 = builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  s2.close();
                  stopped.countDown();
                },
                "embedded-s2-shutdown"));
    System.out.println("S2_ACCOUNT_ENDPOINT=" + s2.accountEndpoint());
    System.out.println("S2_BASIN_ENDPOINT=" + s2.basinEndpoint());
    System.out.println("S2_ACCESS_TOKEN=" + s2.accessToken());
    System.out.println("READY");
    System.out.flush();
    stopped.await();
  }

  private static void usage(String problem) {
    System.err.println("embedded-s2: " + problem);
    System.err.println(
        "usage: EmbeddedS2 [--port N] [--token T]... [--basin NAME]... [--ping-interval-ms N]");
    System.exit(2);
  }

  /**
   * Settings of an {@link EmbeddedS2}. Not thread-safe; {@link #start()} may be called more than
   * once.
   */
  public static final class Builder {
    private int port;
    private Clock clock = Clock.systemUTC();
    private Duration pingInterval = Duration.ofSeconds(10);
    private final Set<String> tokens = new LinkedHashSet<>();
    private final Map<String, Boolean> locations = new LinkedHashMap<>();
    private final Set<String> basins = new LinkedHashSet<>();
    private int requestLogCapacity = 1000;
    private int maxThreads = 200;
    private Duration idleTimeout = Duration.ofMinutes(30);
    private int sessionBatchRecords = 1000;

    private Builder() {
      locations.put("aws:us-east-1", false);
    }

    /**
     * The port to listen on (default 0: a free one).
     *
     * @param port 0..65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The clock of record timestamps, pings, {@code wait} deadlines and creation times (default:
     * the system's). A {@link ManualClock} makes all of these move only when the test advances it.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long an SSE session may go without an event before a {@code ping} (default 10 s; S2 pings
     * every 5 to 15 s). Measured on the {@link #clock(Clock) clock}.
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder pingInterval(Duration interval) {
      if (interval.isZero() || interval.isNegative()) {
        throw new IllegalArgumentException("pingInterval must be positive, got " + interval);
      }
      this.pingInterval = interval;
      return this;
    }

    /**
     * Accept only these bearer tokens (and tokens issued through the API until revoked). By default
     * any non-empty token is accepted.
     *
     * @param tokens tokens to accept
     * @return this builder
     */
    public Builder accessTokens(String... tokens) {
      for (String t : tokens) {
        if (t == null || t.isBlank()) {
          throw new IllegalArgumentException("access tokens must not be blank");
        }
        this.tokens.add(t);
      }
      return this;
    }

    /**
     * The locations basins may be placed in, replacing the default {@code aws:us-east-1}; the first
     * is the account's default location.
     *
     * @param first the default location
     * @param more other locations
     * @return this builder
     */
    public Builder locations(String first, String... more) {
      Map<String, Boolean> next = new LinkedHashMap<>();
      for (String l : concat(first, more)) {
        if (l == null || l.isEmpty() || l.length() > 64) {
          throw new IllegalArgumentException("location names are 1..64 characters, got " + l);
        }
        next.put(l, false);
      }
      locations.clear();
      locations.putAll(next);
      return this;
    }

    /**
     * Basins to create at start, with the default configuration.
     *
     * @param names valid basin names (8..48 lowercase letters, digits, hyphens)
     * @return this builder
     */
    public Builder basins(String... names) {
      for (String n : names) {
        basins.add(Objects.requireNonNull(n, "basin name"));
      }
      return this;
    }

    /**
     * How many requests {@link EmbeddedS2#requests()} keeps (default 1000; counts are kept for
     * all).
     *
     * @param capacity a positive number
     * @return this builder
     */
    public Builder requestLogCapacity(int capacity) {
      if (capacity <= 0) {
        throw new IllegalArgumentException("requestLogCapacity must be positive, got " + capacity);
      }
      this.requestLogCapacity = capacity;
      return this;
    }

    /**
     * The most threads serving requests (default 200); each open SSE session holds one.
     *
     * @param maxThreads at least 8
     * @return this builder
     */
    public Builder maxThreads(int maxThreads) {
      if (maxThreads < 8) {
        throw new IllegalArgumentException("maxThreads must be at least 8, got " + maxThreads);
      }
      this.maxThreads = maxThreads;
      return this;
    }

    /**
     * The most records per {@code batch} event of an SSE session (default 1000, S2's maximum).
     * Smaller values make sessions send many small events, which tests of resumption after cuts
     * need.
     *
     * @param records 1..1000
     * @return this builder
     */
    public Builder sessionBatchRecords(int records) {
      if (records < 1 || records > 1000) {
        throw new IllegalArgumentException(
            "sessionBatchRecords must be in 1..1000, got " + records);
      }
      this.sessionBatchRecords = records;
      return this;
    }

    /**
     * How long a connection may stay without any traffic before the server closes it (default 30
     * min).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder idleTimeout(Duration timeout) {
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("idleTimeout must be positive, got " + timeout);
      }
      this.idleTimeout = timeout;
      return this;
    }

    /**
     * Starts a server with these settings.
     *
     * @return the running server
     * @throws IllegalArgumentException when a basin name is invalid
     * @throws IllegalStateException when the server cannot start (the port is taken)
     */
    public EmbeddedS2 start() {
      for (String basin : basins) {
        if (dev.s2.testing.internal.Names.basinProblem(basin, "name", false) != null) {
          throw new IllegalArgumentException(
              "invalid basin name `"
                  + basin
                  + "`: "
                  + dev.s2.testing.internal.Names.basinProblem(basin, "name", false));
        }
      }
      try {
        return new EmbeddedS2(this);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(
            "the embedded S2 could not start on port " + port + ": " + e, e);
      }
    }

    private static List<String> concat(String first, String[] more) {
      List<String> all = new ArrayList<>();
      all.add(first);
      all.addAll(List.of(more));
      return all;
    }
  }
}
