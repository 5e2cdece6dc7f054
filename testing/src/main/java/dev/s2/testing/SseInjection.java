package dev.s2.testing;

import java.util.Objects;

/**
 * Raw text written into SSE read sessions, to test how a client handles what S2 would never send
 * (or sends rarely): a malformed batch, an unknown event, an {@code error} event. Immutable.
 *
 * <p>The text is written as is, after {@link #afterEvents(int)} events of the session (0: first),
 * counted in the session's bytes (so a cut may fall inside it). Then the session either goes on or
 * ends cleanly ({@link #thenEnd()}, without {@code [DONE]}, as S2 ends a session after an {@code
 * error} event).
 */
public final class SseInjection {
  private final String text;
  private final int afterEvents;
  private final boolean end;
  private final int times;

  private SseInjection(String text, int afterEvents, boolean end, int times) {
    this.text = Objects.requireNonNull(text, "text");
    if (afterEvents < 0) {
      throw new IllegalArgumentException("afterEvents must not be negative, got " + afterEvents);
    }
    if (times == 0 || times < -1) {
      throw new IllegalArgumentException("times must be positive, got " + times);
    }
    this.afterEvents = afterEvents;
    this.end = end;
    this.times = times;
  }

  /**
   * Any text, written as is (include the blank line that ends an event); the session goes on.
   *
   * @param text the raw SSE text
   * @return the injection
   */
  public static SseInjection raw(String text) {
    return new SseInjection(text, 0, false, 1);
  }

  /**
   * An event with a name S2 does not send ({@code event: surprise}); the session goes on.
   *
   * @return the injection
   */
  public static SseInjection unknownEvent() {
    return raw("event: surprise\ndata: {\"hello\":\"world\"}\n\n");
  }

  /**
   * A {@code batch} event whose data is not JSON; the session goes on.
   *
   * @return the injection
   */
  public static SseInjection malformedBatch() {
    return raw("event: batch\nid: 0,1,9\ndata: this is not JSON\n\n");
  }

  /**
   * A {@code batch} event whose {@code data} line breaks off in the middle of the JSON; the session
   * goes on.
   *
   * @return the injection
   */
  public static SseInjection brokenDataLine() {
    return raw("event: batch\nid: 0,1,9\ndata: {\"records\":[{\"seq_num\":0,\"timestamp\"\n\n");
  }

  /**
   * An {@code error} event carrying {@code {"code", "message"}}, after which the session ends as S2
   * ends it. Whether a client retries depends on the code (S2's retryable codes include {@code
   * unavailable}, {@code rate_limited}, {@code request_timeout}; not {@code invalid}, {@code
   * stream_not_found}).
   *
   * @param error the error to send
   * @return the injection
   */
  public static SseInjection errorEvent(InjectedError error) {
    String json = dev.s2.testing.internal.Json.errorInfo(error.code(), error.message());
    return new SseInjection("event: error\ndata: " + json + "\n\n", 0, true, 1);
  }

  /**
   * Writes the text after {@code events} events of the session.
   *
   * @param events events written before the text
   * @return a copy
   */
  public SseInjection afterEvents(int events) {
    return new SseInjection(text, events, end, times);
  }

  /**
   * Ends the session cleanly right after the text.
   *
   * @return a copy
   */
  public SseInjection thenEnd() {
    return new SseInjection(text, afterEvents, true, times);
  }

  /**
   * Lets the session go on after the text.
   *
   * @return a copy
   */
  public SseInjection thenContinue() {
    return new SseInjection(text, afterEvents, false, times);
  }

  /**
   * Applies to the next {@code sessions} matching sessions (default 1).
   *
   * @param sessions how many sessions
   * @return a copy
   */
  public SseInjection times(int sessions) {
    if (sessions <= 0) {
      throw new IllegalArgumentException("sessions must be positive, got " + sessions);
    }
    return new SseInjection(text, afterEvents, end, sessions);
  }

  /**
   * Applies to every matching session until cancelled.
   *
   * @return a copy
   */
  public SseInjection repeatedly() {
    return new SseInjection(text, afterEvents, end, -1);
  }

  /**
   * @return the raw text
   */
  public String text() {
    return text;
  }

  /**
   * @return the events written before the text
   */
  public int afterEventCount() {
    return afterEvents;
  }

  /**
   * @return whether the session ends after the text
   */
  public boolean ends() {
    return end;
  }

  /**
   * @return how many sessions, or -1 for every one
   */
  public int times() {
    return times;
  }
}
