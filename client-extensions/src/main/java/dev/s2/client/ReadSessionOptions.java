package dev.s2.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link ReadSession} behaves, apart from where it reads (that is {@link ReadOptions}).
 * Immutable; the defaults suit almost every use:
 *
 * <pre>{@code
 * ReadSessionOptions options = ReadSessionOptions.builder()
 *     .idleTimeout(Duration.ofSeconds(30))      // default 20 s
 *     .bufferBytes(16L << 20)                   // default 8 MiB
 *     .ignoreCommandRecords(true)               // default false
 *     .build();
 * }</pre>
 */
public final class ReadSessionOptions {
  /**
   * The default {@link #idleTimeout()}: 20 s, as S2's Rust and Go SDKs (S2 pings every 5 to 15 s).
   */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(20);

  /**
   * The default {@link #bufferBytes()}: 8 MiB. S2 sends at most 1 MiB (metered) of records per
   * event, which is about 1.4 MiB of base64 JSON and at most about 4.2 MiB (records made of many
   * one-byte headers).
   */
  public static final long DEFAULT_BUFFER_BYTES = 8L * 1024 * 1024;

  /** The smallest {@link #bufferBytes()} allowed: 64 KiB. */
  public static final long MIN_BUFFER_BYTES = 64L * 1024;

  private static final ReadSessionOptions DEFAULTS = builder().build();

  private final Duration idleTimeout;
  private final long bufferBytes;
  private final @Nullable RetryPolicy retryPolicy;
  private final @Nullable Executor executor;
  private final boolean ignoreCommandRecords;

  private ReadSessionOptions(Builder b) {
    this.idleTimeout = b.idleTimeout;
    this.bufferBytes = b.bufferBytes;
    this.retryPolicy = b.retryPolicy;
    this.executor = b.executor;
    this.ignoreCommandRecords = b.ignoreCommandRecords;
  }

  /**
   * The defaults: idle timeout 20 s, buffer 8 MiB, the client's retry policy, an executor of the
   * session's own, command records delivered.
   *
   * @return the default options
   */
  public static ReadSessionOptions defaults() {
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
   * A builder starting from these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.idleTimeout = idleTimeout;
    b.bufferBytes = bufferBytes;
    b.retryPolicy = retryPolicy;
    b.executor = executor;
    b.ignoreCommandRecords = ignoreCommandRecords;
    return b;
  }

  /**
   * How long the session waits for the next byte of an event before it considers the connection
   * dead and reconnects (a retryable {@link S2TimeoutException}). It also bounds the wait for the
   * response's headers.
   *
   * @return the idle timeout
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * The most bytes the session reads ahead of you: the SSE event being read, as received, and the
   * records decoded from it that you have not taken yet (their metered size). An event larger than
   * this ends the session with {@link S2DecodingException} instead of growing memory.
   *
   * @return the buffer's size in bytes
   */
  public long bufferBytes() {
    return bufferBytes;
  }

  /**
   * The retry policy of reconnections, when it is not the client's.
   *
   * @return the policy, or empty for the client's
   */
  public Optional<RetryPolicy> retryPolicy() {
    return Optional.ofNullable(retryPolicy);
  }

  /**
   * Where a {@link ReadSession#publisher()} reads and signals its subscriber, when it is not a
   * thread of the session's own.
   *
   * @return the executor, or empty for the session's own thread
   */
  public Optional<Executor> executor() {
    return Optional.ofNullable(executor);
  }

  /**
   * Whether command records (fence, trim) are left out of what the session delivers. They still
   * count toward the {@code count} and {@code bytes} bounds and move the session on, as S2 counts
   * them.
   *
   * @return true to leave them out
   */
  public boolean ignoreCommandRecords() {
    return ignoreCommandRecords;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ReadSessionOptions)) {
      return false;
    }
    ReadSessionOptions r = (ReadSessionOptions) o;
    return bufferBytes == r.bufferBytes
        && ignoreCommandRecords == r.ignoreCommandRecords
        && idleTimeout.equals(r.idleTimeout)
        && Objects.equals(retryPolicy, r.retryPolicy)
        && Objects.equals(executor, r.executor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(idleTimeout, bufferBytes, retryPolicy, executor, ignoreCommandRecords);
  }

  @Override
  public String toString() {
    return "ReadSessionOptions{idleTimeout="
        + idleTimeout
        + ", bufferBytes="
        + bufferBytes
        + (retryPolicy == null ? "" : ", retryPolicy=" + retryPolicy)
        + (executor == null ? "" : ", executor=" + executor)
        + (ignoreCommandRecords ? ", ignoreCommandRecords" : "")
        + '}';
  }

  /** Builds {@link ReadSessionOptions}; every setter checks its argument at once. */
  public static final class Builder {
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private long bufferBytes = DEFAULT_BUFFER_BYTES;
    private @Nullable RetryPolicy retryPolicy;
    private @Nullable Executor executor;
    private boolean ignoreCommandRecords;

    private Builder() {}

    /**
     * How long to wait for the next byte before reconnecting (default 20 s). Keep it above S2's
     * longest ping interval (15 s), or idle sessions reconnect for nothing.
     *
     * @param idleTimeout more than 0, at most 1 hour
     * @return this builder
     * @throws IllegalArgumentException if null or out of range
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = Checks.duration(idleTimeout, "idleTimeout");
      return this;
    }

    /**
     * The most bytes the session reads ahead of you (default 8 MiB).
     *
     * @param bufferBytes 64 KiB to 1 GiB
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder bufferBytes(long bufferBytes) {
      this.bufferBytes = Checks.range(bufferBytes, MIN_BUFFER_BYTES, 1L << 30, "bufferBytes");
      return this;
    }

    /**
     * The retry policy of reconnections (default: the client's). Its attempt budget counts
     * consecutive failed attempts without progress; see {@link ReadSession}.
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
     * Where a {@link ReadSession#publisher()} reads (blocking) and signals its subscriber (default:
     * one daemon thread of the session's own, started on demand and gone when idle or closed). Give
     * an executor that can afford a thread blocked on the network while the subscriber has demand.
     *
     * @param executor not null
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder executor(Executor executor) {
      this.executor = Checks.notNull(executor, "executor");
      return this;
    }

    /**
     * Leaves command records (fence, trim) out of what the session delivers (default false).
     *
     * @param ignore true to leave them out
     * @return this builder
     */
    public Builder ignoreCommandRecords(boolean ignore) {
      this.ignoreCommandRecords = ignore;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the new options
     */
    public ReadSessionOptions build() {
      return new ReadSessionOptions(this);
    }
  }
}
