package dev.s2.client;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link Producer} batches and pipelines: linger, batch limits, the bound on unacknowledged
 * bytes, the appends in flight, where the stream's sequence numbers start, an optional fencing
 * token and the retry policy. Immutable; {@link #defaults()} is what the official S2 SDKs use (5 ms
 * linger, batches of up to 1000 records and 1 MiB, 5 MiB unacknowledged), with a bound on
 * unacknowledged records too (50,000).
 *
 * <pre>{@code
 * ProducerOptions options = ProducerOptions.builder()
 *     .linger(Duration.ofMillis(20))
 *     .maxBatchRecords(500)
 *     .maxUnackedBytes(16 * 1024 * 1024)
 *     .fencingToken("writer-7")
 *     .build();
 * }</pre>
 */
public final class ProducerOptions {
  /** The default linger: how long a batch waits for more records after its first one. */
  public static final Duration DEFAULT_LINGER = Duration.ofMillis(5);

  /**
   * The default bound on the metered bytes of records submitted and not yet acknowledged: 5 MiB.
   */
  public static final long DEFAULT_MAX_UNACKED_BYTES = 5L * 1024 * 1024;

  /** The largest bound on unacknowledged bytes: 1 GiB. */
  public static final long MAX_UNACKED_BYTES = 1024L * 1024 * 1024;

  /**
   * The default bound on the number of records submitted and not yet acknowledged: 50,000. The
   * producer holds about 100 bytes of its own per record (the record, its future) beside the
   * record's metered bytes, so for small records this bound, not {@link
   * #DEFAULT_MAX_UNACKED_BYTES}, keeps the heap near 5 MiB (see BENCHMARKS.md).
   */
  public static final int DEFAULT_MAX_UNACKED_RECORDS = 50_000;

  /** The largest bound on unacknowledged records: 10,000,000. */
  public static final int MAX_UNACKED_RECORDS = 10_000_000;

  /** The default number of appends in flight at once: 2 (see {@link #maxInflightBatches()}). */
  public static final int DEFAULT_MAX_INFLIGHT_BATCHES = 2;

  /** The most appends in flight at once. */
  public static final int MAX_INFLIGHT_BATCHES = 100;

  /** The smallest metered size of a record (8 bytes: no body, no header), hence of a batch. */
  static final long MIN_RECORD_BYTES = 8;

  private static final ProducerOptions DEFAULTS = builder().build();

  private final Duration linger;
  private final int maxBatchRecords;
  private final long maxBatchBytes;
  private final long maxUnackedBytes;
  private final int maxUnackedRecords;
  private final int maxInflightBatches;
  private final boolean maxInflightBatchesSet;
  private final long matchSeqNum;
  private final @Nullable String fencingToken;
  private final @Nullable RetryPolicy retryPolicy;
  private final Sleeper timer;

  private ProducerOptions(Builder b) {
    this.linger = b.linger;
    this.maxBatchRecords = b.maxBatchRecords;
    this.maxBatchBytes = b.maxBatchBytes;
    this.maxUnackedBytes = b.maxUnackedBytes;
    this.maxUnackedRecords = b.maxUnackedRecords;
    this.maxInflightBatches = b.maxInflightBatches;
    this.maxInflightBatchesSet = b.maxInflightBatchesSet;
    this.matchSeqNum = b.matchSeqNum;
    this.fencingToken = b.fencingToken;
    this.retryPolicy = b.retryPolicy;
    this.timer = b.timer;
  }

  /**
   * The defaults: 5 ms linger, batches of up to 1000 records and 1 MiB, 5 MiB unacknowledged, 2
   * appends in flight, the first sequence number learned from the stream's tail, no fencing token,
   * the client's retry policy, real time.
   *
   * @return the default options
   */
  public static ProducerOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * How long a batch waits for more records after its first one before it is sent; a full batch, a
   * {@link Producer#flush()} or {@link Producer#close()} sends it at once. Zero sends each record
   * at once.
   *
   * @return the linger, zero or more
   */
  public Duration linger() {
    return linger;
  }

  /**
   * The most records in one append.
   *
   * @return 1 to 1000
   */
  public int maxBatchRecords() {
    return maxBatchRecords;
  }

  /**
   * The most metered bytes in one append; a record larger than this is refused by {@code submit}.
   *
   * @return 8 to 1 MiB
   */
  public long maxBatchBytes() {
    return maxBatchBytes;
  }

  /**
   * The most metered bytes of records submitted and not yet acknowledged (those waiting in a batch,
   * in flight or being retried). When a record would exceed it, {@link Producer#submit} blocks and
   * {@link Producer#submitAsync}'s future waits until acknowledgements make room.
   *
   * @return at least {@link #maxBatchBytes()}, at most 1 GiB
   */
  public long maxUnackedBytes() {
    return maxUnackedBytes;
  }

  /**
   * The most records submitted and not yet acknowledged (those waiting in a batch, in flight or
   * being retried). When one more would exceed it, {@link Producer#submit} blocks and {@link
   * Producer#submitAsync}'s future waits until acknowledgements make room, as for {@link
   * #maxUnackedBytes()}.
   *
   * @return at least {@link #maxBatchRecords()}, at most 10,000,000
   */
  public int maxUnackedRecords() {
    return maxUnackedRecords;
  }

  /**
   * The most appends in flight at once (default 2). Appends are pipelined: a batch is sent before
   * the previous one is acknowledged, and each carries the sequence number it must start at, so the
   * stream keeps their order whatever order the requests arrive in. Unary requests in flight
   * together can reach the service out of order, though: an append that overtook an earlier one is
   * refused (412) and sent again after it, which is correct but costs a request. Measured against
   * the embedded S2 with 200 full batches sent as fast as possible: 1 in flight made 200 appends, 2
   * made 215 in half the time, 5 made 374 and were slower than 2. (The official TypeScript SDK
   * keeps one unary append in flight.)
   *
   * <p>Over an S2S append session (see {@link SessionTransport}) the batches travel in order on one
   * HTTP/2 stream and none can overtake another: unless this option was set, up to {@link
   * #MAX_INFLIGHT_BATCHES} are then in flight, bounded in bytes by {@link #maxUnackedBytes()}.
   *
   * @return 1 to 100
   */
  public int maxInflightBatches() {
    return maxInflightBatches;
  }

  /**
   * Whether {@link Builder#maxInflightBatches} was called (S2S sessions then keep the value as is).
   */
  boolean maxInflightBatchesSet() {
    return maxInflightBatchesSet;
  }

  /**
   * The sequence number the producer's first record must get (the stream's tail when it starts
   * appending). Each batch carries the {@code match_seq_num} where the previous one ends, so no
   * other writer can come in between and no retried batch can be appended twice.
   *
   * @return the expected first sequence number, or empty to learn it from the stream's tail ({@code
   *     check_tail}) just before the first append
   */
  public OptionalLong matchSeqNum() {
    return matchSeqNum < 0 ? OptionalLong.empty() : OptionalLong.of(matchSeqNum);
  }

  /**
   * The fencing token every append carries: the stream must hold it (set by a {@link
   * AppendRecord#fence} command record), or the producer fails with the 412 the service answers. A
   * fence record submitted through this producer changes the token its later batches carry.
   *
   * @return the token, or empty to send none
   */
  public Optional<String> fencingToken() {
    return Optional.ofNullable(fencingToken);
  }

  /**
   * The retry policy of each append: attempts per batch, counted afresh after every
   * acknowledgement, and the backoff between them (a {@code retry-after-ms} the service sends is
   * honoured).
   *
   * @return the policy, or empty for the client's
   */
  public Optional<RetryPolicy> retryPolicy() {
    return Optional.ofNullable(retryPolicy);
  }

  /**
   * What times the linger. Retries wait on the client's {@link S2Client.Builder#sleeper sleeper},
   * as every other call does.
   *
   * @return the timer; {@link Sleeper#system()} unless set
   */
  public Sleeper timer() {
    return timer;
  }

  @Override
  public String toString() {
    return "ProducerOptions{linger="
        + linger
        + ", maxBatchRecords="
        + maxBatchRecords
        + ", maxBatchBytes="
        + maxBatchBytes
        + ", maxUnackedBytes="
        + maxUnackedBytes
        + ", maxUnackedRecords="
        + maxUnackedRecords
        + ", maxInflightBatches="
        + maxInflightBatches
        + ", matchSeqNum="
        + (matchSeqNum < 0 ? "from the tail" : Long.toString(matchSeqNum))
        + (fencingToken == null ? "" : ", fencingToken=" + fencingToken)
        + ", retryPolicy="
        + (retryPolicy == null ? "the client's" : retryPolicy)
        + ", timer="
        + timer
        + '}';
  }

  /** Builds {@link ProducerOptions}; every setter checks its argument at once. */
  public static final class Builder {
    private Duration linger = DEFAULT_LINGER;
    private int maxBatchRecords = AppendOptions.MAX_RECORDS;
    private long maxBatchBytes = AppendOptions.MAX_BATCH_BYTES;
    private long maxUnackedBytes = DEFAULT_MAX_UNACKED_BYTES;
    private int maxUnackedRecords = DEFAULT_MAX_UNACKED_RECORDS;
    private int maxInflightBatches = DEFAULT_MAX_INFLIGHT_BATCHES;
    private boolean maxInflightBatchesSet;
    private long matchSeqNum = -1;
    private @Nullable String fencingToken;
    private @Nullable RetryPolicy retryPolicy;
    private Sleeper timer = Sleeper.system();

    private Builder() {}

    /**
     * How long a batch waits for more records after its first one (default 5 ms).
     *
     * @param linger zero (send each record at once) to 1 hour
     * @return this builder
     * @throws IllegalArgumentException if null, negative or more than 1 hour
     */
    public Builder linger(Duration linger) {
      this.linger = linger != null && linger.isZero() ? linger : Checks.duration(linger, "linger");
      return this;
    }

    /**
     * The most records in one append (default 1000, the service's limit).
     *
     * @param maxBatchRecords 1 to 1000
     * @return this builder
     * @throws IllegalArgumentException outside 1..1000
     */
    public Builder maxBatchRecords(int maxBatchRecords) {
      this.maxBatchRecords =
          (int) Checks.range(maxBatchRecords, 1, AppendOptions.MAX_RECORDS, "maxBatchRecords");
      return this;
    }

    /**
     * The most metered bytes in one append (default 1 MiB, the service's limit).
     *
     * @param maxBatchBytes 8 (one empty record) to 1048576
     * @return this builder
     * @throws IllegalArgumentException outside 8..1048576
     */
    public Builder maxBatchBytes(long maxBatchBytes) {
      this.maxBatchBytes =
          Checks.range(
              maxBatchBytes, MIN_RECORD_BYTES, AppendOptions.MAX_BATCH_BYTES, "maxBatchBytes");
      return this;
    }

    /**
     * The most metered bytes submitted and not yet acknowledged (default 5 MiB).
     *
     * @param maxUnackedBytes at least {@code maxBatchBytes} (checked by {@link #build()}), at most
     *     1 GiB
     * @return this builder
     * @throws IllegalArgumentException outside 8..1073741824
     */
    public Builder maxUnackedBytes(long maxUnackedBytes) {
      this.maxUnackedBytes =
          Checks.range(maxUnackedBytes, MIN_RECORD_BYTES, MAX_UNACKED_BYTES, "maxUnackedBytes");
      return this;
    }

    /**
     * The most records submitted and not yet acknowledged (default 50,000).
     *
     * @param maxUnackedRecords at least {@code maxBatchRecords} (checked by {@link #build()}), at
     *     most 10,000,000
     * @return this builder
     * @throws IllegalArgumentException outside 1..10000000
     */
    public Builder maxUnackedRecords(int maxUnackedRecords) {
      this.maxUnackedRecords =
          (int) Checks.range(maxUnackedRecords, 1, MAX_UNACKED_RECORDS, "maxUnackedRecords");
      return this;
    }

    /**
     * The most appends in flight at once (default 2).
     *
     * @param maxInflightBatches 1 (one append at a time) to 100
     * @return this builder
     * @throws IllegalArgumentException outside 1..100
     */
    public Builder maxInflightBatches(int maxInflightBatches) {
      this.maxInflightBatches =
          (int) Checks.range(maxInflightBatches, 1, MAX_INFLIGHT_BATCHES, "maxInflightBatches");
      this.maxInflightBatchesSet = true;
      return this;
    }

    /**
     * The sequence number the first record must get (default: the stream's tail, checked just
     * before the first append). Give it when you know where the stream ends, such as after your own
     * last append or a read to the tail: a producer then fails at once if anything was appended
     * since.
     *
     * @param matchSeqNum at least 0
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder matchSeqNum(long matchSeqNum) {
      if (matchSeqNum < 0) {
        throw new IllegalArgumentException("matchSeqNum must be at least 0, was " + matchSeqNum);
      }
      this.matchSeqNum = matchSeqNum;
      return this;
    }

    /**
     * The fencing token every append carries (default none).
     *
     * @param fencingToken at most 36 bytes of UTF-8; not null
     * @return this builder
     * @throws IllegalArgumentException if null or too long
     */
    public Builder fencingToken(String fencingToken) {
      this.fencingToken =
          AppendOptions.none().fencingToken(fencingToken).fencingToken().orElseThrow();
      return this;
    }

    /**
     * The retry policy of the appends (default: the client's).
     *
     * @param retryPolicy not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Checks.notNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * What times the linger (default {@link Sleeper#system()}); tests pass one they complete by
     * hand.
     *
     * @param timer not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder timer(Sleeper timer) {
      this.timer = Checks.notNull(timer, "timer");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the new options
     * @throws IllegalArgumentException if {@code maxUnackedBytes} is below {@code maxBatchBytes}
     */
    public ProducerOptions build() {
      if (maxUnackedBytes < maxBatchBytes) {
        throw new IllegalArgumentException(
            "maxUnackedBytes ("
                + maxUnackedBytes
                + ") must be at least maxBatchBytes ("
                + maxBatchBytes
                + "): a full batch must fit");
      }
      if (maxUnackedRecords < maxBatchRecords) {
        throw new IllegalArgumentException(
            "maxUnackedRecords ("
                + maxUnackedRecords
                + ") must be at least maxBatchRecords ("
                + maxBatchRecords
                + "): a full batch must fit");
      }
      return new ProducerOptions(this);
    }
  }
}
