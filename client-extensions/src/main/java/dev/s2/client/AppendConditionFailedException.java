package dev.s2.client;

import dev.s2.model.AppendConditionFailed;
import dev.s2.model.AppendConditionFailedFencingToken;
import dev.s2.model.AppendConditionFailedSeqNum;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The S2 service answered 412 Precondition Failed to an append: a condition of {@link
 * AppendOptions} did not hold, and nothing was appended. It says what the stream expected: its next
 * sequence number (a {@code match_seq_num} mismatch) or its fencing token (a fencing token
 * mismatch).
 */
public final class AppendConditionFailedException extends S2ServiceException {
  private static final long serialVersionUID = 1L;

  AppendConditionFailedException(ErrorDetails details, int attempts) {
    super(details, attempts);
  }

  /**
   * The failed condition as the service described it.
   *
   * @return the condition, or empty when the 412 body could not be read as one
   */
  public Optional<AppendConditionFailed> condition() {
    Object body = details().body();
    return body instanceof AppendConditionFailed
        ? Optional.of((AppendConditionFailed) body)
        : Optional.empty();
  }

  /**
   * The stream's next sequence number, when {@code match_seq_num} did not match it.
   *
   * @return the expected seq num, or empty for another failed condition
   */
  public OptionalLong expectedSeqNum() {
    return condition()
        .filter(AppendConditionFailedSeqNum.class::isInstance)
        .map(c -> OptionalLong.of(((AppendConditionFailedSeqNum) c).seqNumMismatch()))
        .orElse(OptionalLong.empty());
  }

  /**
   * The stream's fencing token, when the one given did not match it.
   *
   * @return the expected fencing token, or empty for another failed condition
   */
  public Optional<String> expectedFencingToken() {
    return condition()
        .filter(AppendConditionFailedFencingToken.class::isInstance)
        .map(c -> ((AppendConditionFailedFencingToken) c).fencingTokenMismatch());
  }
}
