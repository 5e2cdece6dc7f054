package dev.s2.client;

import dev.s2.model.AppendAck;
import dev.s2.model.StreamPosition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Producer} of {@link S2Stream#producer}: batches records, pipelines appends chained by
 * {@code match_seq_num} (unary appends, or the inputs of an S2S append session: see {@link
 * AppendTransport}), retries them, and completes one future per record. The rules, in one place:
 *
 * <ol>
 *   <li><b>One lock, nothing called under it.</b> All state is guarded by {@code lock}. Whatever
 *       calls out runs after the lock is released: appends, the tail check and timers go to the
 *       {@code io} lane; completions of record, flush and close futures go to the {@code callbacks}
 *       lane (each lane runs its tasks one at a time, in the order the state changes queued them,
 *       so futures complete in submission order); acceptances of waiting submissions run directly,
 *       so a callback blocked in {@code submit} is woken by the next acknowledgement.
 *   <li><b>Positions.</b> Sealed batches sit in {@code unsettled}, in order. Once the start is
 *       known (given, or the tail from {@code check_tail} before the first append), batch {@code k}
 *       gets {@code match_seq_num = m(k)}, with {@code m(k+1) = m(k) + count(k)}. The service
 *       appends a batch only when the stream's tail equals its match, so our appended batches
 *       always form a prefix, and no batch can be appended twice, whatever is re-sent.
 *   <li><b>Sending.</b> Batches are sent in order, at most {@code maxInflightBatches} at a time. A
 *       batch that failed an attempt is sent again only after its backoff, and only once every
 *       batch before it is settled; nothing behind it is sent before it.
 *   <li><b>Outcomes of an attempt.</b> An ack must start at the batch's match and count its records
 *       (else a typed decoding failure). A failure the service marks as never processed (429, 503,
 *       connection refused: {@link CallExecutor#neverTookEffect}) leaves the batch not appended;
 *       any other retryable failure (timeout, cut connection, 500, ...) makes it
 *       <em>ambiguous</em>: that attempt may have been appended. Retryable failures back off under
 *       the retry policy; a batch's attempts count afresh after any progress. Anything not
 *       retryable stops the producer.
 *   <li><b>A 412 {@code seq_num_mismatch} with tail {@code E}.</b> {@code E} is the stream's tail
 *       at some moment. {@code E} below the batch's match: the attempt overtook an earlier batch
 *       (or reports a stale tail); it is re-sent after its predecessors, except when it was sent
 *       after all of them were settled: then the tail went back, another writer's doing. {@code E}
 *       above the match: every batch of ours ending at or before {@code E} must have been appended,
 *       which is possible only for a batch with an ambiguous or in-flight attempt; those become
 *       settled as appended (their acks were lost), and {@code E} must fall on a batch boundary.
 *       The official SDKs' resend rule, made total: a retry answered with exactly {@code match +
 *       count} proves its lost first attempt succeeded. Anything else (a batch never possibly
 *       appended, a tail inside a batch or beyond our last one, {@code E == match}) is another
 *       writer: the producer stops with that 412.
 *   <li><b>Failure.</b> The producer stops: nothing more is sent; batches not in flight, the open
 *       batch and waiting submissions fail in order with the failure; a batch in flight settles on
 *       its own answer.
 * </ol>
 */
final class BatchingProducer implements Producer {
  private static final byte[] FENCE = "fence".getBytes(StandardCharsets.UTF_8);

  private enum State {
    OPEN,
    CLOSING,
    CLOSED,
    FAILED
  }

  private enum Status {
    WAITING,
    IN_FLIGHT,
    APPLIED
  }

  /** A submission waiting for room, or a flush or close waiting for the submissions before it. */
  private static final class Pending {
    final @Nullable AppendRecord record;
    final long bytes;
    final boolean async;
    final CompletableFuture<RecordAck> ack;
    final CompletableFuture<CompletableFuture<RecordAck>> accepted;
    final @Nullable CompletableFuture<Void> marker;
    final boolean close;

    private Pending(
        @Nullable AppendRecord record,
        boolean async,
        @Nullable CompletableFuture<Void> marker,
        boolean close) {
      this.record = record;
      this.bytes = record == null ? 0 : record.meteredBytes();
      this.async = async;
      this.ack = new CompletableFuture<>();
      this.accepted = new CompletableFuture<>();
      this.marker = marker;
      this.close = close;
    }

    static Pending submission(AppendRecord record, boolean async) {
      return new Pending(record, async, null, false);
    }

    static Pending marker(boolean close) {
      return new Pending(null, false, new CompletableFuture<>(), close);
    }
  }

  /**
   * A flush or close completed once the batch it is attached to, and every batch before it, settle.
   */
  private static final class Marker {
    final CompletableFuture<Void> done;
    final boolean close;

    Marker(CompletableFuture<Void> done, boolean close) {
      this.done = done;
      this.close = close;
    }
  }

  private static final class Batch {
    final long id;
    final List<AppendRecord> records = new ArrayList<>();
    final List<CompletableFuture<RecordAck>> acks = new ArrayList<>();
    final List<Marker> markers = new ArrayList<>(0);
    long bytes;
    long match = -1;
    @Nullable String fencingToken;
    Status status = Status.WAITING;

    /** Some attempt's outcome is unknown: it may have been appended. */
    boolean ambiguous;

    /** Some attempt failed: the batch is re-sent only once every batch before it is settled. */
    boolean failedBefore;

    /** Waiting for the backoff before its next attempt. */
    boolean backoff;

    /** The attempt in flight was sent when every batch before it was settled. */
    boolean causal;

    int failures;
    long failuresEpoch;
    @Nullable AppendAck ack;

    Batch(long id) {
      this.id = id;
    }

    long end() {
      return match + records.size();
    }
  }

  private final S2Stream stream;
  private final AppendTransport transport;
  private final ProducerOptions options;
  private final RetryPolicy retryPolicy;
  private final Sleeper retrySleeper;
  private final DoubleSupplier jitter;
  private final SerialLane io = new SerialLane(this::internalFailure);
  private final SerialLane callbacks = new SerialLane(this::internalFailure);

  /**
   * Completions of {@code accepted} futures: run directly (in no lane) by whichever thread comes
   * next.
   */
  private final ConcurrentLinkedQueue<Runnable> acceptances = new ConcurrentLinkedQueue<>();

  private final Object lock = new Object();

  // Guarded by lock.
  private State state = State.OPEN;
  private @Nullable RuntimeException failure;
  private boolean recordsFailed;
  private @Nullable Batch open;
  private final ArrayDeque<Batch> unsettled = new ArrayDeque<>();
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private long waitingAsyncBytes;
  private long unackedBytes;
  private int unackedRecords;
  private int inflight;
  private boolean startKnown;
  private boolean learningTail;
  private long nextMatch;
  private long observedTail = -1;
  private @Nullable RuntimeException observedBy;
  private long progress;
  private long batchIds;
  private @Nullable String fencingToken;
  private @Nullable CompletableFuture<Void> closed;

  BatchingProducer(
      S2Stream stream,
      ClientRuntime.Streaming client,
      ProducerOptions options,
      AppendTransport transport) {
    this.stream = stream;
    this.transport = transport;
    this.options = options;
    this.retryPolicy = options.retryPolicy().orElse(client.retryPolicy);
    this.retrySleeper = client.sleeper;
    this.jitter = client.jitter;
    this.fencingToken = options.fencingToken().orElse(null);
    if (options.matchSeqNum().isPresent()) {
      startKnown = true;
      nextMatch = options.matchSeqNum().getAsLong();
    }
  }

  // ---- the public surface ----

  @Override
  public CompletableFuture<RecordAck> submit(AppendRecord record) {
    Pending p = enqueue(record, false);
    if (p.accepted.isDone()) {
      return p.ack;
    }
    try {
      p.accepted.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (withdraw(p)) {
        throw new S2InterruptedException(
            "interrupted while waiting for room to submit a record to "
                + where()
                + "; the record was not submitted",
            e,
            0);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "acceptance never fails", e); // accepted is only ever completed normally
    }
    return p.ack;
  }

  @Override
  public CompletableFuture<CompletableFuture<RecordAck>> submitAsync(AppendRecord record) {
    try {
      return enqueue(record, true).accepted;
    } catch (ProducerFailedException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public void flush() {
    refuseInCallback("flush()");
    await(flushAsync(), "flush");
  }

  @Override
  public CompletableFuture<Void> flushAsync() {
    Pending marker;
    synchronized (lock) {
      if (state == State.FAILED) {
        return CompletableFuture.failedFuture(failed());
      }
      if (state == State.CLOSED) {
        throw new IllegalStateException("the producer of " + where() + " is closed");
      }
      marker = Pending.marker(false);
      queueMarker(marker);
      pump();
    }
    after();
    return marker.marker;
  }

  @Override
  public void close() {
    refuseInCallback("close()");
    await(closeAsync(), "close");
  }

  @Override
  public CompletableFuture<Void> closeAsync() {
    CompletableFuture<Void> result;
    synchronized (lock) {
      if (closed != null) {
        return closed;
      }
      if (state == State.FAILED) {
        closed = CompletableFuture.failedFuture(failed());
        return closed;
      }
      state = State.CLOSING;
      Pending marker = Pending.marker(true);
      closed = marker.marker;
      result = closed;
      queueMarker(marker);
      pump();
    }
    after();
    return result;
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "Producer{"
          + where()
          + ", "
          + state.name().toLowerCase(java.util.Locale.ROOT)
          + ", unackedBytes="
          + unackedBytes
          + ", unackedRecords="
          + unackedRecords
          + ", inflight="
          + inflight
          + '}';
    }
  }

  // ---- submissions ----

  private Pending enqueue(AppendRecord record, boolean async) {
    Checks.notNull(record, "record");
    if (record.meteredBytes() > options.maxBatchBytes()) {
      throw new IllegalArgumentException(
          "a record of "
              + record.meteredBytes()
              + " metered bytes exceeds maxBatchBytes ("
              + options.maxBatchBytes()
              + ")");
    }
    Pending p = Pending.submission(record, async);
    synchronized (lock) {
      if (state == State.FAILED) {
        throw failed();
      }
      if (state != State.OPEN) {
        throw new IllegalStateException(
            "the producer of "
                + where()
                + " is "
                + (state == State.CLOSING ? "closing" : "closed")
                + " and accepts no more records");
      }
      if (waiting.isEmpty() && fits(p)) {
        accept(p);
      } else {
        if (async) {
          if (waitingAsyncBytes + p.bytes > options.maxUnackedBytes()) {
            throw new IllegalStateException(
                "records waiting to be accepted by the producer of "
                    + where()
                    + " would exceed maxUnackedBytes ("
                    + options.maxUnackedBytes()
                    + "): wait for submitAsync's future before submitting more");
          }
          waitingAsyncBytes += p.bytes;
        }
        waiting.add(p);
      }
      pump();
    }
    after();
    return p;
  }

  /**
   * Takes back a blocked submission whose thread was interrupted; false when it was accepted
   * meanwhile.
   */
  private boolean withdraw(Pending p) {
    boolean withdrawn;
    synchronized (lock) {
      withdrawn = waiting.remove(p);
      acceptWaiting(); // what waited behind it may fit now
      pump();
    }
    after();
    return withdrawn;
  }

  /** Whether a record fits under the bounds on unacknowledged bytes and records. */
  private boolean fits(Pending p) {
    return unackedBytes + p.bytes <= options.maxUnackedBytes()
        && unackedRecords < options.maxUnackedRecords();
  }

  /** Puts an accepted record into the open batch, sealing batches as they fill. */
  private void accept(Pending p) {
    AppendRecord record = p.record;
    unackedBytes += p.bytes;
    unackedRecords++;
    if (open != null
        && (open.records.size() >= options.maxBatchRecords()
            || open.bytes + p.bytes > options.maxBatchBytes())) {
      seal();
    }
    if (open == null) {
      Batch b = new Batch(++batchIds);
      open = b;
      if (!options.linger().isZero()) {
        io.add(() -> armLinger(b.id));
      }
    }
    open.records.add(record);
    open.acks.add(p.ack);
    open.bytes += p.bytes;
    if (open.records.size() >= options.maxBatchRecords()
        || open.bytes + ProducerOptions.MIN_RECORD_BYTES > options.maxBatchBytes()
        || options.linger().isZero()) {
      seal();
    }
    acceptances.add(() -> p.accepted.complete(p.ack));
  }

  private void queueMarker(Pending marker) {
    if (waiting.isEmpty()) {
      attach(marker);
    } else {
      waiting.add(marker);
    }
  }

  /**
   * Seals the open batch and attaches a flush or close to the last batch, or completes it when all
   * is settled.
   */
  private void attach(Pending p) {
    seal();
    Marker m = new Marker(p.marker, p.close);
    if (unsettled.isEmpty()) {
      resolve(m);
    } else {
      unsettled.peekLast().markers.add(m);
    }
  }

  /** Accepts waiting submissions while there is room, in order. */
  private void acceptWaiting() {
    while (!waiting.isEmpty() && state != State.FAILED) {
      Pending p = waiting.peekFirst();
      if (p.record == null) {
        waiting.pollFirst();
        attach(p);
      } else if (fits(p)) {
        waiting.pollFirst();
        if (p.async) {
          waitingAsyncBytes -= p.bytes;
        }
        accept(p);
      } else {
        return;
      }
    }
  }

  private void armLinger(long batchId) {
    options
        .timer()
        .sleepAsync(options.linger())
        .whenComplete(
            (v, e) ->
                update(
                    () -> {
                      if (open != null && open.id == batchId && state != State.FAILED) {
                        seal();
                        pump();
                      }
                    }));
  }

  /** Moves the open batch to the end of {@code unsettled}, with its position and fencing token. */
  private void seal() {
    Batch b = open;
    if (b == null) {
      return;
    }
    open = null;
    if (startKnown) {
      b.match = nextMatch;
      nextMatch += b.records.size();
    }
    b.fencingToken = fencingToken;
    if (fencingToken != null) {
      for (AppendRecord r : b.records) {
        if (r.isCommand() && Arrays.equals(r.headers().get(0).valueBytes(), FENCE)) {
          fencingToken = new String(r.bodyBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    unsettled.addLast(b);
  }

  // ---- sending ----

  /** Sends what may be sent now (rule 3), after learning the start when needed. */
  private void pump() {
    if (state == State.FAILED) {
      return;
    }
    if (!startKnown) {
      if (!learningTail && !unsettled.isEmpty()) {
        learningTail = true;
        io.add(this::learnTail);
      }
      return;
    }
    boolean predecessorsSettled = true;
    for (Batch b : unsettled) {
      if (b.status == Status.APPLIED) {
        continue;
      }
      if (b.status == Status.IN_FLIGHT) {
        predecessorsSettled = false;
        continue;
      }
      if (b.backoff
          || (b.failedBefore && !predecessorsSettled)
          || inflight >= transport.maxInflight(options)) {
        return;
      }
      b.status = Status.IN_FLIGHT;
      b.causal = predecessorsSettled;
      inflight++;
      AppendOptions conditions = AppendOptions.none().matchSeqNum(b.match);
      if (b.fencingToken != null) {
        conditions = conditions.fencingToken(b.fencingToken);
      }
      AppendOptions sent = conditions;
      io.add(() -> send(b, sent));
      predecessorsSettled = false;
    }
  }

  private void send(Batch b, AppendOptions conditions) {
    CompletableFuture<AppendAck> answer;
    try {
      answer = transport.append(b.records, conditions);
    } catch (RuntimeException e) { // the client was closed, or a check refused the batch
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete(
        (ack, error) ->
            update(
                () -> {
                  inflight--;
                  b.status = Status.WAITING;
                  if (error == null) {
                    onAck(b, ack);
                  } else {
                    onFailure(b, Futures.unwrap(error));
                  }
                  settle();
                  pump();
                }));
  }

  private void learnTail() {
    stream
        .checkTailAsync()
        .whenComplete(
            (tail, error) ->
                update(
                    () -> {
                      learningTail = false;
                      if (state != State.FAILED) {
                        if (error != null) {
                          fail(Futures.unwrap(error));
                        } else {
                          startKnown = true;
                          nextMatch = tail.seqNum();
                          for (Batch b : unsettled) {
                            b.match = nextMatch;
                            nextMatch += b.records.size();
                          }
                        }
                      }
                      settle();
                      pump();
                    }));
  }

  // ---- outcomes (rules 4 and 5) ----

  private void onAck(Batch b, AppendAck ack) {
    StreamPosition start = ack.start();
    StreamPosition end = ack.end();
    if (start.seqNum() != b.match || end.seqNum() - start.seqNum() != b.records.size()) {
      fail(
          new S2DecodingException(
              "the acknowledgement of an append to "
                  + where()
                  + " covers ["
                  + start.seqNum()
                  + ", "
                  + end.seqNum()
                  + ") but the batch was sent with match_seq_num "
                  + b.match
                  + " and "
                  + b.records.size()
                  + " records",
              null,
              1));
      return;
    }
    applied(b, ack);
  }

  private void onFailure(Batch b, RuntimeException e) {
    if (state == State.FAILED) {
      return; // settles as failed
    }
    long expected = seqNumMismatch(e);
    if (expected >= 0) {
      onSeqNumMismatch(b, expected, e);
      return;
    }
    if (!(e instanceof S2Exception) || !((S2Exception) e).isRetryable()) {
      fail(e);
      return;
    }
    S2Exception s = (S2Exception) e;
    b.failedBefore = true;
    if (!CallExecutor.neverTookEffect(s)) {
      b.ambiguous = true;
    }
    if (passedByTail(b, observedBy)) {
      return;
    }
    if (b.failuresEpoch != progress) {
      b.failures = 0;
      b.failuresEpoch = progress;
    }
    b.failures++;
    if (b.failures >= retryPolicy.maxAttempts()) {
      fail(s);
      return;
    }
    Duration serverDelay =
        s instanceof S2ServiceException ? ((S2ServiceException) s).retryAfter().orElse(null) : null;
    Duration delay = retryPolicy.delay(b.failures - 1, serverDelay, jitter.getAsDouble());
    b.backoff = true;
    io.add(
        () ->
            retrySleeper
                .sleepAsync(delay)
                .whenComplete(
                    (v, x) ->
                        update(
                            () -> {
                              b.backoff = false;
                              pump();
                            })));
  }

  private void onSeqNumMismatch(Batch b, long tail, RuntimeException e) {
    b.failedBefore = true; // this attempt was refused: not appended by it
    if (tail == b.match || (tail < b.match && b.causal)) {
      fail(e); // a tail behind where our settled appends reached, or an answer that contradicts
      // itself
      return;
    }
    if (observe(tail, e)) {
      passedByTail(b, e);
    }
  }

  /**
   * Settles a batch whose attempt just failed when the stream's tail was already seen past it:
   * appended if an attempt of it was ambiguous, else another writer's doing (the producer stops
   * with {@code e}).
   */
  private boolean passedByTail(Batch b, @Nullable RuntimeException e) {
    if (b.status != Status.WAITING || b.end() > observedTail) {
      return false;
    }
    if (b.ambiguous) {
      applied(b, null);
    } else {
      fail(e);
    }
    return true;
  }

  /**
   * The stream's tail was {@code tail} at some moment (rule 5): every batch of ours ending at or
   * before it must have been appended; those not in flight settle as appended. False when that is
   * impossible (another writer): the producer then stopped with {@code e}.
   */
  private boolean observe(long tail, RuntimeException e) {
    Batch first = unsettled.peekFirst();
    if (tail <= observedTail || first == null || tail < first.match) {
      return true; // nothing new, or a stale tail from before what is settled
    }
    boolean boundary = false;
    for (Batch x : unsettled) {
      if (x.match >= tail) {
        boundary = x.match == tail;
        break;
      }
      if (x.end() > tail) {
        break; // the tail falls inside one of our batches
      }
      boolean possible = x.status != Status.WAITING || x.ambiguous;
      if (!possible) {
        fail(e); // a batch no attempt of ours could have appended lies below the tail
        return false;
      }
      boundary = x.end() == tail;
    }
    if (!boundary) {
      fail(e);
      return false;
    }
    observedTail = tail;
    observedBy = e;
    for (Batch x : unsettled) {
      if (x.match >= tail) {
        break;
      }
      if (x.status == Status.WAITING) {
        applied(x, null);
      }
    }
    return true;
  }

  private void applied(Batch b, @Nullable AppendAck ack) {
    b.status = Status.APPLIED;
    b.ack = ack;
    progress++;
  }

  /** Stops the producer (rule 6). */
  private void fail(RuntimeException e) {
    if (state == State.FAILED) {
      return;
    }
    state = State.FAILED;
    failure = e;
    io.add(
        transport
            ::close); // nothing more is sent; what is in flight still settles on its own answer
    seal();
    Batch doomed = null;
    while (!waiting.isEmpty()) {
      Pending p = waiting.pollFirst();
      if (p.record == null) {
        Marker m = new Marker(p.marker, p.close);
        if (doomed != null) {
          doomed.markers.add(m);
        } else if (!unsettled.isEmpty()) {
          unsettled.peekLast().markers.add(m);
        } else {
          resolve(m);
        }
        continue;
      }
      if (doomed == null) {
        doomed = new Batch(++batchIds);
        unsettled.addLast(doomed);
      }
      doomed.records.add(p.record);
      doomed.acks.add(p.ack);
      CompletableFuture<RecordAck> ack = p.ack;
      acceptances.add(() -> p.accepted.complete(ack));
    }
    waitingAsyncBytes = 0;
  }

  /** A task of a lane threw: a bug; the producer stops rather than hang. */
  private void internalFailure(RuntimeException e) {
    update(
        () -> {
          fail(e);
          settle();
        });
  }

  // ---- settling and completing, in order ----

  /**
   * Completes the batches at the head that are settled, releases their bytes and accepts waiting
   * records.
   */
  private void settle() {
    while (!unsettled.isEmpty()) {
      Batch h = unsettled.peekFirst();
      if (h.status == Status.APPLIED) {
        unsettled.pollFirst();
        for (int i = 0; i < h.acks.size(); i++) {
          CompletableFuture<RecordAck> f = h.acks.get(i);
          RecordAck ack = new RecordAck(h.match + i, h.ack);
          callbacks.add(() -> f.complete(ack));
        }
      } else if (state == State.FAILED && h.status != Status.IN_FLIGHT) {
        unsettled.pollFirst();
        recordsFailed = true;
        RuntimeException e = failure;
        for (CompletableFuture<RecordAck> f : h.acks) {
          callbacks.add(() -> f.completeExceptionally(e));
        }
      } else {
        break;
      }
      unackedBytes -= h.bytes;
      unackedRecords -= h.records.size();
      for (Marker m : h.markers) {
        resolve(m);
      }
    }
    acceptWaiting();
  }

  /**
   * Completes a flush or close whose records are all settled (after their futures, in the callbacks
   * lane).
   */
  private void resolve(Marker m) {
    if (recordsFailed) {
      ProducerFailedException e = failed();
      callbacks.add(() -> m.done.completeExceptionally(e));
      return;
    }
    if (m.close && state != State.FAILED) {
      state = State.CLOSED;
      io.add(transport::close); // every batch is settled: the append session (if any) ends
    }
    callbacks.add(() -> m.done.complete(null));
  }

  /** Applies a change to the state under the lock, then runs what it decided. */
  private void update(Runnable change) {
    synchronized (lock) {
      change.run();
    }
    after();
  }

  /**
   * Runs what was decided under the lock: acceptances, then the lanes. Called after releasing the
   * lock.
   */
  private void after() {
    Runnable r;
    while ((r = acceptances.poll()) != null) {
      r.run();
    }
    io.drain();
    callbacks.drain();
  }

  // ---- helpers ----

  private ProducerFailedException failed() {
    RuntimeException e = failure;
    return new ProducerFailedException(
        "the producer of " + where() + " stopped after a failure and accepts no more records: " + e,
        e);
  }

  private void refuseInCallback(String call) {
    if (callbacks.drainingHere()) {
      throw new IllegalStateException(
          call
              + " called from a callback of this producer's futures would wait for"
              + " that callback itself: use the Async form");
    }
  }

  private static void await(CompletableFuture<Void> future, String what) {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new S2InterruptedException(
          "interrupted while waiting for the producer's " + what, e, 0);
    } catch (ExecutionException e) {
      throw Futures.unwrap(e);
    }
  }

  private String where() {
    return "stream `" + stream.name() + "` of basin `" + stream.basin() + "`";
  }

  /** The stream's tail from a 412 {@code seq_num_mismatch} answer, or -1 for any other failure. */
  private static long seqNumMismatch(RuntimeException e) {
    return e instanceof AppendConditionFailedException
        ? ((AppendConditionFailedException) e).expectedSeqNum().orElse(-1)
        : -1;
  }
}
