package dev.s2.testing;

import dev.s2.testing.internal.Json;
import dev.s2.testing.internal.S2sFrames;
import java.util.Objects;

/**
 * Frames written into S2S sessions (append and read) that a client must cope with: a terminal error
 * frame (what S2 sends when a session fails), or frames S2 never sends (an unknown compression, a
 * body that is not protobuf, a length over the limit). Immutable.
 *
 * <p>The frame is written as is after {@link #afterFrames(int)} frames of the session (0: first),
 * counted in the session's bytes (so a cut may fall inside it). Then the session ends cleanly
 * (terminal frames always do, as in S2) or goes on ({@link #thenContinue()}).
 */
public final class S2sInjection {
  private final byte[] frame;
  private final int afterFrames;
  private final boolean end;
  private final int times;

  private S2sInjection(byte[] frame, int afterFrames, boolean end, int times) {
    if (frame.length == 0) {
      throw new IllegalArgumentException("the injected bytes must not be empty");
    }
    if (afterFrames < 0) {
      throw new IllegalArgumentException("afterFrames must not be negative, got " + afterFrames);
    }
    if (times == 0 || times < -1) {
      throw new IllegalArgumentException("times must be positive, got " + times);
    }
    this.frame = frame;
    this.afterFrames = afterFrames;
    this.end = end;
    this.times = times;
  }

  /**
   * A terminal frame carrying the error's status and {@code {"code", "message"}}; the session ends
   * after it.
   *
   * @param error the error
   * @return the injection
   */
  public static S2sInjection terminal(InjectedError error) {
    Objects.requireNonNull(error, "error");
    return terminal(error.status(), Json.errorInfo(error.code(), error.message()));
  }

  /**
   * A terminal frame with any status and JSON body, such as 412 with {@code {"seq_num_mismatch":
   * 7}} or 416 with {@code {"tail": {...}}}; the session ends after it.
   *
   * @param status the 2-byte status, 0..65535
   * @param json the body, sent as UTF-8
   * @return the injection
   */
  public static S2sInjection terminal(int status, String json) {
    if (status < 0 || status > 0xFFFF) {
      throw new IllegalArgumentException("status must fit in 2 bytes, got " + status);
    }
    return new S2sInjection(S2sFrames.terminal(status, json), 0, true, 1);
  }

  /**
   * Any bytes, written as they are (a length prefix and flag byte included, or not); the session
   * goes on.
   *
   * @param bytes the raw bytes
   * @return the injection
   */
  public static S2sInjection raw(byte[] bytes) {
    return new S2sInjection(bytes.clone(), 0, false, 1);
  }

  /**
   * A regular frame whose compression bits are {@code 11}, which no S2 peer defines; the session
   * goes on.
   *
   * @return the injection
   */
  public static S2sInjection unknownCompression() {
    return new S2sInjection(S2sFrames.frame(0x60, new byte[] {0x0a, 0x00}), 0, false, 1);
  }

  /**
   * A regular, uncompressed frame whose body is not a protobuf message (a truncated
   * length-delimited field); the session goes on.
   *
   * @return the injection
   */
  public static S2sInjection notProtobuf() {
    return new S2sInjection(S2sFrames.frame(0x00, new byte[] {0x0a, 0x7f, 0x01}), 0, false, 1);
  }

  /**
   * A length prefix over the 2 MiB limit (followed by nothing); the session goes on.
   *
   * @return the injection
   */
  public static S2sInjection oversizedLength() {
    int length = 2 * 1024 * 1024 + 1;
    return new S2sInjection(
        new byte[] {(byte) (length >>> 16), (byte) (length >>> 8), (byte) length}, 0, false, 1);
  }

  /**
   * Writes the frame after {@code frames} frames of the session.
   *
   * @param frames frames written before it
   * @return a copy
   */
  public S2sInjection afterFrames(int frames) {
    return new S2sInjection(frame, frames, end, times);
  }

  /**
   * Ends the session cleanly right after the frame.
   *
   * @return a copy
   */
  public S2sInjection thenEnd() {
    return new S2sInjection(frame, afterFrames, true, times);
  }

  /**
   * Lets the session go on after the frame (a terminal frame included, which S2 never does).
   *
   * @return a copy
   */
  public S2sInjection thenContinue() {
    return new S2sInjection(frame, afterFrames, false, times);
  }

  /**
   * Applies to the next {@code sessions} matching sessions (default 1).
   *
   * @param sessions how many sessions
   * @return a copy
   */
  public S2sInjection times(int sessions) {
    if (sessions <= 0) {
      throw new IllegalArgumentException("sessions must be positive, got " + sessions);
    }
    return new S2sInjection(frame, afterFrames, end, sessions);
  }

  /**
   * Applies to every matching session until cancelled.
   *
   * @return a copy
   */
  public S2sInjection repeatedly() {
    return new S2sInjection(frame, afterFrames, end, -1);
  }

  /**
   * @return the bytes written (a copy)
   */
  public byte[] bytes() {
    return frame.clone();
  }

  /**
   * @return the frames written before it
   */
  public int afterFrameCount() {
    return afterFrames;
  }

  /**
   * @return whether the session ends after it
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
