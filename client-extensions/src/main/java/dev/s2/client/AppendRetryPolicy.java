package dev.s2.client;

/**
 * Which failed appends the client sends again, set per client with
 * {@link S2Client.Builder#appendRetryPolicy(AppendRetryPolicy)}: the policy of S2's official SDKs. It decides
 * only whether an append is retried; how often and how long to wait is the {@link RetryPolicy}'s.
 *
 * <p>A failure is <em>ambiguous</em> when the service may have appended the records before it: a connection cut
 * or timed out after the request was sent, a 500, an acknowledgement that did not come within the request
 * timeout. Retrying an ambiguous failure may append the records twice, unless the append carries
 * {@code match_seq_num}: the service then refuses the second copy (412), so it can never be appended twice.
 *
 * <p>A {@link Producer} chains {@code match_seq_num} on every append, on either transport, so it retries
 * ambiguous failures under both policies and still never appends a record twice. The policy matters for
 * {@link S2Stream#append} without {@code match_seq_num}.
 */
public enum AppendRetryPolicy {
  /**
   * Retries every retryable failure, ambiguous ones included: an append without {@code match_seq_num} may then be
   * appended twice. Use it when duplicates are acceptable (S2's official SDKs default to it).
   */
  ALL,
  /**
   * Retries an append only when it cannot have been applied twice: the failure shows it never took effect (the
   * connection was refused, the service answered 429 or 503), or the append carries {@code match_seq_num}. The
   * default.
   */
  NO_SIDE_EFFECTS
}
