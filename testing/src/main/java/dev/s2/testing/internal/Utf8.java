package dev.s2.testing.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * UTF-8 decoding: strict (for fencing tokens) and lossy (for {@code raw} reads, as S2 replaces
 * invalid bytes).
 */
final class Utf8 {
  private Utf8() {}

  static @Nullable String strict(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Invalid sequences become U+FFFD. */
  static String lossy(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
