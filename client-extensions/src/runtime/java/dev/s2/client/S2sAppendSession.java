package dev.s2.client;

import dev.s2.api.ServerVariables;
import dev.s2.model.AppendAck;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * One S2S append session: a single HTTP/2 exchange ({@code POST …/records}, {@code Content-Type: s2s/proto})
 * whose request body streams {@code AppendInput} frames while its response streams one {@code AppendAck} frame per
 * input, in order ({@link S2sFrames}). It never retries: each input gets the future of its acknowledgement, and a
 * failure fails every input not yet acknowledged; re-sending is its user's ({@link AppendTransport}, under the
 * producer's rules).
 *
 * <ul>
 *   <li><b>Threads.</b> A reader thread makes the call (OkHttp hands the request body's sink to
 *       {@link #body}'s {@code writeTo} before it waits for the answer) and then reads acknowledgements; a writer
 *       thread writes queued frames to the sink, so that a caller never blocks on HTTP/2 flow control. Futures are
 *       completed outside the session's lock.
 *   <li><b>Order and checks.</b> Inputs are written in the order of {@link #trySend}. Acknowledgement {@code k}
 *       belongs to input {@code k}: it must cover as many records as the input holds, start at the input's
 *       {@code match_seq_num} when it has one, and not start before the previous acknowledgement ended (so seq
 *       nums are contiguous for inputs chained by {@code match_seq_num}). Anything else fails the session with
 *       {@link S2DecodingException}.
 *   <li><b>Acknowledgement timeout.</b> Each input's acknowledgement must come within the timeout from when it
 *       was queued (the client's request timeout, as in S2's SDKs), timed by the client's ack timer; otherwise the
 *       session fails with {@link S2TimeoutException} and is cancelled.
 *   <li><b>How a failure reaches each input</b> (what its user may conclude):
 *       <ul>
 *         <li>the connection refused: {@link S2ConnectionException} caused by {@link ConnectException}: nothing
 *             was sent;
 *         <li>an error answer instead of the session (S2 answers so before reading any input): that typed
 *             exception, for every input;
 *         <li>a terminal frame: its typed exception for the oldest input not acknowledged (the one S2 was
 *             appending; a retryable one is marked {@linkplain S2Exception#isOutcomeUnknown() outcome unknown},
 *             since S2 had read the input); the inputs behind it get {@link S2ConnectionException} (S2 stops at the
 *             failure, but a server pipelining appends may have taken some: their outcome is unknown);
 *         <li>a cut connection, a reset stream, a response that ends with inputs unacknowledged, the
 *             acknowledgement timeout: {@link S2ConnectionException} / {@link S2TimeoutException} for every input:
 *             each may or may not have been appended;
 *         <li>a malformed frame or a wrong acknowledgement: {@link S2DecodingException} for every input.
 *       </ul>
 *   <li><b>Reconnect advised.</b> A frame with the flag set (a server about to go away) makes the session refuse
 *       new inputs ({@link #trySend} returns null) while the ones in flight are acknowledged; {@link #idle()}
 *       completes once none is left, so its user moves to a new session without reordering anything.
 * </ul>
 */
final class S2sAppendSession {
  static final MediaType S2S = S2sReadWire.S2S;

  private final OkHttpClient http;
  private final Request request;
  private final String description;
  private final String threadName;
  private final Compression compression;
  private final Duration ackTimeout;
  private final Sleeper ackTimer;
  private final SessionErrors errors;
  private final Redactor redactor;
  private final CompletableFuture<BufferedSink> sink = new CompletableFuture<>();
  private final CompletableFuture<Void> idle = new CompletableFuture<>();
  private final Object lock = new Object();

  // Guarded by lock.
  private final ArrayDeque<Input> inflight = new ArrayDeque<>();
  private final ArrayDeque<byte[]> outbox = new ArrayDeque<>();
  private boolean finishing;
  private boolean ended;
  private boolean advised;
  private long lastAckEnd = -1;
  private long sent;
  private long acked;
  private @Nullable Call call;

  /** An input sent and not yet acknowledged. */
  private static final class Input {
    final int records;
    final long match;
    final CompletableFuture<AppendAck> ack = new CompletableFuture<>();

    Input(int records, long match) {
      this.records = records;
      this.match = match;
    }
  }

  S2sAppendSession(ClientRuntime.Streaming st, OkHttpClient http, ServerVariables server, String basin,
      String stream) {
    HttpUrl url = st.basinBase.newBuilder().addPathSegment("streams").addPathSegment(stream)
        .addPathSegment("records").build();
    this.http = http;
    this.description = "POST " + url.encodedPath() + " (S2S append session)";
    this.threadName = "s2s-append " + basin + "/" + stream;
    this.compression = st.compression;
    this.ackTimeout = st.requestTimeout;
    this.ackTimer = st.ackTimer;
    this.errors = new SessionErrors(st.errors);
    this.redactor = st.redactor;
    this.request = new Request.Builder()
        .url(url)
        .post(body())
        .header("Accept-Encoding", compression.acceptEncoding())
        .tag(ServerVariables.class, server)
        // the acknowledgements are a stream without end, bounded per frame (2 MiB), not in all
        .tag(CallExecutor.AttemptTag.class, new CallExecutor.AttemptTag(Long.MAX_VALUE))
        .build();
  }

  /** Starts the exchange: the reader thread makes the call, the writer thread waits for the request body. */
  S2sAppendSession start() {
    Thread reader = new Thread(this::readLoop, threadName + " reader");
    reader.setDaemon(true);
    Thread writer = new Thread(this::writeLoop, threadName + " writer");
    writer.setDaemon(true);
    reader.start();
    writer.start();
    return this;
  }

  /**
   * Queues one input, which is written after those queued before it.
   *
   * @return the future of its acknowledgement, or null when the session no longer takes inputs (it ended, is
   *     finishing, or was advised to reconnect): nothing was sent
   * @throws IllegalArgumentException when the input does not fit in a frame
   */
  @Nullable CompletableFuture<AppendAck> trySend(List<AppendRecord> records, AppendOptions conditions) {
    byte[] frame = S2sFrames.regular(S2sMessages.appendInput(records, conditions), compression);
    Input input = new Input(records.size(), conditions.matchSeqNum().orElse(-1));
    synchronized (lock) {
      if (ended || finishing || advised) {
        return null;
      }
      inflight.addLast(input);
      outbox.addLast(frame);
      sent++;
      lock.notifyAll();
    }
    ackTimer.sleepAsync(ackTimeout).whenComplete((v, e) -> ackDeadline(input));
    return input.ack;
  }

  /**
   * Completes once the session holds no input in flight after it was advised to reconnect, or when it ended; its
   * user then moves on to a new session.
   */
  CompletableFuture<Void> idle() {
    return idle;
  }

  /** Whether the session still takes inputs. */
  boolean accepting() {
    synchronized (lock) {
      return !ended && !finishing && !advised;
    }
  }

  /**
   * Ends the request body once the queued inputs are written; S2 then acknowledges them and ends the response.
   * Idempotent.
   */
  void finish() {
    synchronized (lock) {
      finishing = true;
      lock.notifyAll();
    }
  }

  /** Inputs sent and acknowledged so far; for tests and messages. */
  long acknowledged() {
    synchronized (lock) {
      return acked;
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "S2sAppendSession{" + description + ", sent=" + sent + ", acked=" + acked + ", inflight="
          + inflight.size() + (ended ? ", ended" : finishing ? ", finishing" : advised ? ", advised" : "") + '}';
    }
  }

  // ---- the exchange ----

  /** The request body: duplex, so OkHttp hands its sink over and reads the answer while frames are written. */
  private RequestBody body() {
    return new RequestBody() {
      @Override
      public @Nullable MediaType contentType() {
        return S2S;
      }

      @Override
      public boolean isDuplex() {
        return true;
      }

      @Override
      public boolean isOneShot() {
        return true;
      }

      @Override
      public void writeTo(BufferedSink s) {
        sink.complete(s);
      }
    };
  }

  private void readLoop() {
    Call c = http.newCall(request);
    synchronized (lock) {
      if (ended) {
        return;
      }
      call = c;
    }
    Response response;
    try {
      response = c.execute();
    } catch (IOException e) {
      failAll(connection(e, "the session could not be opened"));
      sink.completeExceptionally(e);
      return;
    }
    sink.completeExceptionally(new IOException("the request body was not opened")); // no-op once writeTo ran
    try (response) {
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        byte[] error = SessionErrors.readErrorBody(body);
        failAll(errors.response(description, response, error, 1));
        return;
      }
      if (!S2sReadWire.isS2s(body.contentType())) {
        failAll(decoding("expected an s2s/proto response, got " + body.contentType()));
        return;
      }
      S2sFrames.Reader frames = new S2sFrames.Reader(body.source(), S2sFrames.MAX_FRAME_BYTES);
      while (true) {
        S2sFrames.Frame frame = frames.next();
        if (frame == null) {
          ended("the session's response ended");
          return;
        }
        if (frame.terminal) {
          terminal(frame);
          return;
        }
        if (!acknowledge(S2sMessages.ack(frame.message), frame.reconnectAdvised)) {
          return;
        }
      }
    } catch (IOException e) {
      failAll(connection(e, "the session was cut"));
    } catch (S2sFrames.Malformed e) {
      failAll(decoding(e.getMessage()));
    } catch (RuntimeException e) { // a bug or a library failure: fail the inputs rather than leave them waiting
      failAll(decoding("reading the session failed: " + e));
    }
  }

  private void writeLoop() {
    BufferedSink out;
    try {
      out = sink.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (java.util.concurrent.ExecutionException e) {
      return; // the call failed before its body was opened: the reader reported it
    }
    try {
      while (true) {
        byte[] frame;
        synchronized (lock) {
          while (outbox.isEmpty() && !finishing && !ended) {
            lock.wait();
          }
          if (ended) {
            return;
          }
          frame = outbox.pollFirst();
          if (frame == null) { // finishing, and everything is written
            break;
          }
        }
        out.write(frame);
        out.flush();
      }
    } catch (IOException e) {
      failAll(connection(e, "writing to the session failed"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // The end of the inputs (S2 then acknowledges what it read and ends the response); after a failure, the
      // release of the request body, without which OkHttp keeps the exchange (and its connection) open.
      try {
        out.close();
      } catch (IOException e) {
        // the stream was reset or cancelled: nothing more to release
      }
    }
  }

  // ---- acknowledgements and failures ----

  /** Checks an acknowledgement against the oldest input in flight and completes it; false when the session failed. */
  private boolean acknowledge(AppendAck ack, boolean reconnectAdvised) {
    Input input;
    String problem = null;
    boolean nowIdle = false;
    synchronized (lock) {
      if (ended) {
        return false;
      }
      input = inflight.peekFirst();
      long start = ack.start().seqNum();
      long end = ack.end().seqNum();
      if (input == null) {
        problem = "an acknowledgement [" + start + ", " + end + ") with no input in flight";
      } else if (end - start != input.records) {
        problem = "an acknowledgement [" + start + ", " + end + ") covers " + (end - start) + " records but its "
            + "input holds " + input.records;
      } else if (input.match >= 0 && start != input.match) {
        problem = "an acknowledgement [" + start + ", " + end + ") for an input with match_seq_num " + input.match;
      } else if (start < lastAckEnd) {
        problem = "an acknowledgement [" + start + ", " + end + ") starting before the previous one ended ("
            + lastAckEnd + ")";
      } else {
        inflight.pollFirst();
        lastAckEnd = end;
        acked++;
        advised |= reconnectAdvised;
        nowIdle = advised && inflight.isEmpty();
      }
    }
    if (problem != null) {
      failAll(decoding(problem));
      return false;
    }
    input.ack.complete(ack);
    if (nowIdle) {
      idle.complete(null);
    }
    return true;
  }

  /** A terminal frame: its error for the input S2 was appending, an unknown outcome for those behind it. */
  private void terminal(S2sFrames.Frame frame) {
    S2Exception head = errors.terminalFrame(request, frame.status, frame.message, 1).masked(redactor);
    if (head.isRetryable()) {
      head.outcomeUnknown(); // S2 had read the input: a transient error then says nothing of whether it was appended
    }
    S2Exception behind = new S2ConnectionException(description + ": the session ended with " + frame.status
        + " for an earlier input before this one was acknowledged", null, 1).masked(redactor);
    fail(head, behind, "the session ended with a terminal frame");
  }

  /** The response ended: cleanly when nothing is in flight, else a cut. */
  private void ended(String why) {
    fail(null, null, why);
  }

  private void ackDeadline(Input input) {
    synchronized (lock) {
      if (ended || input.ack.isDone() || !inflight.contains(input)) {
        return;
      }
    }
    failAll(new S2TimeoutException(description + ": no acknowledgement within " + ackTimeout.toMillis()
        + " ms (the request timeout)", null, 1).masked(redactor));
  }

  private void failAll(S2Exception e) {
    fail(e, e, e.getMessage());
  }

  /**
   * Ends the session: the oldest input in flight fails with {@code head}, the others with {@code behind}; with
   * both null (a clean end), inputs still in flight fail as cut.
   */
  private void fail(@Nullable S2Exception head, @Nullable S2Exception behind, @Nullable String why) {
    List<Input> failed;
    Call c;
    synchronized (lock) {
      if (ended) {
        return;
      }
      ended = true;
      failed = new ArrayList<>(inflight);
      inflight.clear();
      outbox.clear();
      c = call;
      lock.notifyAll();
    }
    if (c != null) {
      c.cancel(); // releases the stream; after a clean end both sides are already closed and this does nothing
    }
    if (head == null && !failed.isEmpty()) {
      head = new S2ConnectionException(description + ": " + why + " with " + failed.size()
          + " inputs not acknowledged", null, 1).masked(redactor);
      behind = head;
    }
    for (int i = 0; i < failed.size(); i++) {
      failed.get(i).ack.completeExceptionally(i == 0 ? head : behind);
    }
    idle.complete(null);
  }

  private S2Exception connection(IOException e, String what) {
    return new S2ConnectionException(description + ": " + what + ": " + e.getClass().getSimpleName() + ": "
        + e.getMessage(), e, 1).masked(redactor);
  }

  private S2Exception decoding(@Nullable String problem) {
    return new S2DecodingException(description + ": " + problem, null, 1).masked(redactor);
  }
}
