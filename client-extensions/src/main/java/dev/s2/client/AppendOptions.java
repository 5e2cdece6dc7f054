package dev.s2.client;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Conditions on one append: the sequence number the batch must start at ({@code match_seq_num}) and
 * the fencing token the stream must hold. A failed condition is an {@link
 * AppendConditionFailedException} (412) carrying what the stream expected. Immutable; {@link
 * #none()} sets no condition.
 */
public final class AppendOptions {
  /** The most records one append may carry (the spec: "no more than 1000"). */
  public static final int MAX_RECORDS = 1000;

  /**
   * The most metered bytes one append may carry (the spec: "may not exceed 1 MiB of metered
   * bytes").
   */
  public static final long MAX_BATCH_BYTES = 1024 * 1024;

  /** The longest fencing token, in bytes of UTF-8 (the spec's {@code FencingToken}). */
  public static final int MAX_FENCING_TOKEN_BYTES = 36;

  private static final AppendOptions NONE = new AppendOptions(-1, null);

  private final long matchSeqNum;
  private final @Nullable String fencingToken;

  private AppendOptions(long matchSeqNum, @Nullable String fencingToken) {
    this.matchSeqNum = matchSeqNum;
    this.fencingToken = fencingToken;
  }

  /**
   * No condition.
   *
   * @return the options without condition
   */
  public static AppendOptions none() {
    return NONE;
  }

  /**
   * The batch must be assigned sequence numbers from {@code seqNum} on: no other append may come
   * between.
   *
   * @param seqNum the expected next sequence number of the stream; at least 0
   * @return new options
   * @throws IllegalArgumentException if negative
   */
  public AppendOptions matchSeqNum(long seqNum) {
    if (seqNum < 0) {
      throw new IllegalArgumentException("matchSeqNum must be at least 0, was " + seqNum);
    }
    return new AppendOptions(seqNum, fencingToken);
  }

  /**
   * The stream's fencing token must be this one (set by a {@link AppendRecord#fence} command
   * record).
   *
   * @param token at most 36 bytes of UTF-8; not null
   * @return new options
   * @throws IllegalArgumentException if null or too long
   */
  public AppendOptions fencingToken(String token) {
    Checks.notNull(token, "fencingToken");
    int bytes = token.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_FENCING_TOKEN_BYTES) {
      throw new IllegalArgumentException(
          "fencingToken must be at most "
              + MAX_FENCING_TOKEN_BYTES
              + " bytes of UTF-8, was "
              + bytes
              + " bytes");
    }
    return new AppendOptions(matchSeqNum, token);
  }

  /**
   * The sequence number the batch must start at.
   *
   * @return it, or empty for no such condition
   */
  public OptionalLong matchSeqNum() {
    return matchSeqNum < 0 ? OptionalLong.empty() : OptionalLong.of(matchSeqNum);
  }

  /**
   * The fencing token the stream must hold.
   *
   * @return it, or empty for no such condition
   */
  public Optional<String> fencingToken() {
    return Optional.ofNullable(fencingToken);
  }

  @Override
  public String toString() {
    return "AppendOptions{"
        + (matchSeqNum < 0 ? "" : "matchSeqNum=" + matchSeqNum)
        + (fencingToken == null
            ? ""
            : (matchSeqNum < 0 ? "" : ", ") + "fencingToken=" + fencingToken)
        + '}';
  }
}
