package dev.s2.testing;

import dev.s2.testing.internal.FaultRules;
import java.util.Objects;

/**
 * Fault injection for client tests, from {@link EmbeddedS2#faults()}. Each method installs a rule
 * and returns its {@link FaultHandle} (how often it fired, await, cancel). Rules apply in the order
 * installed; a request answered with an injected error is not handled further (nothing is appended
 * or created).
 *
 * <pre>{@code
 * // Bursts of retryable errors with a retry hint:
 * s2.faults().failNext(3, RequestMatcher.operation(Operation.APPEND),
 *     InjectedError.unavailable().withRetryAfter(Duration.ofMillis(20)));
 * // Cut every SSE session somewhere in its first 4 KiB, reproducibly:
 * FaultHandle cuts = s2.faults().cutReadSessions(RequestMatcher.readSessions(),
 *     SseCut.randomly(42, 1, 4096).repeatedly());
 * // Stop a session's pings and data after two events, so the client's watchdog fires:
 * s2.faults().silenceReadSessions(RequestMatcher.readSessions(), SseSilence.afterEvents(2));
 * // A batch that is not JSON:
 * s2.faults().injectIntoReadSessions(RequestMatcher.readSessions(), SseInjection.malformedBatch());
 * // Reset S2S append sessions once they appended 3 inputs, before the third ack (an ack lost):
 * s2.faults().cutS2sSessions(RequestMatcher.s2sAppendSessions(), S2sCut.afterFramesReceived(3));
 * // End the next S2S session with a terminal 503 frame after two frames:
 * s2.faults().injectIntoS2sSessions(RequestMatcher.s2sSessions(),
 *     S2sInjection.terminal(InjectedError.unavailable()).afterFrames(2));
 * // Hold acks after the first one until the server's (manual) clock moved 10 s:
 * s2.faults().stallS2sAppendSessions(RequestMatcher.s2sAppendSessions(),
 *     S2sStall.afterAcks(1).forDuration(Duration.ofSeconds(10)));
 * }</pre>
 */
public final class Faults {
  private final FaultRules rules;

  Faults(FaultRules rules) {
    this.rules = rules;
  }

  /**
   * Answers the next {@code times} matching requests with an error.
   *
   * @param times how many requests
   * @param matcher which requests
   * @param error the answer
   * @return the rule's handle
   */
  public FaultHandle failNext(int times, RequestMatcher matcher, InjectedError error) {
    if (times <= 0) {
      throw new IllegalArgumentException("times must be positive, got " + times);
    }
    return rules.addError(
        Objects.requireNonNull(matcher, "matcher"), times, Objects.requireNonNull(error, "error"));
  }

  /**
   * Answers each matching request with an error with a probability, drawn from a {@link
   * java.util.Random} of this seed (reproducible when requests arrive in the same order), until
   * cancelled.
   *
   * @param matcher which requests
   * @param error the answer
   * @param probability in [0, 1]
   * @param seed the seed of the draws
   * @return the rule's handle
   */
  public FaultHandle failRandomly(
      RequestMatcher matcher, InjectedError error, double probability, long seed) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
    }
    return rules.addRandomError(
        Objects.requireNonNull(matcher, "matcher"),
        Objects.requireNonNull(error, "error"),
        probability,
        seed);
  }

  /**
   * Cuts matching SSE read sessions (aborts the connection) after a number of body bytes.
   *
   * @param matcher which requests (only SSE read sessions are ever cut)
   * @param cut where and how often
   * @return the rule's handle; {@link FaultHandle#triggered()} counts cuts made
   */
  public FaultHandle cutReadSessions(RequestMatcher matcher, SseCut cut) {
    return rules.addCut(
        Objects.requireNonNull(matcher, "matcher"), Objects.requireNonNull(cut, "cut"));
  }

  /**
   * Silences matching SSE read sessions after some events: nothing more is written (no pings
   * either) until the rule is cancelled or the server closes; the connection stays open.
   *
   * @param matcher which requests (only SSE read sessions are silenced)
   * @param silence when and how often
   * @return the rule's handle; cancel it to let silenced sessions go on
   */
  public FaultHandle silenceReadSessions(RequestMatcher matcher, SseSilence silence) {
    return rules.addSilence(
        Objects.requireNonNull(matcher, "matcher"), Objects.requireNonNull(silence, "silence"));
  }

  /**
   * Writes raw text into matching SSE read sessions.
   *
   * @param matcher which requests (only SSE read sessions receive it)
   * @param injection the text, when, and whether the session ends after it
   * @return the rule's handle
   */
  public FaultHandle injectIntoReadSessions(RequestMatcher matcher, SseInjection injection) {
    return rules.addInjection(
        Objects.requireNonNull(matcher, "matcher"), Objects.requireNonNull(injection, "injection"));
  }

  /**
   * Cuts matching S2S sessions (resets their HTTP/2 stream, or closes the connection) after a
   * number of frames or bytes sent or received; see {@link S2sCut}.
   *
   * @param matcher which requests (only S2S sessions are ever cut by this rule)
   * @param cut where and how often
   * @return the rule's handle; {@link FaultHandle#triggered()} counts cuts made
   */
  public FaultHandle cutS2sSessions(RequestMatcher matcher, S2sCut cut) {
    return rules.addS2sCut(
        Objects.requireNonNull(matcher, "matcher"), Objects.requireNonNull(cut, "cut"));
  }

  /**
   * Writes frames into matching S2S sessions: a terminal error frame, or a malformed frame; see
   * {@link S2sInjection}.
   *
   * @param matcher which requests (only S2S sessions receive it)
   * @param injection the frame, when, and whether the session ends after it
   * @return the rule's handle
   */
  public FaultHandle injectIntoS2sSessions(RequestMatcher matcher, S2sInjection injection) {
    return rules.addS2sInjection(
        Objects.requireNonNull(matcher, "matcher"), Objects.requireNonNull(injection, "injection"));
  }

  /**
   * Stalls matching S2S append sessions after some acks (no reading, appending or acking) until the
   * rule is cancelled or the stall's duration passed on the server's clock; see {@link S2sStall}.
   *
   * @param matcher which requests (only S2S append sessions stall)
   * @param stall when, for how long, and how often
   * @return the rule's handle; {@link FaultHandle#triggered()} counts stalls begun; cancel it to
   *     release them
   */
  public FaultHandle stallS2sAppendSessions(RequestMatcher matcher, S2sStall stall) {
    return rules.addS2sStall(
        Objects.requireNonNull(matcher, "matcher"), Objects.requireNonNull(stall, "stall"));
  }

  /**
   * Plays a draining server: matching S2S sessions set the flag byte's "reconnect advised" bit (bit
   * 4, which {@code s2s.md} calls reserved; S2's server sets it on the frames of sessions it is
   * about to end) on every regular frame from the {@code afterFrames}-th on, until the rule is
   * cancelled. The sessions themselves go on.
   *
   * @param matcher which requests (only S2S sessions)
   * @param afterFrames regular frames sent without the bit first (0: all of them)
   * @return the rule's handle; {@link FaultHandle#triggered()} counts sessions that sent the bit
   */
  public FaultHandle adviseS2sReconnect(RequestMatcher matcher, int afterFrames) {
    if (afterFrames < 0) {
      throw new IllegalArgumentException("afterFrames must not be negative, got " + afterFrames);
    }
    return rules.addS2sReconnectAdvice(Objects.requireNonNull(matcher, "matcher"), afterFrames);
  }

  /** Removes every rule (silenced sessions go on). */
  public void clear() {
    rules.clear();
  }
}
