package dev.s2.client;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * The framing of S2S sessions, the client's side (its own implementation: the embedded S2's is a separate one,
 * so that each checks the other). From S2's {@code s2s.md} and its server's {@code api/src/v1/stream/s2s.rs}:
 *
 * <ul>
 *   <li>A frame is a 3-byte big-endian length (of the flag byte and the body), a flag byte and the body. The
 *       length is 1 to 2 MiB: a frame is at most 2 MiB, the length prefix aside.
 *   <li>The flag byte is {@code [T][CC][R][RRRR]}: bit 7 terminal; bits 6-5 the body's compression ({@code 00}
 *       none, {@code 01} zstd, {@code 10} gzip, {@code 11} undefined: refused); bit 4 "reconnect advised", set by
 *       a server about to end the session (which {@code s2s.md} still calls reserved); the rest reserved, ignored.
 *   <li>A regular body is a protobuf message, compressed only when it is 1 KiB or more; it decompresses to at most
 *       2 MiB - 1 bytes. A terminal body is a 2-byte status followed by the error's JSON, as a unary answer's body
 *       (never compressed).
 * </ul>
 *
 * <p>Reading is bounded: a frame is read only once its length is known to be within the limit, and decompression
 * stops one byte past the limit.
 */
final class S2sFrames {
  /** The most a frame's length field may say (flag byte and body). */
  static final int MAX_FRAME_BYTES = 2 * 1024 * 1024;
  /** The most a body may hold, compressed or not. */
  static final int MAX_PAYLOAD_BYTES = MAX_FRAME_BYTES - 1;
  /** Messages at least this large are compressed when a compression is chosen. */
  static final int COMPRESSION_THRESHOLD = 1024;

  static final int FLAG_TERMINAL = 0x80;
  static final int FLAG_COMPRESSION_MASK = 0x60;
  static final int FLAG_COMPRESSION_SHIFT = 5;
  static final int FLAG_RECONNECT_ADVISED = 0x10;

  private S2sFrames() {}

  /**
   * A regular frame holding {@code message}, compressed with {@code compression} when it is 1 KiB or more.
   *
   * @throws IllegalArgumentException when the message (or its compressed form) exceeds a frame
   */
  static byte[] regular(byte[] message, Compression compression) {
    if (message.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("a message of " + message.length + " bytes exceeds an S2S frame ("
          + MAX_PAYLOAD_BYTES + " bytes)");
    }
    Compression used = message.length < COMPRESSION_THRESHOLD ? Compression.NONE : compression;
    byte[] body = compress(message, used);
    if (body.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("a message compressed to " + body.length + " bytes exceeds an S2S frame");
    }
    int length = 1 + body.length;
    byte[] frame = new byte[3 + length];
    frame[0] = (byte) (length >>> 16);
    frame[1] = (byte) (length >>> 8);
    frame[2] = (byte) length;
    frame[3] = (byte) (used.bits() << FLAG_COMPRESSION_SHIFT);
    System.arraycopy(body, 0, frame, 4, body.length);
    return frame;
  }

  static byte[] compress(byte[] data, Compression compression) {
    switch (compression) {
      case ZSTD: {
        ZstdCompressor zstd = new ZstdCompressor();
        byte[] out = new byte[zstd.maxCompressedLength(data.length)];
        int n = zstd.compress(data, 0, data.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
      }
      case GZIP: {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, data.length / 2));
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
          gzip.write(data);
        } catch (IOException e) {
          throw new UncheckedIOException(e); // not reached: memory streams do not fail
        }
        return bytes.toByteArray();
      }
      default:
        return data;
    }
  }

  /**
   * Decompresses a body into at most {@code limit} bytes.
   *
   * @throws Malformed when the body is not what its flag says, or decompresses to more than {@code limit}
   */
  static byte[] decompress(byte[] body, Compression compression, int limit) throws Malformed {
    if (compression == Compression.NONE) {
      if (body.length > limit) {
        throw new Malformed("a message of " + body.length + " bytes exceeds the limit of " + limit);
      }
      return body;
    }
    try (InputStream in = compression == Compression.GZIP
        ? new GZIPInputStream(new ByteArrayInputStream(body))
        : new ZstdInputStream(new ByteArrayInputStream(body))) {
      byte[] out = in.readNBytes(limit + 1);
      if (out.length > limit) {
        throw new Malformed("a " + compression.name().toLowerCase(java.util.Locale.ROOT)
            + " message decompresses to more than " + limit + " bytes");
      }
      return out;
    } catch (IOException | MalformedInputException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new Malformed("a " + compression.name().toLowerCase(java.util.Locale.ROOT) + " message does not "
          + "decompress: " + e.getMessage());
    }
  }

  /** Bytes that are not S2S frames as S2 sends them. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** One frame, decoded. */
  static final class Frame {
    final boolean terminal;
    final boolean reconnectAdvised;
    /** Whether the body came compressed. */
    final Compression compression;
    /** A regular frame's message, decompressed; a terminal frame's JSON as UTF-8 bytes. */
    final byte[] message;
    /** A terminal frame's status; 0 for a regular frame. */
    final int status;

    private Frame(boolean terminal, boolean reconnectAdvised, Compression compression, byte[] message, int status) {
      this.terminal = terminal;
      this.reconnectAdvised = reconnectAdvised;
      this.compression = compression;
      this.message = message;
      this.status = status;
    }

    @Override
    public String toString() {
      return terminal
          ? "terminal frame " + status + " " + new String(message, StandardCharsets.UTF_8)
          : "frame of " + message.length + " bytes" + (compression == Compression.NONE ? "" : " (" + compression
              + ")") + (reconnectAdvised ? ", reconnect advised" : "");
    }
  }

  /** Reads frames from a response body. Not thread-safe: one reader per body. */
  static final class Reader {
    private final BufferedSource source;
    private final int maxFrameBytes;
    private final int maxMessageBytes;

    /**
     * @param source the body
     * @param maxBytes the most a frame may hold, compressed or decompressed (at most S2's 2 MiB)
     */
    Reader(BufferedSource source, long maxBytes) {
      this.source = source;
      this.maxFrameBytes = (int) Math.min(MAX_FRAME_BYTES, maxBytes);
      this.maxMessageBytes = (int) Math.min(MAX_PAYLOAD_BYTES, maxBytes);
    }

    /** Bytes received from the connection and not yet consumed as frames. */
    long bufferedBytes() {
      return source.getBuffer().size();
    }

    /**
     * Reads the next frame, blocking until it is complete.
     *
     * @return the frame, or null when the body ended cleanly between two frames
     * @throws IOException when the connection fails, times out, or ends inside a frame ({@link java.io.EOFException})
     * @throws Malformed when the bytes break the framing (a length of 0 or over the limit, compression bits
     *     {@code 11}, a body that does not decompress, a terminal frame without status)
     */
    @Nullable Frame next() throws IOException, Malformed {
      if (source.exhausted()) {
        return null;
      }
      source.require(3);
      int length = ((source.readByte() & 0xff) << 16) | ((source.readByte() & 0xff) << 8)
          | (source.readByte() & 0xff);
      if (length == 0) {
        throw new Malformed("a frame of length 0 (the flag byte is mandatory)");
      }
      if (length > maxFrameBytes) {
        throw new Malformed("a frame of " + length + " bytes exceeds the limit of " + maxFrameBytes);
      }
      source.require(length);
      int flag = source.readByte() & 0xff;
      byte[] body = source.readByteArray(length - 1L);
      boolean advised = (flag & FLAG_RECONNECT_ADVISED) != 0;
      if ((flag & FLAG_TERMINAL) != 0) {
        if (body.length < 2) {
          throw new Malformed("a terminal frame without its 2-byte status");
        }
        int status = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
        return new Frame(true, advised, Compression.NONE, Arrays.copyOfRange(body, 2, body.length), status);
      }
      Compression compression = Compression.ofBits((flag & FLAG_COMPRESSION_MASK) >>> FLAG_COMPRESSION_SHIFT);
      if (compression == null) {
        throw new Malformed("a frame with compression bits 11, which S2 does not define");
      }
      return new Frame(false, advised, compression, decompress(body, compression, maxMessageBytes), 0);
    }
  }
}
