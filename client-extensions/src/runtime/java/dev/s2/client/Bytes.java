package dev.s2.client;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/** Helpers for record bodies and headers, which are bytes. */
final class Bytes {
  private static final int SHOWN = 32;

  private Bytes() {}

  /** A short, safe rendering for toString(): valid UTF-8 text quoted (cut), anything else as its length. */
  static String describe(byte[] bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, SHOWN * 4)))
          .toString();
      if (text.codePointCount(0, text.length()) > SHOWN) {
        text = text.substring(0, text.offsetByCodePoints(0, SHOWN)) + "…";
      } else if (bytes.length > SHOWN * 4) {
        text = text + "…";
      }
      return '"' + text.replace("\n", "\\n") + "\" (" + bytes.length + " bytes)";
    } catch (CharacterCodingException e) {
      return "<" + bytes.length + " bytes>";
    }
  }
}
