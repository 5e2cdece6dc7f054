package dev.s2.testing.internal;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The account: access tokens, locations, basins and their streams, all in memory and guarded by one
 * lock whose condition read sessions wait on (an append, a deletion, a clock advance, a released
 * fault or the end of the server all signal it).
 *
 * <p>Control-plane semantics follow S2's server ({@code lite/src/backend/basins.rs}, {@code
 * streams.rs}): a create with an {@code s2-request-token} replays as {@code noop} when the token
 * and the configuration are the same, and is a 409 {@code resource_already_exists} otherwise;
 * ensure answers 201 {@code created}, or 200 {@code updated} / {@code noop}. Deletions here are
 * immediate: a deleted basin or stream is gone from listings and its name can be used again.
 */
public final class Store {
  /** List pages hold at most this many items (also the default). */
  public static final int MAX_LIMIT = 1000;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  private final TreeMap<String, BasinState> basins = new TreeMap<>();
  private final TreeMap<String, TokenState> tokens = new TreeMap<>();
  private final LinkedHashMap<String, Boolean> locations = new LinkedHashMap<>();
  private String defaultLocation;
  private final Set<String> configuredTokens;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicInteger parked =
      new java.util.concurrent.atomic.AtomicInteger();

  /** An issued access token. */
  static final class TokenState {
    final String id;
    final @Nullable Instant expiresAt;
    final boolean autoPrefixStreams;
    final Object scope;
    final String secret;

    TokenState(
        String id,
        @Nullable Instant expiresAt,
        boolean autoPrefixStreams,
        Object scope,
        String secret) {
      this.id = id;
      this.expiresAt = expiresAt;
      this.autoPrefixStreams = autoPrefixStreams;
      this.scope = scope;
      this.secret = secret;
    }
  }

  /** The result of a create or ensure: status, {@code s2-provision-result} and body. */
  public static final class Provisioned {
    public final int status;
    public final String result;
    public final String body;

    Provisioned(int status, String result, String body) {
      this.status = status;
      this.result = result;
      this.body = body;
    }
  }

  /**
   * @param locations location name to whether it is private, in listing order; the first is the
   *     default
   * @param configuredTokens when not empty, the only bearer tokens accepted (besides issued ones)
   */
  public Store(Clock clock, Map<String, Boolean> locations, Set<String> configuredTokens) {
    this.clock = clock;
    this.locations.putAll(locations);
    this.defaultLocation = locations.keySet().iterator().next();
    this.configuredTokens = Set.copyOf(configuredTokens);
  }

  public Clock clock() {
    return clock;
  }

  public ReentrantLock lock() {
    return lock;
  }

  public Condition changed() {
    return changed;
  }

  public boolean closed() {
    return closed;
  }

  /** Wakes every waiting read session (to re-check the clock, faults, or the end of the server). */
  public void wakeAll() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public void close() {
    closed = true;
    wakeAll();
  }

  /**
   * Waits on the store's condition until signalled or until the clock reaches {@code
   * deadlineMillis} (Long.MAX_VALUE: no deadline). Must hold the lock. With a manual clock the real
   * wait is bounded and the caller re-checks the clock.
   */
  public void await(long deadlineMillis) throws InterruptedException {
    long remaining =
        deadlineMillis == Long.MAX_VALUE ? 1000 : Math.min(deadlineMillis - clock.millis(), 1000);
    if (remaining <= 0) {
      return;
    }
    parked.incrementAndGet();
    try {
      changed.await(remaining, TimeUnit.MILLISECONDS);
    } finally {
      parked.decrementAndGet();
    }
  }

  /** Reads (long polls, SSE sessions) parked in {@link #await} right now, their deadlines set. */
  public int parked() {
    return parked.get();
  }

  private <T> T locked(java.util.function.Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Access tokens

  /** Whether a bearer token may call: any non-empty token unless tokens were configured. */
  public boolean accepts(String token) {
    if (configuredTokens.isEmpty() || configuredTokens.contains(token)) {
      return true;
    }
    return locked(
        () -> {
          for (TokenState t : tokens.values()) {
            if (t.secret.equals(token)) {
              return t.expiresAt == null || t.expiresAt.isAfter(clock.instant());
            }
          }
          return false;
        });
  }

  public String listAccessTokens(String prefix, String startAfter, int limit) {
    check(Names.tokenIdProblem(prefix, "prefix", true));
    check(Names.tokenIdProblem(startAfter, "start-after", true));
    return locked(
        () ->
            page(
                tokens,
                prefix,
                startAfter,
                limit,
                "access_tokens",
                (w, t) -> {
                  w.beginObject();
                  w.name("id").value(t.id);
                  w.name("expires_at")
                      .value(t.expiresAt == null ? null : Json.timestamp(t.expiresAt));
                  w.name("auto_prefix_streams").value(t.autoPrefixStreams);
                  w.name("scope");
                  Json.writeTree(w, t.scope);
                  w.endObject();
                }));
  }

  public String issueAccessToken(Json.Obj body) {
    String id = body.requiredStr("id");
    String problem = Names.tokenIdProblem(id, "id", false);
    if (problem != null) {
      throw ApiError.badJson(problem + " at $.id");
    }
    Json.Obj scope = body.obj("scope");
    if (scope == null) {
      throw body.missing("scope");
    }
    String expires = body.str("expires_at");
    Instant expiresAt = expires == null ? null : Json.instant(expires, "$.expires_at");
    boolean autoPrefix = Boolean.TRUE.equals(body.bool("auto_prefix_streams"));
    byte[] secretBytes = new byte[30];
    random.nextBytes(secretBytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    return locked(
        () -> {
          if (tokens.containsKey(id)) {
            throw ApiError.of(
                "resource_already_exists", "access token `" + id + "` already exists");
          }
          tokens.put(id, new TokenState(id, expiresAt, autoPrefix, scope.map(), secret));
          return Json.write(w -> w.beginObject().name("access_token").value(secret).endObject());
        });
  }

  public void revokeAccessToken(String id) {
    check(Names.tokenIdProblem(id, "id", false), ApiError::badPath);
    locked(
        () -> {
          if (tokens.remove(id) == null) {
            throw ApiError.of("access_token_not_found", "access token `" + id + "` not found");
          }
          return null;
        });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Locations

  public String listLocations() {
    return locked(
        () ->
            Json.write(
                w -> {
                  w.beginArray();
                  for (Map.Entry<String, Boolean> e : locations.entrySet()) {
                    writeLocation(w, e.getKey(), e.getValue());
                  }
                  w.endArray();
                }));
  }

  public String defaultLocation() {
    return locked(
        () -> Json.write(w -> writeLocation(w, defaultLocation, locations.get(defaultLocation))));
  }

  public String setDefaultLocation(String name) {
    String problem = Names.locationProblem(name);
    if (problem != null) {
      throw ApiError.badJson(problem);
    }
    return locked(
        () -> {
          if (!locations.containsKey(name)) {
            throw ApiError.invalid("unknown location `" + name + "`");
          }
          defaultLocation = name;
          return Json.write(w -> writeLocation(w, name, locations.get(name)));
        });
  }

  private static void writeLocation(JsonWriter w, String name, Boolean isPrivate)
      throws IOException {
    w.beginObject().name("name").value(name).name("is_private").value(isPrivate).endObject();
  }

  private String location(Json.Obj body) {
    // The published spec's older "scope" field names the same thing.
    String location = body.hasValue("location") ? body.str("location") : body.str("scope");
    if (location == null) {
      return defaultLocation;
    }
    String problem = Names.locationProblem(location);
    if (problem != null) {
      throw ApiError.badJson(problem);
    }
    if (!locations.containsKey(location)) {
      throw ApiError.invalid("unknown location `" + location + "`");
    }
    return location;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Basins

  public String listBasins(String prefix, String startAfter, int limit) {
    check(Names.basinProblem(prefix, "prefix", true));
    check(Names.basinProblem(startAfter, "start-after", true));
    return locked(() -> page(basins, prefix, startAfter, limit, "basins", Store::writeBasinInfo));
  }

  private static void writeBasinInfo(JsonWriter w, BasinState b) throws IOException {
    w.beginObject();
    w.name("name").value(b.name);
    w.name("location").value(b.location);
    w.name("created_at").value(Json.timestamp(b.createdAt));
    w.name("deleted_at").nullValue();
    w.name("state").value("active");
    w.endObject();
  }

  public Provisioned createBasin(Json.Obj body, @Nullable String requestToken) {
    String name = body.requiredStr("basin");
    String problem = Names.basinProblem(name, "name", false);
    if (problem != null) {
      throw ApiError.badJson(problem + " at $.basin");
    }
    Json.Obj configJson = body.obj("config");
    BasinConfig config = configJson == null ? new BasinConfig() : BasinConfig.parse(configJson);
    String key = requestToken == null ? null : requestToken + "\n" + config.canonical();
    return locked(
        () -> {
          String location = location(body);
          BasinState existing = basins.get(name);
          if (existing != null) {
            if (key != null && key.equals(existing.creationKey)) {
              return new Provisioned(201, "noop", Json.write(w -> writeBasinInfo(w, existing)));
            }
            throw ApiError.of("resource_already_exists", "basin `" + name + "` already exists");
          }
          BasinState created = new BasinState(name, location, clock.instant(), config, key);
          basins.put(name, created);
          return new Provisioned(201, "created", Json.write(w -> writeBasinInfo(w, created)));
        });
  }

  public Provisioned ensureBasin(String name, Json.@Nullable Obj body) {
    checkBasinPath(name);
    Json.Obj configJson = body == null ? null : body.obj("config");
    BasinConfig config = configJson == null ? new BasinConfig() : BasinConfig.parse(configJson);
    return locked(
        () -> {
          BasinState existing = basins.get(name);
          if (existing == null) {
            String location = body == null ? defaultLocation : location(body);
            BasinState created = new BasinState(name, location, clock.instant(), config, null);
            basins.put(name, created);
            return new Provisioned(201, "created", Json.write(w -> writeBasinInfo(w, created)));
          }
          if (body != null
              && (body.hasValue("location") || body.hasValue("scope"))
              && !location(body).equals(existing.location)) {
            throw ApiError.invalid("basin location cannot be changed");
          }
          String result = existing.config.equals(config) ? "noop" : "updated";
          existing.config = config;
          return new Provisioned(200, result, Json.write(w -> writeBasinInfo(w, existing)));
        });
  }

  public String basinConfig(String name) {
    checkBasinPath(name);
    return locked(() -> Json.write(basin(name).config::write));
  }

  public String reconfigureBasin(String name, Json.Obj reconfiguration) {
    checkBasinPath(name);
    return locked(
        () -> {
          BasinState b = basin(name);
          b.config = b.config.reconfigure(reconfiguration);
          return Json.write(b.config::write);
        });
  }

  public void deleteBasin(String name) {
    checkBasinPath(name);
    locked(
        () -> {
          BasinState b = basin(name);
          basins.remove(name);
          for (StreamState s : b.streams.values()) {
            s.deleted = true;
          }
          changed.signalAll();
          return null;
        });
  }

  /** The basin, or 404. Must hold the lock. */
  public BasinState basin(String name) {
    BasinState b = basins.get(name);
    if (b == null) {
      throw ApiError.basinNotFound(name);
    }
    return b;
  }

  /** Counts a basin-level call for the metrics, when the basin exists. */
  public void countBasinOp(String basin) {
    BasinState b = locked(() -> basins.get(basin));
    if (b != null) {
      b.basinOps.incrementAndGet();
    }
  }

  private static void checkBasinPath(String name) {
    String problem = Names.basinProblem(name, "name", false);
    if (problem != null) {
      throw ApiError.badPath(problem);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Streams

  public String listStreams(String basin, String prefix, String startAfter, int limit) {
    check(Names.streamProblem(prefix, "prefix", true));
    check(Names.streamProblem(startAfter, "start-after", true));
    return locked(
        () ->
            page(
                basin(basin).streams,
                prefix,
                startAfter,
                limit,
                "streams",
                Store::writeStreamInfo));
  }

  private static void writeStreamInfo(JsonWriter w, StreamState s) throws IOException {
    w.beginObject();
    w.name("name").value(s.name);
    w.name("created_at").value(Json.timestamp(s.createdAt));
    w.name("deleted_at").nullValue();
    w.name("cipher").value(s.cipher);
    w.endObject();
  }

  public Provisioned createStream(String basin, Json.Obj body, @Nullable String requestToken) {
    String name = body.requiredStr("stream");
    String problem = Names.streamProblem(name, "name", false);
    if (problem != null) {
      throw ApiError.badJson(problem + " at $.stream");
    }
    Json.Obj configJson = body.obj("config");
    StreamConfig config = configJson == null ? new StreamConfig() : StreamConfig.parse(configJson);
    String key = requestToken == null ? null : requestToken + "\n" + Json.write(config::writeLayer);
    return locked(
        () -> {
          BasinState b = basin(basin);
          StreamState existing = b.streams.get(name);
          if (existing != null) {
            if (key != null && key.equals(existing.creationKey)) {
              return new Provisioned(201, "noop", Json.write(w -> writeStreamInfo(w, existing)));
            }
            throw ApiError.of(
                "resource_already_exists",
                "stream `" + name + "` in basin `" + basin + "` already exists");
          }
          StreamState created = newStream(b, name, config, key);
          return new Provisioned(201, "created", Json.write(w -> writeStreamInfo(w, created)));
        });
  }

  private StreamState newStream(
      BasinState b, String name, StreamConfig config, @Nullable String key) {
    StreamState created =
        new StreamState(b, name, clock.instant(), config.merge(b.config.defaultStreamConfig), key);
    b.streams.put(name, created);
    return created;
  }

  public Provisioned ensureStream(String basin, String name, @Nullable StreamConfig config) {
    StreamConfig requested = config == null ? new StreamConfig() : config;
    return locked(
        () -> {
          BasinState b = basin(basin);
          StreamState existing = b.streams.get(name);
          if (existing == null) {
            StreamState created = newStream(b, name, requested, null);
            return new Provisioned(201, "created", Json.write(w -> writeStreamInfo(w, created)));
          }
          StreamConfig desired = requested.merge(b.config.defaultStreamConfig);
          String result = desired.equals(existing.config) ? "noop" : "updated";
          existing.config = desired;
          return new Provisioned(200, result, Json.write(w -> writeStreamInfo(w, existing)));
        });
  }

  public String streamConfig(String basin, String name) {
    return locked(() -> Json.write(stream(basin, name).config::writeResolved));
  }

  public String reconfigureStream(String basin, String name, Json.Obj reconfiguration) {
    return locked(
        () -> {
          StreamState s = stream(basin, name);
          s.config =
              s.config.reconfigure(reconfiguration).merge(s.basin.config.defaultStreamConfig);
          return Json.write(s.config::writeResolved);
        });
  }

  public void deleteStream(String basin, String name) {
    locked(
        () -> {
          StreamState s = stream(basin, name);
          s.basin.streams.remove(name);
          s.deleted = true;
          changed.signalAll();
          return null;
        });
  }

  /** The stream, or 404. Must hold the lock. */
  public StreamState stream(String basin, String name) {
    StreamState s = basin(basin).streams.get(name);
    if (s == null) {
      throw ApiError.streamNotFound(basin, name);
    }
    return s;
  }

  /**
   * The stream, created with the basin's defaults when it is missing and the basin says so ({@code
   * create_stream_on_append} / {@code create_stream_on_read}). Must hold the lock.
   */
  public StreamState streamForData(String basin, String name, boolean forAppend) {
    BasinState b = basin(basin);
    StreamState s = b.streams.get(name);
    if (s != null) {
      return s;
    }
    boolean create = forAppend ? b.config.createStreamOnAppend : b.config.createStreamOnRead;
    if (!create) {
      throw ApiError.streamNotFound(basin, name);
    }
    return newStream(b, name, new StreamConfig(), null);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Records

  /** Appends a batch; answers the {@code AppendAck} JSON. */
  public String append(String basin, String stream, AppendInput input) {
    return ackJson(appendPositions(basin, stream, input));
  }

  /**
   * The {@code AppendAck} JSON of {@code [start seq, start ts, end seq, end ts]} (the tail is the
   * end).
   */
  static String ackJson(long[] ack) {
    return Json.write(
        w -> {
          w.beginObject();
          w.name("start");
          Json.position(w, ack[0], ack[1]);
          w.name("end");
          Json.position(w, ack[2], ack[3]);
          w.name("tail");
          Json.position(w, ack[2], ack[3]);
          w.endObject();
        });
  }

  /**
   * Appends a batch; answers {@code [start seq, start ts, end seq, end ts]} (the tail is the end:
   * appends are serialized).
   */
  public long[] appendPositions(String basin, String stream, AppendInput input) {
    return locked(
        () -> {
          StreamState s = streamForData(basin, stream, true);
          long[] positions = s.append(input, clock.millis());
          s.basin.appendOps.incrementAndGet();
          s.basin.appendBytes.addAndGet(input.meteredBytes);
          changed.signalAll();
          return positions;
        });
  }

  public String checkTail(String basin, String stream) {
    long[] tail =
        locked(
            () -> {
              StreamState s = streamForData(basin, stream, false);
              return new long[] {s.nextSeqNum, s.lastTimestamp};
            });
    return Json.write(
        w -> {
          w.beginObject().name("tail");
          Json.position(w, tail[0], tail[1]);
          w.endObject();
        });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Inspection (tests)

  /** The stream's records, or null when it does not exist. */
  public @Nullable List<StoredRecord> records(String basin, String stream) {
    return locked(
        () -> {
          BasinState b = basins.get(basin);
          StreamState s = b == null ? null : b.streams.get(stream);
          return s == null ? null : s.snapshot();
        });
  }

  /** {@code [seq_num, timestamp]} of the tail, or null when the stream does not exist. */
  public long @Nullable [] tail(String basin, String stream) {
    return locked(
        () -> {
          BasinState b = basins.get(basin);
          StreamState s = b == null ? null : b.streams.get(stream);
          return s == null ? null : new long[] {s.nextSeqNum, s.lastTimestamp};
        });
  }

  public List<String> basinNames() {
    return locked(() -> new ArrayList<>(basins.keySet()));
  }

  public @Nullable List<String> streamNames(String basin) {
    return locked(
        () -> {
          BasinState b = basins.get(basin);
          return b == null ? null : new ArrayList<>(b.streams.keySet());
        });
  }

  /** For metrics: the basin's state, or 404. */
  public <T> T withBasin(String basin, Function<BasinState, T> f) {
    return locked(() -> f.apply(basin(basin)));
  }

  /** For metrics: the names of all basins (all are active here). */
  public <T> T withBasins(Function<SortedMap<String, BasinState>, T> f) {
    return locked(() -> f.apply(basins));
  }

  // ---------------------------------------------------------------------------------------------------------

  private interface ItemWriter<T> {
    void write(JsonWriter w, T item) throws IOException;
  }

  /**
   * One page of a sorted map: names starting with prefix, after startAfter, at most limit, with
   * has_more.
   */
  private static <T> String page(
      SortedMap<String, T> items,
      String prefix,
      String startAfter,
      int limit,
      String field,
      ItemWriter<T> writer) {
    int max = limit <= 0 || limit > MAX_LIMIT ? MAX_LIMIT : limit;
    return Json.write(
        w -> {
          w.beginObject().name(field).beginArray();
          int n = 0;
          boolean more = false;
          String from = startAfter.compareTo(prefix) >= 0 ? startAfter : prefix;
          for (Map.Entry<String, T> e : items.tailMap(from).entrySet()) {
            String name = e.getKey();
            if (name.equals(startAfter)) {
              continue;
            }
            if (!name.startsWith(prefix)) {
              break;
            }
            if (n == max) {
              more = true;
              break;
            }
            writer.write(w, e.getValue());
            n++;
          }
          w.endArray().name("has_more").value(more).endObject();
        });
  }

  private static void check(@Nullable String problem) {
    check(problem, ApiError::badQuery);
  }

  private static void check(@Nullable String problem, Function<String, ApiError> error) {
    if (problem != null) {
      throw error.apply(problem);
    }
  }
}
