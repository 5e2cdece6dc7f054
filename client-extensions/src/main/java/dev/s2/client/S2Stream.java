package dev.s2.client;

import dev.s2.api.RecordsApi;
import dev.s2.api.ServerVariables;
import dev.s2.model.AppendAck;
import dev.s2.model.Format;
import dev.s2.model.Header;
import dev.s2.model.ReadBatchJson;
import dev.s2.model.SequencedRecordJson;
import dev.s2.model.StreamPosition;
import dev.s2.model.TailResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One stream of a basin: append records, read them, check the tail. Obtained from {@link
 * S2Basin#stream(String)}; cheap, immutable and thread-safe.
 *
 * <pre>{@code
 * S2Stream events = client.basin("my-basin").stream("events");
 * AppendAck ack = events.append(List.of(AppendRecord.of("hello"), AppendRecord.of("world")));
 * ReadBatch batch = events.read(ReadOptions.fromSeqNum(ack.start().seqNum()).withCount(2));
 * }</pre>
 *
 * <p>Record bodies and headers are bytes and round-trip exactly: the SDK always sends and reads
 * them in S2's {@code base64} format, so no byte is ever replaced (S2's default {@code raw} format
 * would replace invalid UTF-8). This is a declared special case of the generated surface: the
 * {@code records} operations of the spec are wrapped here by hand, on the same runtime (retries,
 * timeouts, typed errors) as every generated operation.
 */
public final class S2Stream {
  /**
   * The limit on a unary read's body: at most 1 MiB of metered records, in base64 (4/3 of the
   * bytes) with the JSON of up to 1000 records around them, is under 2 MiB; 4 MiB leaves room.
   */
  static final long READ_BODY_BYTES = 4L << 20;

  private static final OperationSpec<AppendAck, AppendAck> APPEND =
      OperationSpec.of(
          "append", "POST", "/streams/{stream}/records", false, OperationSpec.SMALL_BODY_BYTES);
  private static final OperationSpec<AppendAck, AppendAck> APPEND_RETRIED =
      OperationSpec.of(
          "append", "POST", "/streams/{stream}/records", true, OperationSpec.SMALL_BODY_BYTES);
  private static final OperationSpec<ReadBatchJson, ReadBatch> READ =
      OperationSpec.of(
          "read", "GET", "/streams/{stream}/records", true, READ_BODY_BYTES, S2Stream::toBatch);
  private static final OperationSpec<TailResponse, StreamPosition> CHECK_TAIL =
      OperationSpec.of(
          "check_tail",
          "GET",
          "/streams/{stream}/records/tail",
          true,
          OperationSpec.SMALL_BODY_BYTES,
          TailResponse::tail);
  private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

  private final ClientRuntime rt;
  private final RecordsApi api;
  private final UnaryAppendApi unary;
  private final ServerVariables server;
  private final String basin;
  private final String name;

  S2Stream(ClientRuntime rt, ServerVariables server, String basin, String name) {
    this.rt = rt;
    this.api = rt.basinApi(RecordsApi.class);
    this.unary = rt.basinApi(UnaryAppendApi.class);
    this.server = server;
    this.basin = basin;
    this.name = name;
  }

  /**
   * The stream's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The name of the stream's basin.
   *
   * @return the basin's name
   */
  public String basin() {
    return basin;
  }

  /**
   * Appends records atomically, with no condition.
   *
   * @param records 1 to 1000 records of at most 1 MiB metered bytes in all
   * @return the positions assigned: {@code start}, {@code end} (exclusive) and the stream's tail
   * @throws IllegalArgumentException if the batch is empty, too large or holds null
   * @throws S2Exception on any failure
   */
  public AppendAck append(List<AppendRecord> records) {
    return append(records, AppendOptions.none(), RequestOptions.defaults());
  }

  /**
   * Appends records atomically under conditions ({@code match_seq_num}, fencing token).
   *
   * @param records 1 to 1000 records of at most 1 MiB metered bytes in all
   * @param options the conditions; not null
   * @return the positions assigned
   * @throws IllegalArgumentException if an argument is invalid
   * @throws AppendConditionFailedException if a condition failed (412), with what the stream
   *     expected
   * @throws S2Exception on any failure
   */
  public AppendAck append(List<AppendRecord> records, AppendOptions options) {
    return append(records, options, RequestOptions.defaults());
  }

  /**
   * Appends records atomically, with per-call options. Under the client's default {@link
   * AppendRetryPolicy#NO_SIDE_EFFECTS}, an append is retried only when the failure shows it never
   * took effect (connection refused, 429, 503), unless it carries {@code match_seq_num}: a repeated
   * append can then never be applied twice, so it is retried like a read. Under {@link
   * AppendRetryPolicy#ALL} every retryable failure is retried, which may append the records twice
   * when they carry no {@code match_seq_num}.
   *
   * @param records 1 to 1000 records of at most 1 MiB metered bytes in all
   * @param options the conditions; not null
   * @param requestOptions timeout and retry policy of this call; not null
   * @return the positions assigned
   * @throws IllegalArgumentException if an argument is invalid
   * @throws S2Exception on any failure
   */
  public AppendAck append(
      List<AppendRecord> records, AppendOptions options, RequestOptions requestOptions) {
    AppendBody body = appendBody(records, options, requestOptions);
    return rt.call(
        appendSpec(options),
        null,
        requestOptions,
        () -> unary.append(server, name, body, Format.BASE64, null));
  }

  /**
   * The asynchronous form of {@link #append(List, AppendOptions, RequestOptions)}.
   *
   * @param records 1 to 1000 records of at most 1 MiB metered bytes in all
   * @param options the conditions; not null
   * @param requestOptions timeout and retry policy of this call; not null
   * @return a future of the positions assigned, failed with an {@link S2Exception}
   * @throws IllegalArgumentException if an argument is invalid
   */
  public CompletableFuture<AppendAck> appendAsync(
      List<AppendRecord> records, AppendOptions options, RequestOptions requestOptions) {
    AppendBody body = appendBody(records, options, requestOptions);
    return rt.callAsync(
        appendSpec(options),
        null,
        requestOptions,
        () -> unary.append(server, name, body, Format.BASE64, null));
  }

  /**
   * The asynchronous form of {@link #append(List)}.
   *
   * @param records 1 to 1000 records of at most 1 MiB metered bytes in all
   * @return a future of the positions assigned
   * @throws IllegalArgumentException if the batch is invalid
   */
  public CompletableFuture<AppendAck> appendAsync(List<AppendRecord> records) {
    return appendAsync(records, AppendOptions.none(), RequestOptions.defaults());
  }

  /**
   * Reads records once (at most 1000 records or 1 MiB, whatever the bounds): a unary read. For a
   * continuous read, use a read session.
   *
   * @param options where to start and the bounds; not null
   * @return the records and, when reading recent records, the tail
   * @throws RangeNotSatisfiableException if the start is beyond the tail and not clamped (416),
   *     with the tail
   * @throws S2Exception on any failure
   */
  public ReadBatch read(ReadOptions options) {
    return read(options, RequestOptions.defaults());
  }

  /**
   * Reads records once, with per-call options. The request timeout should exceed the read's {@code
   * wait}.
   *
   * @param options where to start and the bounds; not null
   * @param requestOptions timeout and retry policy of this call; not null
   * @return the records and, when reading recent records, the tail
   * @throws S2Exception on any failure
   */
  public ReadBatch read(ReadOptions options, RequestOptions requestOptions) {
    checkRead(options, requestOptions);
    return rt.call(READ, null, requestOptions, () -> readCall(options));
  }

  /**
   * The asynchronous form of {@link #read(ReadOptions, RequestOptions)}.
   *
   * @param options where to start and the bounds; not null
   * @param requestOptions timeout and retry policy of this call; not null
   * @return a future of the batch, failed with an {@link S2Exception}
   */
  public CompletableFuture<ReadBatch> readAsync(
      ReadOptions options, RequestOptions requestOptions) {
    checkRead(options, requestOptions);
    return rt.callAsync(READ, null, requestOptions, () -> readCall(options));
  }

  /**
   * The asynchronous form of {@link #read(ReadOptions)}.
   *
   * @param options where to start and the bounds; not null
   * @return a future of the batch
   */
  public CompletableFuture<ReadBatch> readAsync(ReadOptions options) {
    return readAsync(options, RequestOptions.defaults());
  }

  /**
   * The stream's tail: the sequence number the next record will get, and the timestamp of the last
   * record.
   *
   * @return the tail
   * @throws S2Exception on any failure
   */
  public StreamPosition checkTail() {
    return checkTail(RequestOptions.defaults());
  }

  /**
   * The stream's tail, with per-call options.
   *
   * @param requestOptions timeout and retry policy of this call; not null
   * @return the tail
   * @throws S2Exception on any failure
   */
  public StreamPosition checkTail(RequestOptions requestOptions) {
    Checks.notNull(requestOptions, "requestOptions");
    return rt.call(CHECK_TAIL, null, requestOptions, () -> api.checkTail(server, name));
  }

  /**
   * The asynchronous form of {@link #checkTail()}.
   *
   * @return a future of the tail
   */
  public CompletableFuture<StreamPosition> checkTailAsync() {
    return rt.callAsync(
        CHECK_TAIL, null, RequestOptions.defaults(), () -> api.checkTail(server, name));
  }

  // ---- read sessions ----

  /**
   * A read session: every record from the start on, in order, exactly once, resuming by itself
   * after failures; it follows the stream unless a bound of {@code options} ends it. Nothing is
   * sent until you ask for the first record. See {@link ReadSession}.
   *
   * <pre>{@code
   * try (ReadSession session = stream.readSession(ReadOptions.fromSeqNum(0))) {
   *   for (SequencedRecord record : session) {
   *     System.out.println(record.seqNum() + ": " + record.bodyAsString());
   *   }
   * }
   * }</pre>
   *
   * @param options where to start, and the bounds ({@code count}, {@code bytes}, {@code until}, and
   *     {@code wait}: the longest time without a new record); not null
   * @return the session, to close when done
   * @throws IllegalArgumentException if {@code options} is null
   */
  public ReadSession readSession(ReadOptions options) {
    return readSession(options, ReadSessionOptions.defaults());
  }

  /**
   * A read session with session options (idle timeout, buffer, retry policy, executor).
   *
   * @param options where to start, and the bounds; not null
   * @param sessionOptions how the session behaves; not null
   * @return the session, to close when done
   * @throws IllegalArgumentException if an argument is null
   */
  public ReadSession readSession(ReadOptions options, ReadSessionOptions sessionOptions) {
    Checks.notNull(options, "options");
    Checks.notNull(sessionOptions, "sessionOptions");
    return new ResumingReadSession(
        rt.streaming(), rt.clock(), server, basin, name, options, sessionOptions);
  }

  // ---- producer (see Producer and BatchingProducer) ----

  /**
   * A producer with the default options: records submitted one at a time, batched (5 ms linger, up
   * to 1000 records and 1 MiB) and pipelined over appends chained by {@code match_seq_num}, each
   * with a future of its sequence number. Close it when done.
   *
   * @return a new producer; nothing is sent until the first record
   */
  public Producer producer() {
    return producer(ProducerOptions.defaults());
  }

  /**
   * A producer with these options; see {@link Producer} for what it guarantees.
   *
   * @param options batching, bounds, the first sequence number, fencing token, retry policy; not
   *     null
   * @return a new producer; nothing is sent until the first record
   * @throws IllegalArgumentException if options is null
   */
  public Producer producer(ProducerOptions options) {
    Checks.notNull(options, "options");
    return new BatchingProducer(
        this, rt.streaming(), options, new AppendTransport(this, rt.streaming(), server));
  }

  @Override
  public String toString() {
    return "S2Stream{basin=" + basin + ", name=" + name + '}';
  }

  // ---- conversions between the user's records (bytes) and the spec's JSON forms (base64 strings)
  // ----

  /**
   * How an append is retried: like a read when it carries {@code match_seq_num} (it cannot be
   * applied twice) or the client's {@link AppendRetryPolicy} is {@code ALL}; else only after
   * failures that show it never took effect.
   */
  private OperationSpec<AppendAck, AppendAck> appendSpec(AppendOptions options) {
    return options.matchSeqNum().isPresent()
            || rt.streaming().appendRetryPolicy == AppendRetryPolicy.ALL
        ? APPEND_RETRIED
        : APPEND;
  }

  /**
   * Checks a batch against the service's limits, before any request, and makes its request body
   * ({@code AppendInput} JSON, bodies and headers in base64).
   */
  static AppendBody appendBody(
      List<AppendRecord> records, AppendOptions options, RequestOptions requestOptions) {
    Checks.notNull(records, "records");
    Checks.notNull(options, "options");
    Checks.notNull(requestOptions, "requestOptions");
    Batches.check(records);
    return new AppendBody(records, options);
  }

  private static void checkRead(ReadOptions options, RequestOptions requestOptions) {
    Checks.notNull(options, "options");
    Checks.notNull(requestOptions, "requestOptions");
    if (options.waitFor().isPresent()
        && options.waitFor().get().compareTo(ReadOptions.MAX_UNARY_WAIT) > 0) {
      throw new IllegalArgumentException(
          "wait of a unary read must be at most "
              + ReadOptions.MAX_UNARY_WAIT.getSeconds()
              + " s, was "
              + options.waitFor().get()
              + ": use a read session to wait longer");
    }
  }

  private retrofit2.Call<ReadBatchJson> readCall(ReadOptions o) {
    Long seqNum = o.start() == ReadOptions.Start.SEQ_NUM ? o.startValue() : null;
    Long timestamp = o.start() == ReadOptions.Start.TIMESTAMP ? o.startValue() : null;
    Long tailOffset = o.start() == ReadOptions.Start.TAIL_OFFSET ? o.startValue() : null;
    Long count = o.count().isPresent() ? o.count().getAsLong() : null;
    Integer bytes =
        o.bytes().isPresent() ? (int) Math.min(o.bytes().getAsLong(), Integer.MAX_VALUE) : null;
    Long until = o.until().isPresent() ? o.until().getAsLong() : null;
    return api.read(
        server,
        name,
        Format.BASE64,
        null,
        seqNum,
        timestamp,
        tailOffset,
        o.clamp() ? Boolean.TRUE : null,
        count,
        bytes,
        until,
        o.waitSeconds());
  }

  static ReadBatch toBatch(ReadBatchJson json) {
    List<SequencedRecord> records = new ArrayList<>(json.records().size());
    for (SequencedRecordJson r : json.records()) {
      records.add(
          new SequencedRecord(
              r.seqNum(), r.timestamp(), headers(r), bytes(r.body().orElse(""), "body")));
    }
    return new ReadBatch(records, json.tail().orElse(null));
  }

  private static List<RecordHeader> headers(SequencedRecordJson r) {
    List<Header> json = r.headers().orElse(List.of());
    List<RecordHeader> headers = new ArrayList<>(json.size());
    for (Header h : json) {
      headers.add(
          RecordHeader.wrap(bytes(h.name(), "header name"), bytes(h.value(), "header value")));
    }
    return headers;
  }

  private static byte[] bytes(String base64, String what) {
    try {
      return BASE64_DECODER.decode(base64);
    } catch (IllegalArgumentException e) {
      throw new com.squareup.moshi.JsonDataException(
          "a record's " + what + " is not valid base64: " + e.getMessage());
    }
  }
}
