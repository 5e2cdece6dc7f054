package dev.s2.client;

import dev.s2.model.StreamPosition;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * A continuous read of one stream, from {@link S2Stream#readSession(ReadOptions)}: every record from the start on,
 * in order, exactly once, until a bound of the {@link ReadOptions} is reached, the session's {@code wait} runs out,
 * it is closed, or it fails for good. Without a bound it follows the stream, delivering records as they are
 * appended. It reads over an S2S session (HTTP/2) when the basin endpoint speaks HTTP/2, else over server-sent
 * events (HTTP/1.1); {@link S2Client.Builder#sessionTransport(SessionTransport)} forces either. Everything below
 * holds on both.
 *
 * <pre>{@code
 * try (ReadSession session = stream.readSession(ReadOptions.fromSeqNum(0))) {
 *   for (SequencedRecord record : session) {          // blocks for the next record
 *     handle(record);
 *   }
 * }
 * }</pre>
 *
 * <h2>Consuming</h2>
 * One way per session, chosen by the first call: {@link #iterator()} (so {@code for} loops), {@link #stream()},
 * {@link #batches()} or {@link #publisher()} / {@link #batchPublisher()}; a second one throws
 * {@link IllegalStateException}. Iterators are for one thread; every other method of the session is thread-safe.
 * No request is sent until you ask for the first record.
 *
 * <h2>Memory and threads</h2>
 * Reading is pulled by you: the session reads the connection only when you ask for a record it does not hold, so
 * it holds one batch of S2 at a time (up to 1000 records, 1 MiB metered), and an event larger than
 * {@link ReadSessionOptions#bufferBytes()} is refused rather than buffered: the session holds at most that, plus
 * what one read from the socket brings (8 KiB). A consumer that stops taking records stops the reading; the stream
 * waits in the network (TCP flow control), not in your heap. The iterators and streams read on your thread; a
 * publisher reads on {@link ReadSessionOptions#executor()} (by default a daemon thread of the session's own) and
 * only while its subscriber has demand. SSE sessions always use HTTP/1.1, so that this holds. An S2S session reads
 * the same way, frame by frame (a frame larger than {@link ReadSessionOptions#bufferBytes()} or S2's 2 MiB is
 * refused), but over HTTP/2 the HTTP client itself receives up to its flow-control window ahead of the session
 * (OkHttp's: 16 MiB per connection) before the server must wait: force SSE where that matters. To stop a consumer
 * blocked waiting for records,
 * {@link #close()} the session from another thread (interrupting a thread does not unblock a socket read).
 *
 * <h2>Resuming</h2>
 * After a retryable failure (a connection refused, reset or cut mid-event; a response 408, 429 or 5xx, with its
 * {@code retry-after-ms} honoured; a retryable {@code error} event or S2S terminal frame; nothing received for
 * {@link ReadSessionOptions#idleTimeout()}: S2 sends a heartbeat, an SSE {@code ping} or an empty S2S batch, at
 * least every 15 s while there is nothing new) the session reconnects by itself from the sequence number after the
 * last record it read, with {@code count} and {@code bytes} reduced by what it read and {@code wait} reduced by
 * the time since it last saw a record at the tail; records it already delivered are dropped if sent again. It
 * waits between attempts as the retry policy says; the policy's attempt budget counts consecutive failed
 * attempts, and starts again once the session makes progress (receives a record, or a ping of a healthy
 * connection). When the budget is spent, or the failure is not retryable (a response 4xx, an {@code error} event
 * or S2S terminal frame such as {@code stream_not_found}, a malformed event or frame), the session ends with that
 * typed {@link S2Exception}:
 * thrown by the iterator, {@code onError} for a subscriber.
 *
 * <h2>Caught up</h2>
 * The session is caught up when you have taken every record before the latest tail it knows of: S2 reports the
 * tail with every heartbeat and with the batches it sends live. It falls behind when it hands you records that do
 * not reach a reported tail, and when it reconnects. The stream's tail may have moved since; use
 * {@link S2Stream#checkTail()} for the current one.
 */
public interface ReadSession extends Iterable<SequencedRecord>, AutoCloseable {

  /**
   * The records, blocking for each. {@code hasNext()} returns false once the session ended cleanly or was closed,
   * and throws the session's {@link S2Exception} when it failed.
   *
   * @return the session's iterator of records; for one thread
   * @throws IllegalStateException if the session is already consumed another way
   */
  @Override
  Iterator<SequencedRecord> iterator();

  /**
   * The records as a sequential stream; closing the stream closes the session.
   *
   * <pre>{@code
   * try (Stream<SequencedRecord> records = stream.readSession(ReadOptions.fromSeqNum(0).withCount(100)).stream()) {
   *   List<String> bodies = records.map(SequencedRecord::bodyAsString).collect(Collectors.toList());
   * }
   * }</pre>
   *
   * @return an ordered stream of the records
   * @throws IllegalStateException if the session is already consumed another way
   */
  Stream<SequencedRecord> stream();

  /**
   * The records as S2 sent them, a batch at a time (empty batches are skipped). Its iterator blocks and fails as
   * {@link #iterator()} does.
   *
   * @return an iterable whose single iterator yields the batches
   * @throws IllegalStateException (from {@code iterator()}) if the session is already consumed another way
   */
  Iterable<ReadBatch> batches();

  /**
   * The records as a {@link Flow.Publisher} for one subscriber, with backpressure: the session reads only while
   * the subscriber has demand, and signals at most as many records as requested. {@code cancel()} closes the
   * session at once. Reading and signals happen on {@link ReadSessionOptions#executor()}, one at a time.
   * {@code onError} carries the session's {@link S2Exception} (or the executor's
   * {@link java.util.concurrent.RejectedExecutionException}); {@link #close()} ends it with {@code onComplete}; a
   * later subscriber gets {@code onError} with {@link IllegalStateException}.
   *
   * @return the publisher
   */
  Flow.Publisher<SequencedRecord> publisher();

  /**
   * The batches as a {@link Flow.Publisher}, as {@link #publisher()} does with records.
   *
   * @return the publisher
   */
  Flow.Publisher<ReadBatch> batchPublisher();

  /**
   * The latest tail the session learned from S2 (pings and live batches).
   *
   * @return the tail, or empty before S2 reported one
   */
  Optional<StreamPosition> lastObservedTail();

  /**
   * Whether you have taken every record before the latest tail the session knows of (see the class
   * documentation).
   *
   * @return true when caught up
   */
  boolean isCaughtUp();

  /**
   * A future of the tail the session is, or will next be, caught up to. Completed at once when caught up;
   * otherwise it completes while you keep consuming (it does not read by itself), across reconnections. It fails
   * with the session's {@link S2Exception}, or {@link IllegalStateException} when the session ends or is closed
   * first. Once completed its tail never changes; ask again after the session fell behind.
   *
   * @return a future of the tail; cancelling it affects nothing else
   */
  CompletableFuture<StreamPosition> caughtUp();

  /**
   * The sequence number the session reads from next: after the last record it received, or the tail it reached.
   * Persist it to resume later with {@link ReadOptions#fromSeqNum(long)}.
   *
   * @return the next sequence number, or empty while it is not known yet (a start by timestamp or tail offset
   *     before the first record or tail)
   */
  OptionalLong nextSeqNum();

  /**
   * How many records the session delivered to you (command records left out by
   * {@link ReadSessionOptions#ignoreCommandRecords()} not counted).
   *
   * @return the count
   */
  long recordsDelivered();

  /**
   * How many times the session connected again after a failure.
   *
   * @return the count of reconnections
   */
  int reconnects();

  /**
   * The bytes the session holds right now: received from the connection and not yet decoded, and decoded records
   * not yet taken (metered size). At most {@link ReadSessionOptions#bufferBytes()} plus one socket read (8 KiB).
   *
   * @return the bytes buffered
   */
  long bufferedBytes();

  /**
   * Whether the session is still going: not closed, not ended by a bound, {@code [DONE]} or a failure.
   *
   * @return true while open
   */
  boolean isOpen();

  /**
   * Ends the session and releases its connection at once (the request is cancelled). An iterator or publisher
   * then ends without error, even one blocked on another thread. Idempotent.
   */
  @Override
  void close();
}
