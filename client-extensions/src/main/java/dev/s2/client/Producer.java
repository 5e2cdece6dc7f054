package dev.s2.client;

import java.util.concurrent.CompletableFuture;

/**
 * Appends records one at a time, batched and pipelined, to one stream; obtained from
 * {@link S2Stream#producer(ProducerOptions)}. Each record gets a future of its sequence number.
 *
 * <pre>{@code
 * try (Producer producer = client.basin("my-basin").stream("events").producer()) {
 *   for (String event : events) {
 *     producer.submit(AppendRecord.of(event))                 // blocks only while 5 MiB are unacknowledged
 *         .thenAccept(ack -> log.debug("event at {}", ack.seqNum()));
 *   }
 * }                                                           // close(): sends what is left, waits for every ack
 * }</pre>
 *
 * <h2>Batching and pipelining</h2>
 * Records are gathered into batches of up to {@link ProducerOptions#maxBatchRecords()} records and
 * {@link ProducerOptions#maxBatchBytes()} metered bytes; a batch is sent when full, after the
 * {@link ProducerOptions#linger() linger} (5 ms) since its first record, or on {@link #flush()} and
 * {@link #close()}. Batches go as the inputs of one S2S append session (HTTP/2) when the basin endpoint speaks
 * HTTP/2, else as unary appends; {@link S2Client.Builder#sessionTransport(SessionTransport)} forces either, and
 * everything below holds on both. Up to {@link ProducerOptions#maxInflightBatches()} appends are in flight at once
 * (over S2S, unless that option is set, up to 100). Records submitted and not yet acknowledged are bounded by {@link ProducerOptions#maxUnackedBytes()} (5 MiB): beyond
 * it, {@link #submit} blocks and {@link #submitAsync}'s future waits.
 *
 * <h2>Order, and never twice</h2>
 * The records reach the stream in the order {@code submit} was called (per thread, and in the order the calls
 * took effect across threads), and each at most once, whatever fails: every append carries
 * {@code match_seq_num}, the sequence number where the previous batch ends (the first one: the stream's tail,
 * checked just before the first append, or {@link ProducerOptions#matchSeqNum()}). The service appends a batch
 * only at that position, so a batch sent again after a failure can never be appended twice, and an append that
 * overtook an earlier one on the network is refused and sent again after it. A producer therefore expects to be
 * the stream's only writer while it runs; another writer's append makes it fail (nothing is duplicated). A
 * {@link ProducerOptions#fencingToken() fencing token} makes that exclusion explicit.
 *
 * <h2>Retries, and an answer that was lost</h2>
 * A failed append is retried under the client's {@link RetryPolicy} (or
 * {@link ProducerOptions#retryPolicy()}): the attempts of a batch count afresh after every acknowledgement, and
 * a {@code retry-after-ms} the service sends is honoured. When an append's answer is lost (the connection broke
 * or timed out after the service may have appended it), its retry is answered 412 with the stream's tail: a
 * tail that is exactly where this batch (or a later batch of this producer also in flight) ends proves the
 * first attempt succeeded, and its records complete with their sequence numbers ({@link RecordAck#batch()} is
 * then empty: the lost answer's timestamps are unknown). Any other tail means another writer appended: the
 * producer fails. Over S2S the same holds for each batch in flight when a session fails (cut, reset, a retryable
 * terminal frame, or an acknowledgement not received within the client's request timeout): the batches are sent
 * again in order on a new session, each only after the batches before it are settled.
 *
 * <h2>Failure</h2>
 * A failure that retries cannot fix (a status such as 403 or 404, a fencing token or sequence number the stream
 * refuses, retries used up) stops the producer: no batch is sent after it, every record not appended fails
 * with that typed exception (an append already in flight still completes its records truthfully), and later
 * calls of {@code submit}, {@code flush} and {@code close} throw {@link ProducerFailedException} naming it.
 *
 * <h2>Threads</h2>
 * Thread-safe: any number of threads may submit. Futures complete in submission order, on the client's I/O
 * threads: keep their callbacks short, and do not call {@link #flush()} or {@link #close()} from one (that
 * would wait for the callback itself; it throws {@link IllegalStateException}: use the {@code Async} forms). A
 * blocking {@link #submit} from a callback is allowed.
 */
public interface Producer extends AutoCloseable {

  /**
   * Submits a record, blocking while the records submitted and not yet acknowledged would exceed
   * {@link ProducerOptions#maxUnackedBytes()}.
   *
   * @param record the record; not null, at most {@link ProducerOptions#maxBatchBytes()} metered bytes
   * @return a future of the record's sequence number (and its batch's acknowledgement), failed with the
   *     {@link S2Exception} that stopped the producer if the record was not appended
   * @throws IllegalArgumentException if the record is null or larger than a batch may be
   * @throws IllegalStateException if the producer is closed or closing
   * @throws ProducerFailedException if the producer stopped after a failure
   * @throws S2InterruptedException if the thread was interrupted while waiting (the record was not submitted)
   */
  CompletableFuture<RecordAck> submit(AppendRecord record);

  /**
   * Submits a record without blocking. The returned future completes when the record is accepted (at once when
   * there is room under {@link ProducerOptions#maxUnackedBytes()}, else when acknowledgements make room), with
   * the future of its sequence number. Records are accepted in the order of the calls. Wait for the acceptance
   * before submitting more: records waiting to be accepted are themselves bounded by
   * {@link ProducerOptions#maxUnackedBytes()}.
   *
   * <pre>{@code
   * producer.submitAsync(record)
   *     .thenCompose(accepted -> {
   *       accepted.thenAccept(ack -> log.debug("at {}", ack.seqNum()));
   *       return producer.submitAsync(next);                  // submit the next one once this one is accepted
   *     });
   * }</pre>
   *
   * @param record the record; not null, at most {@link ProducerOptions#maxBatchBytes()} metered bytes
   * @return a future of acceptance, holding the future of the record's sequence number; failed with
   *     {@link ProducerFailedException} if the producer had already stopped after a failure
   * @throws IllegalArgumentException if the record is null or larger than a batch may be
   * @throws IllegalStateException if the producer is closed or closing, or if records waiting to be accepted
   *     would exceed {@link ProducerOptions#maxUnackedBytes()}
   */
  CompletableFuture<CompletableFuture<RecordAck>> submitAsync(AppendRecord record);

  /**
   * Sends what is batched at once and waits until every record submitted before this call is acknowledged. The
   * producer stays open.
   *
   * @throws ProducerFailedException if the producer stopped after a failure
   * @throws S2InterruptedException if the thread was interrupted while waiting
   * @throws IllegalStateException if the producer is closed, or if called from a callback of one of its futures
   */
  void flush();

  /**
   * The asynchronous form of {@link #flush()}.
   *
   * @return a future completed when every record submitted before the call is acknowledged, failed with
   *     {@link ProducerFailedException} if the producer stopped after a failure
   * @throws IllegalStateException if the producer is closed
   */
  CompletableFuture<Void> flushAsync();

  /**
   * Refuses further records, sends what is batched and waits until every record submitted is acknowledged.
   * Idempotent.
   *
   * @throws ProducerFailedException if the producer stopped after a failure (some records were not appended)
   * @throws S2InterruptedException if the thread was interrupted while waiting (the producer goes on closing)
   * @throws IllegalStateException if called from a callback of one of its futures
   */
  @Override
  void close();

  /**
   * The asynchronous form of {@link #close()}.
   *
   * @return a future completed when every record submitted is acknowledged, failed with
   *     {@link ProducerFailedException} if the producer stopped after a failure
   */
  CompletableFuture<Void> closeAsync();
}
