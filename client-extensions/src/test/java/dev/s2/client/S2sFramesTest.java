package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client's S2S framing on its own (the embedded S2's independent implementation checks it on the wire): the
 * layout of {@code s2s.md}, compression only from 1 KiB, every limit, and every way a frame can be malformed.
 */
class S2sFramesTest {

  private static byte[] compressible(int size) {
    byte[] out = new byte[size];
    for (int i = 0; i < size; i++) {
      out[i] = (byte) ('a' + (i % 7));
    }
    return out;
  }

  private static S2sFrames.Reader reader(byte[]... frames) {
    Buffer b = new Buffer();
    for (byte[] f : frames) {
      b.write(f);
    }
    return new S2sFrames.Reader(b, S2sFrames.MAX_FRAME_BYTES);
  }

  /** Raw frame bytes, as the embedded S2's own (independent) framing writes them, malformed ones included. */
  private static byte[] frame(int flag, byte[] body) {
    return dev.s2.testing.internal.S2sFrames.frame(flag, body);
  }

  @Test
  void aSmallMessageIsNeverCompressedAndTheLayoutIsLengthFlagBody() throws Exception {
    byte[] message = compressible(1023);

    byte[] f = S2sFrames.regular(message, Compression.ZSTD);

    assertThat(f).hasSize(3 + 1 + 1023);
    assertThat(((f[0] & 0xff) << 16) | ((f[1] & 0xff) << 8) | (f[2] & 0xff)).isEqualTo(1024); // flag + body
    assertThat(f[3]).isEqualTo((byte) 0); // regular, not compressed, nothing reserved set
    assertThat(Arrays.copyOfRange(f, 4, f.length)).isEqualTo(message);
    S2sFrames.Frame read = reader(f).next();
    assertThat(read.terminal).isFalse();
    assertThat(read.compression).isEqualTo(Compression.NONE);
    assertThat(read.message).isEqualTo(message);
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void aMessageOfOneKibibyteOrMoreIsCompressedAsAskedAndRoundTrips(Compression compression) throws Exception {
    byte[] message = compressible(64 * 1024);

    byte[] f = S2sFrames.regular(message, compression);

    assertThat((f[3] & 0x60) >>> 5).isEqualTo(compression.bits());
    if (compression != Compression.NONE) {
      assertThat(f.length).isLessThan(message.length / 4);
    }
    S2sFrames.Frame read = reader(f).next();
    assertThat(read.compression).isEqualTo(compression);
    assertThat(read.message).isEqualTo(message);
  }

  @Test
  void framesFollowEachOtherAndTheBodyEndsCleanlyBetweenThem() throws Exception {
    byte[] random = new byte[5000];
    new Random(7).nextBytes(random);
    S2sFrames.Reader r = reader(S2sFrames.regular(random, Compression.GZIP), S2sFrames.regular(new byte[0],
        Compression.GZIP), S2sFrames.regular("x".getBytes(StandardCharsets.UTF_8), Compression.NONE));

    assertThat(r.next().message).isEqualTo(random);
    assertThat(r.next().message).isEmpty();
    assertThat(r.next().message).containsExactly('x');
    assertThat(r.next()).isNull();
  }

  @Test
  void aTerminalFrameCarriesItsStatusAndJson() throws Exception {
    byte[] json = "{\"seq_num_mismatch\":7}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[2 + json.length];
    body[0] = (byte) (412 >>> 8);
    body[1] = (byte) 412;
    System.arraycopy(json, 0, body, 2, json.length);

    S2sFrames.Frame read = reader(frame(0x80, body)).next();

    assertThat(read.terminal).isTrue();
    assertThat(read.status).isEqualTo(412);
    assertThat(new String(read.message, StandardCharsets.UTF_8)).isEqualTo("{\"seq_num_mismatch\":7}");
  }

  @Test
  void theReconnectAdvisedBitIsReadAndOtherReservedBitsAreIgnored() throws Exception {
    S2sFrames.Frame advised = reader(frame(0x10, new byte[] {1})).next();
    S2sFrames.Frame reserved = reader(frame(0x0f, new byte[] {1})).next();

    assertThat(advised.reconnectAdvised).isTrue();
    assertThat(reserved.reconnectAdvised).isFalse();
    assertThat(reserved.message).containsExactly(1);
  }

  @Test
  void malformedFramesAreRefusedNamingTheProblem() {
    assertThatThrownBy(() -> reader(new byte[] {0, 0, 0}).next()).isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage("a frame of length 0 (the flag byte is mandatory)");
    int tooLong = S2sFrames.MAX_FRAME_BYTES + 1;
    assertThatThrownBy(() -> reader(new byte[] {(byte) (tooLong >>> 16), (byte) (tooLong >>> 8), (byte) tooLong})
        .next()).isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage("a frame of 2097153 bytes exceeds the limit of 2097152");
    assertThatThrownBy(() -> reader(frame(0x60, new byte[] {1})).next()).isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage("a frame with compression bits 11, which S2 does not define");
    assertThatThrownBy(() -> reader(frame(0x80, new byte[] {1})).next()).isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage("a terminal frame without its 2-byte status");
    assertThatThrownBy(() -> reader(frame(0x40, "not gzip".getBytes(StandardCharsets.UTF_8))).next())
        .isInstanceOf(S2sFrames.Malformed.class).hasMessageStartingWith("a gzip message does not decompress: ");
    assertThatThrownBy(() -> reader(frame(0x20, "not zstd".getBytes(StandardCharsets.UTF_8))).next())
        .isInstanceOf(S2sFrames.Malformed.class).hasMessageStartingWith("a zstd message does not decompress: ");
  }

  @ParameterizedTest
  @EnumSource(value = Compression.class, names = {"GZIP", "ZSTD"})
  void aBodyThatDecompressesBeyondTwoMebibytesIsRefusedWithoutBeingHeldWhole(Compression compression) {
    byte[] bomb = S2sFrames.compress(new byte[3 * 1024 * 1024], compression);
    assertThat(bomb.length).isLessThan(64 * 1024);

    assertThatThrownBy(() -> reader(frame(compression.bits() << 5, bomb)).next())
        .isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage("a " + compression.name().toLowerCase(java.util.Locale.ROOT)
            + " message decompresses to more than 2097151 bytes");
  }

  @Test
  void aSmallerLimitAppliesToTheFrameAndToWhatItDecompressesTo() {
    S2sFrames.Reader limited = new S2sFrames.Reader(new Buffer().write(S2sFrames.regular(compressible(100_000),
        Compression.GZIP)), 64 * 1024);

    assertThatThrownBy(limited::next).isInstanceOf(S2sFrames.Malformed.class)
        .hasMessage("a gzip message decompresses to more than 65536 bytes");
  }

  @Test
  void aFrameCutShortIsAnEndOfStreamNotACleanEnd() {
    byte[] f = S2sFrames.regular(compressible(100), Compression.NONE);

    assertThatThrownBy(() -> reader(Arrays.copyOf(f, 50)).next()).isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> reader(Arrays.copyOf(f, 2)).next()).isInstanceOf(EOFException.class);
  }

  @Test
  void aMessageBeyondAFrameIsRefusedBeforeSending() {
    assertThatThrownBy(() -> S2sFrames.regular(new byte[S2sFrames.MAX_PAYLOAD_BYTES + 1], Compression.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a message of 2097152 bytes exceeds an S2S frame (2097151 bytes)");
  }
}
