package dev.s2.client;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import dev.s2.api.ServerVariables;
import dev.s2.model.StreamPosition;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ReadSession} that resumes by itself, over either wire ({@link ReadWire}): SSE ({@code GET …/records},
 * {@code Accept: text/event-stream}, {@code s2-format: base64}, over HTTP/1.1) or S2S ({@code GET …/records},
 * {@code Content-Type: s2s/proto}, over HTTP/2), chosen at the first connection by the client's
 * {@link SessionTransport} and kept for the session's life. Both deliver the same events (batches, heartbeats
 * with the tail, the end, errors), so everything below holds for both. How a read resumes, in one place:
 *
 * <ol>
 *   <li><b>Position.</b> {@code nextSeqNum} is the seq num after the last record received, or the tail of the
 *       first heartbeat (an SSE ping, an empty S2S batch) when no record came yet (so a start by timestamp or tail offset is anchored and a reconnection
 *       cannot skip records appended meanwhile, as S2's Rust SDK does). A reconnection starts there
 *       ({@code seq_num}, the {@code timestamp}/{@code tail_offset} start dropped, {@code clamp} and
 *       {@code until} kept).
 *   <li><b>Bounds.</b> {@code count} and {@code bytes} are reduced by what was received (command records
 *       included, as S2 counts them); when nothing is left the session ends without a request. Records at or
 *       below the last received seq num are dropped (a server resending them never duplicates one), and records
 *       beyond a bound are never delivered.
 *   <li><b>Wait.</b> S2 measures {@code wait} from reaching the tail and from each record after that; the session
 *       does the same on the client's clock ({@code waitAnchor}) and sends {@code wait} minus the time since, in
 *       whole seconds rounded up. Before reaching the tail the whole {@code wait} is sent. (S2's SDKs measure from
 *       the last tail, pings included, which lets a session wait longer than asked.)
 *   <li><b>Ended at the tail.</b> S2 answers 416 to a bounded read without {@code wait} that starts exactly at the
 *       tail. On a reconnection that means everything was read: the session ends cleanly, caught up.
 *   <li><b>Budget.</b> {@code failures} counts consecutive failed attempts; a record or a heartbeat resets it (a
 *       healthy connection, as S2's Rust SDK resets on every message). The session fails when the failure is not
 *       retryable or {@code failures} reaches the policy's {@code maxAttempts}; between attempts it waits the
 *       policy's backoff, or the response's {@code retry-after-ms}.
 *   <li><b>Reconnect advised.</b> An S2S frame with the "reconnect advised" flag (a server about to go away) is
 *       handled, then the session reconnects at once from where it stands, as after a failure but without waiting
 *       and without counting one.
 * </ol>
 *
 * <p>Threads: the consuming thread (an iterator's, or the publisher's drain) owns the connection, the
 * bookkeeping and the batch being handed out; {@link #close()} may come from any thread and cancels the call,
 * which wakes a blocked read. Observers ({@link #isCaughtUp()}, {@link #lastObservedTail()}, ...) read volatile
 * snapshots.
 */
final class ResumingReadSession implements ReadSession {
  private final ClientRuntime.Streaming st;
  private final HttpUrl url;
  private final ServerVariables server;
  private final String description;
  private final String basin;
  private final String stream;
  private final String threadName;
  private final ReadOptions initial;
  private final ReadSessionOptions options;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final SessionErrors errors;
  private final Redactor redactor;
  private final Clock clock;
  private final AtomicReference<@Nullable String> consumedBy = new AtomicReference<>();
  private final CaughtUpState caughtUp = new CaughtUpState();
  private final CompletableFuture<Void> closedSignal = new CompletableFuture<>();
  private final Object lock = new Object();

  private volatile boolean closed;
  private volatile boolean finished;
  private volatile @Nullable S2Exception failure;
  private volatile @Nullable Call call;
  private @Nullable Request request;
  private @Nullable Response response; // guarded by lock
  private boolean reading; // guarded by lock
  private @Nullable ReadWire wire;
  private ReadWire.@Nullable Events events;
  private @Nullable ThreadPoolExecutor ownExecutor; // guarded by this

  private volatile long nextSeqNum = -1;
  private long received;
  private long receivedBytes;
  private boolean boundReached;
  private long waitAnchorMillis = -1;
  private int failures;
  private boolean connectedBefore;
  private volatile int reconnects;
  private volatile long delivered;
  private volatile long duplicatesDropped;
  private volatile @Nullable StreamPosition tail;
  private volatile long buffered;

  private @Nullable Delivery current;
  private int index;
  private long undelivered;

  /** Records handed out together, and the tail the consumer is caught up to once it took them all. */
  private static final class Delivery {
    final ReadBatch batch;
    final @Nullable StreamPosition reached;
    final long meteredBytes;

    Delivery(List<SequencedRecord> records, @Nullable StreamPosition tail, @Nullable StreamPosition reached) {
      this.batch = new ReadBatch(records, tail);
      this.reached = reached;
      this.meteredBytes = batch.meteredBytes();
    }

    List<SequencedRecord> records() {
      return batch.records();
    }
  }

  ResumingReadSession(ClientRuntime.Streaming st, Clock clock, ServerVariables server, String basin, String stream,
      ReadOptions initial, ReadSessionOptions options) {
    this.st = st;
    this.basin = basin;
    this.stream = stream;
    this.url = st.basinBase.newBuilder().addPathSegment("streams").addPathSegment(stream)
        .addPathSegment("records").build();
    this.server = server;
    this.description = "GET " + url.encodedPath();
    this.threadName = "s2-read-session " + basin + "/" + stream;
    this.initial = initial;
    this.options = options;
    this.policy = options.retryPolicy().orElse(st.retryPolicy);
    this.sleeper = st.sleeper;
    this.jitter = st.jitter;
    this.errors = new SessionErrors(st.errors);
    this.redactor = st.redactor;
    this.clock = clock;
  }

  // ---- consuming ----

  @Override
  public Iterator<SequencedRecord> iterator() {
    claim("iterator()");
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return peek() != null;
      }

      @Override
      public SequencedRecord next() {
        SequencedRecord r = peek();
        if (r == null) {
          throw new NoSuchElementException("the read session has ended");
        }
        advance();
        return r;
      }
    };
  }

  @Override
  public Stream<SequencedRecord> stream() {
    Iterator<SequencedRecord> records = iterator();
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(records, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(this::close);
  }

  @Override
  public Iterable<ReadBatch> batches() {
    return () -> {
      claim("batches()");
      return new Iterator<>() {
        private @Nullable ReadBatch next;

        @Override
        public boolean hasNext() {
          if (next == null) {
            next = takeBatch();
          }
          return next != null;
        }

        @Override
        public ReadBatch next() {
          if (!hasNext()) {
            throw new NoSuchElementException("the read session has ended");
          }
          ReadBatch b = next;
          next = null;
          return b;
        }
      };
    };
  }

  @Override
  public Flow.Publisher<SequencedRecord> publisher() {
    return new SessionPublisher<>(this, "publisher()", () -> {
      SequencedRecord r = peek();
      if (r != null) {
        advance();
      }
      return r;
    });
  }

  @Override
  public Flow.Publisher<ReadBatch> batchPublisher() {
    return new SessionPublisher<>(this, "batchPublisher()", this::takeBatch);
  }

  /** Claims the session for one way of consuming it; false when it is taken. */
  boolean tryClaim(String way) {
    return consumedBy.compareAndSet(null, way);
  }

  private void claim(String way) {
    if (!tryClaim(way)) {
      throw alreadyConsumed(way);
    }
  }

  IllegalStateException alreadyConsumed(String way) {
    return new IllegalStateException("cannot consume this read session with " + way + ": it is already consumed"
        + " with " + consumedBy.get() + " (a session is consumed one way, once)");
  }

  /** The next record without taking it, reading when none is held; null once the session ended. */
  @Nullable SequencedRecord peek() {
    while (current == null || index == current.records().size()) {
      Delivery d = pull();
      if (d == null) {
        return null;
      }
      current = d;
      index = 0;
      undelivered = d.meteredBytes;
      updateBuffered();
    }
    return current.records().get(index);
  }

  /** Takes the record {@link #peek()} returned. */
  void advance() {
    Delivery d = current;
    SequencedRecord r = d.records().get(index++);
    undelivered -= r.meteredBytes();
    delivered++;
    updateBuffered();
    if (index == d.records().size()) {
      current = null;
      if (d.reached != null) {
        caughtUp.caughtUp(d.reached);
      }
    }
  }

  /** The next batch, reading when needed; null once the session ended. */
  @Nullable ReadBatch takeBatch() {
    Delivery d = pull();
    if (d == null) {
      return null;
    }
    delivered += d.records().size();
    if (d.reached != null) {
      caughtUp.caughtUp(d.reached);
    }
    return d.batch;
  }

  /**
   * Whether the next {@link #peek()} or {@link #takeBatch()} would end or fail without reading: the session is
   * closed, over, or its bounds are reached (and no record is held).
   */
  boolean endKnown() {
    return closed || finished || failure != null
        || ((current == null || index == current.records().size()) && boundsReached());
  }

  // ---- reading and resuming ----

  /** Reads until records to hand out, the end (null) or a final failure (thrown). */
  private @Nullable Delivery pull() {
    synchronized (lock) {
      reading = true;
    }
    try {
      while (true) {
        if (closed) {
          return null;
        }
        S2Exception failed = failure;
        if (failed != null) {
          throw failed;
        }
        if (finished) {
          return null;
        }
        S2Exception problem;
        try {
          if (boundsReached()) {
            finish(true);
            return null;
          }
          if (events == null && !connect()) {
            return null;
          }
          ReadWire.Event e = events.next(attempt());
          updateBuffered();
          Delivery d = null;
          switch (e.kind) {
            case BATCH:
              d = onBatch(e.batch);
              break;
            case HEARTBEAT:
              onHeartbeat(e.tail);
              break;
            case DONE:
              finish(false);
              return null;
            default:
              throw e.error;
          }
          if (e.reconnectAdvised) {
            disconnect(true); // the server is about to go away: the next read reconnects from where we stand
            caughtUp.behind();
          }
          if (d != null) {
            return d;
          }
          continue;
        } catch (IOException e) {
          problem = SessionErrors.connection(description, e, attempt(), options.idleTimeout().toMillis());
        } catch (S2Exception e) {
          problem = e;
        }
        if (closed) {
          return null;
        }
        recover(problem);
      }
    } finally {
      synchronized (lock) {
        reading = false;
        if (closed) {
          closeResponse();
        }
      }
    }
  }

  /** Drops the connection after a failure, then waits to retry, or ends the session and throws. */
  private void recover(S2Exception problem) {
    disconnect(true);
    caughtUp.behind();
    failures++;
    if (!problem.isRetryable() || failures >= policy.maxAttempts()) {
      fail(problem);
      throw problem;
    }
    Duration delay = policy.delay(failures - 1, SessionErrors.retryAfter(problem), jitter.getAsDouble());
    try {
      CompletableFuture.anyOf(sleeper.sleepAsync(delay), closedSignal).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      S2Exception interrupted = SessionErrors.interrupted(description, e, attempt());
      fail(interrupted);
      throw interrupted;
    } catch (ExecutionException e) {
      // the sleeper failed: go on at once
    }
  }

  /** The number of the current attempt: 1 + the consecutive failures before it. */
  private int attempt() {
    return failures + 1;
  }

  private boolean boundsReached() {
    return boundReached
        || (initial.count().isPresent() && received >= initial.count().getAsLong())
        || (initial.bytes().isPresent() && receivedBytes >= initial.bytes().getAsLong());
  }

  /** Opens a connection where the session stands; false when S2 says there is nothing left (416 at the tail). */
  private boolean connect() throws IOException {
    ReadWire w = wire;
    if (w == null) {
      w = st.selector.useS2s(server, basin, stream)
          ? new S2sReadWire(st, server, options)
          : new SseWire(st, server, options, errors);
      wire = w;
    }
    ReadOptions o = resumeOptions();
    Request req = w.request(query(o));
    if (connectedBefore) {
      reconnects++;
    }
    connectedBefore = true;
    request = req;
    Call c = w.http().newCall(req);
    call = c;
    if (closed) {
      c.cancel();
    }
    Response r = c.execute();
    synchronized (lock) {
      response = r;
    }
    if (!r.isSuccessful()) {
      byte[] body = SessionErrors.readErrorBody(r.body());
      closeResponse();
      if (r.code() == 416 && o.start() == ReadOptions.Start.SEQ_NUM && nextSeqNum >= 0) {
        StreamPosition at = tailOf(body);
        if (at != null && at.seqNum() == o.startValue()) {
          observeTail(at);
          caughtUp.caughtUp(at);
          finish(false);
          return false;
        }
      }
      throw errors.response(description, r, body, attempt());
    }
    try {
      events = w.open(r, description, attempt());
    } catch (S2Exception e) {
      closeResponse();
      throw e;
    }
    return true;
  }

  /** Where a (re)connection starts and what is left of the bounds; see the class documentation. */
  private ReadOptions resumeOptions() {
    if (nextSeqNum < 0) {
      return initial;
    }
    Duration remainingWait = null;
    Optional<Duration> wait = initial.waitFor();
    if (wait.isPresent() && waitAnchorMillis >= 0) {
      Duration left = wait.get().minusMillis(Math.max(0, clock.millis() - waitAnchorMillis));
      remainingWait = left.isNegative() ? Duration.ZERO : left;
    }
    return initial.resumeAt(nextSeqNum, received, receivedBytes, remainingWait);
  }

  private HttpUrl query(ReadOptions o) {
    HttpUrl.Builder b = url.newBuilder();
    String start;
    switch (o.start()) {
      case SEQ_NUM:
        start = "seq_num";
        break;
      case TIMESTAMP:
        start = "timestamp";
        break;
      default:
        start = "tail_offset";
    }
    b.addQueryParameter(start, Long.toString(o.startValue()));
    o.count().ifPresent(v -> b.addQueryParameter("count", Long.toString(v)));
    o.bytes().ifPresent(v -> b.addQueryParameter("bytes", Long.toString(v)));
    o.until().ifPresent(v -> b.addQueryParameter("until", Long.toString(v)));
    if (o.clamp()) {
      b.addQueryParameter("clamp", "true");
    }
    Integer wait = o.waitSeconds();
    if (wait != null) {
      b.addQueryParameter("wait", Integer.toString(wait));
    }
    return b.build();
  }

  private @Nullable Delivery onBatch(RecordsJson.Batch batch) {
    List<SequencedRecord> out = new ArrayList<>(batch.records.size());
    int fresh = 0;
    for (SequencedRecord r : batch.records) {
      if (nextSeqNum >= 0 && r.seqNum() < nextSeqNum) {
        duplicatesDropped++; // already received: never deliver a record twice
        continue;
      }
      if (beyondBounds(r)) {
        boundReached = true;
        break;
      }
      nextSeqNum = r.seqNum() + 1;
      received++;
      receivedBytes += r.meteredBytes();
      fresh++;
      if (!(options.ignoreCommandRecords() && r.isCommand())) {
        out.add(r);
      }
    }
    if (batch.tail != null) {
      observeTail(batch.tail);
    }
    if (fresh > 0) {
      failures = 0;
      if (waitAnchorMillis >= 0) {
        waitAnchorMillis = clock.millis();
      }
      caughtUp.behind();
    }
    StreamPosition reached = null;
    if (batch.tail != null && !boundReached && (batch.records.isEmpty()
        || batch.records.get(batch.records.size() - 1).seqNum() + 1 == batch.tail.seqNum())) {
      reached = batch.tail;
    }
    if (out.isEmpty()) {
      if (reached != null) {
        caughtUp.caughtUp(reached);
      }
      return null;
    }
    return new Delivery(out, batch.tail, reached);
  }

  private boolean beyondBounds(SequencedRecord r) {
    return (initial.count().isPresent() && received >= initial.count().getAsLong())
        || (initial.bytes().isPresent() && receivedBytes + r.meteredBytes() > initial.bytes().getAsLong())
        || (initial.until().isPresent() && r.timestamp() >= initial.until().getAsLong());
  }

  /** A heartbeat (an SSE ping, an empty S2S batch): a healthy connection, and the tail when S2 sent it. */
  private void onHeartbeat(@Nullable StreamPosition at) {
    failures = 0;
    if (at == null) {
      return;
    }
    observeTail(at);
    if (nextSeqNum < 0) {
      nextSeqNum = at.seqNum();
    }
    if (nextSeqNum >= at.seqNum()) {
      caughtUp.caughtUp(at);
    }
  }

  private void observeTail(StreamPosition at) {
    tail = at;
    if (waitAnchorMillis < 0) {
      waitAnchorMillis = clock.millis();
    }
  }

  private static @Nullable StreamPosition tailOf(byte[] body) {
    try (JsonReader reader = JsonReader.of(new Buffer().write(body))) {
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.nextName().equals("tail")) {
          return RecordsJson.readPosition(reader);
        }
        reader.skipValue();
      }
      return null;
    } catch (IOException | JsonDataException e) {
      return null;
    }
  }

  private void updateBuffered() {
    ReadWire.Events e = events;
    buffered = (e == null ? 0 : e.bufferedBytes()) + undelivered;
  }

  // ---- ending ----

  /** Ends cleanly: {@code [DONE]}, a bound, or nothing left at the tail. */
  private void finish(boolean cancel) {
    finished = true;
    disconnect(cancel);
    caughtUp.end(null);
    stopOwnExecutor();
  }

  private void fail(S2Exception e) {
    e.masked(redactor); // every exception that ends a session leaves through here: no secret in its message
    failure = e;
    disconnect(true);
    caughtUp.end(e);
    stopOwnExecutor();
  }

  /** Releases the connection; {@code cancel} first when the body was not read to its end. */
  private void disconnect(boolean cancel) {
    events = null;
    Call c = call;
    call = null;
    if (cancel && c != null) {
      c.cancel();
    }
    closeResponse();
    updateBuffered();
  }

  private void closeResponse() {
    synchronized (lock) {
      Response r = response;
      response = null;
      if (r != null) {
        r.close();
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Call c = call;
    if (c != null) {
      c.cancel();
    }
    synchronized (lock) {
      if (!reading) {
        closeResponse();
      }
    }
    closedSignal.complete(null);
    caughtUp.end(null);
    stopOwnExecutor();
  }

  // ---- the publisher's executor ----

  /** Where the publisher reads: the options' executor, or a daemon thread of the session's own. */
  synchronized Executor publisherExecutor() {
    Optional<Executor> given = options.executor();
    if (given.isPresent()) {
      return given.get();
    }
    if (ownExecutor == null) {
      ThreadPoolExecutor own = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
          });
      own.allowCoreThreadTimeOut(true);
      ownExecutor = own;
    }
    return ownExecutor;
  }

  private synchronized void stopOwnExecutor() {
    if (ownExecutor != null) {
      ownExecutor.shutdown(); // a running drain finishes its signal first
    }
  }

  // ---- state ----

  @Override
  public Optional<StreamPosition> lastObservedTail() {
    return Optional.ofNullable(tail);
  }

  @Override
  public boolean isCaughtUp() {
    return caughtUp.isCaughtUp();
  }

  @Override
  public CompletableFuture<StreamPosition> caughtUp() {
    return caughtUp.future();
  }

  @Override
  public OptionalLong nextSeqNum() {
    long n = nextSeqNum;
    return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
  }

  @Override
  public long recordsDelivered() {
    return delivered;
  }

  @Override
  public int reconnects() {
    return reconnects;
  }

  @Override
  public long bufferedBytes() {
    return buffered;
  }

  /** Whether the session reads over S2S; false over SSE, and before its first connection. For tests. */
  boolean overS2s() {
    ReadWire w = wire;
    return w != null && w.s2s();
  }

  /** Compressed S2S frames the session decoded (0 over SSE); for tests. */
  long compressedFrames() {
    ReadWire w = wire;
    return w instanceof S2sReadWire ? ((S2sReadWire) w).compressedFrames() : 0;
  }

  /** Records received again and dropped (at or below the last received seq num); for tests. */
  long duplicatesDropped() {
    return duplicatesDropped;
  }

  @Override
  public boolean isOpen() {
    return !closed && !finished && failure == null;
  }

  @Override
  public String toString() {
    long n = nextSeqNum;
    return "ReadSession{" + description + ", " + initial + (n < 0 ? "" : ", nextSeqNum=" + n)
        + ", delivered=" + delivered + ", reconnects=" + reconnects
        + (closed ? ", closed" : finished ? ", finished" : failure != null ? ", failed" : "") + '}';
  }
}
