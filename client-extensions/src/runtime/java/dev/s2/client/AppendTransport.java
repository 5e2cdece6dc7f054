package dev.s2.client;

import dev.s2.api.ServerVariables;
import dev.s2.model.AppendAck;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link BatchingProducer} sends one attempt of a batch: a unary append, or an input of an S2S append
 * session ({@link S2sAppendSession}), as the client's {@link SessionTransport} decides
 * ({@link TransportSelector}: under {@code AUTO}, S2S when the basin endpoint speaks HTTP/2). Each call is one
 * attempt whose outcome the producer learns from the future (the producer retries, knowing every outcome), and
 * calls are sent in the order they are made.
 *
 * <ul>
 *   <li><b>Deciding.</b> The first call starts the decision; calls made meanwhile wait, in order, and go out once
 *       it is known.
 *   <li><b>Sessions.</b> One session at a time. A session that ended (failed, or was cut) is replaced by a new one
 *       at the next call, which is how the producer's re-sends reach a new session, in order: the producer sends a
 *       batch that failed only after the batches before it settled. A session advised to reconnect takes no new
 *       inputs: calls wait until its inputs in flight are acknowledged (or it ended), then go to a new session,
 *       so nothing is reordered.
 *   <li><b>Closing.</b> {@link #close()} ends the session's request body after what was queued (its inputs are
 *       still acknowledged) and fails calls still waiting with {@link S2ConnectionException} (never sent).
 * </ul>
 *
 * <p>Thread-safe; calls out (futures, the HTTP client) happen outside its lock.
 */
final class AppendTransport {
  /** One attempt per call: the producer retries itself, knowing the outcome of every attempt. */
  static final RequestOptions ONE_ATTEMPT = RequestOptions.builder().retryPolicy(RetryPolicy.none()).build();

  private final S2Stream stream;
  private final ClientRuntime.Streaming st;
  private final ServerVariables server;

  private final Object lock = new Object();
  // Guarded by lock.
  private @Nullable Boolean s2s;
  private boolean deciding;
  private boolean closed;
  private boolean draining;
  private @Nullable OkHttpClient http;
  private @Nullable S2sAppendSession current;
  private int sessions;
  /** Calls waiting for the decision, or for an advised session to go idle, in order. */
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

  private static final class Waiting {
    final List<AppendRecord> records;
    final AppendOptions conditions;
    final CompletableFuture<AppendAck> ack = new CompletableFuture<>();

    Waiting(List<AppendRecord> records, AppendOptions conditions) {
      this.records = records;
      this.conditions = conditions;
    }
  }

  AppendTransport(S2Stream stream, ClientRuntime.Streaming st, ServerVariables server) {
    this.stream = stream;
    this.st = st;
    this.server = server;
  }

  /** Sends one attempt of a batch; the future fails with the attempt's {@link S2Exception}. */
  CompletableFuture<AppendAck> append(List<AppendRecord> records, AppendOptions conditions) {
    Waiting w = new Waiting(records, conditions);
    boolean decide;
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(closedFailure());
      }
      waiting.addLast(w);
      decide = s2s == null && !deciding;
      deciding |= decide;
    }
    if (decide) {
      st.selector.useS2sAsync(server, stream.basin(), stream.name())
          .whenComplete((useS2s, e) -> decided(Boolean.TRUE.equals(useS2s)));
    }
    drain();
    return w.ack;
  }

  /** Whether batches go over S2S; null before the decision. */
  @Nullable Boolean s2s() {
    synchronized (lock) {
      return s2s;
    }
  }

  /** How many S2S sessions were opened; for tests. */
  int sessions() {
    synchronized (lock) {
      return sessions;
    }
  }

  /**
   * The most appends the producer keeps in flight: its option over unary appends (which can overtake each other on
   * the network); over S2S, where one stream keeps them in order, as many as the option allows when set, else
   * {@link ProducerOptions#MAX_INFLIGHT_BATCHES} (the bound on unacknowledged bytes still applies).
   */
  int maxInflight(ProducerOptions options) {
    synchronized (lock) {
      return Boolean.TRUE.equals(s2s) && !options.maxInflightBatchesSet()
          ? ProducerOptions.MAX_INFLIGHT_BATCHES
          : options.maxInflightBatches();
    }
  }

  /** Ends the session after what was queued; later calls fail. Idempotent. */
  void close() {
    List<Waiting> dropped;
    S2sAppendSession s;
    synchronized (lock) {
      closed = true;
      dropped = List.copyOf(waiting);
      waiting.clear();
      s = current;
    }
    if (s != null) {
      s.finish();
    }
    for (Waiting w : dropped) {
      w.ack.completeExceptionally(closedFailure());
    }
  }

  private void decided(boolean useS2s) {
    synchronized (lock) {
      s2s = useS2s;
      deciding = false;
    }
    drain();
  }

  /**
   * Sends the waiting calls, in order, one thread at a time (a call arriving while another thread drains is sent
   * by that thread: the decision to stop and {@code draining = false} are taken under the lock the call is queued
   * under). Stops while the decision is pending or an advised session still has inputs in flight; those resume
   * the draining when they are done.
   */
  private void drain() {
    synchronized (lock) {
      if (draining) {
        return;
      }
      draining = true;
    }
    while (true) {
      Waiting w;
      S2sAppendSession blockedBy = null;
      synchronized (lock) {
        w = waiting.peekFirst();
        if (w != null && Boolean.TRUE.equals(s2s) && current != null && !current.accepting()
            && !current.idle().isDone()) {
          blockedBy = current;
        }
        if (w == null || s2s == null || blockedBy != null) {
          draining = false;
          if (blockedBy == null) {
            return;
          }
        } else {
          waiting.pollFirst();
        }
      }
      if (blockedBy != null) {
        blockedBy.idle().whenComplete((v, e) -> drain());
        return;
      }
      if (!send(w)) {
        synchronized (lock) {
          waiting.addFirst(w); // an advised session refused it: it goes first once that session is idle
        }
      }
    }
  }

  /** Sends one call now over the decided transport; false when an advised session refused it (not sent). */
  private boolean send(Waiting w) {
    CompletableFuture<AppendAck> answer;
    try {
      answer = Boolean.TRUE.equals(s2s()) ? sendS2s(w) : stream.appendAsync(w.records, w.conditions, ONE_ATTEMPT);
    } catch (RuntimeException e) { // the client was closed, or a check refused the batch
      answer = CompletableFuture.failedFuture(e);
    }
    if (answer == null) {
      return false;
    }
    answer.whenComplete((ack, error) -> {
      if (error == null) {
        w.ack.complete(ack);
      } else {
        w.ack.completeExceptionally(Futures.unwrap(error));
      }
    });
    return true;
  }

  /**
   * Writes the call into the current session, opening one when there is none or it ended (or was advised to
   * reconnect and is idle); null when an advised session still has inputs in flight.
   */
  private @Nullable CompletableFuture<AppendAck> sendS2s(Waiting w) {
    S2sAppendSession s;
    boolean opened = false;
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(closedFailure());
      }
      s = current;
      if (s == null || (!s.accepting() && s.idle().isDone())) {
        if (s != null) {
          s.finish();
        }
        s = new S2sAppendSession(st, http(), server, stream.basin(), stream.name());
        current = s;
        sessions++;
        opened = true;
      }
    }
    if (!opened) {
      return s.trySend(w.records, w.conditions);
    }
    try {
      return s.trySend(w.records, w.conditions); // a session not yet started takes its first input
    } finally {
      s.start();
    }
  }

  private OkHttpClient http() {
    if (http == null) {
      http = st.http2(java.time.Duration.ZERO);
    }
    return http;
  }

  private S2ConnectionException closedFailure() {
    return new S2ConnectionException("the producer of stream `" + stream.name() + "` of basin `" + stream.basin()
        + "` is done: the append was not sent", new java.net.ConnectException("not sent"), 0);
  }
}
