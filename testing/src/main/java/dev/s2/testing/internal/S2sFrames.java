package dev.s2.testing.internal;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * S2S framing ({@code s2s.md}; S2's server, {@code api/src/v1/stream/s2s.rs}): a 3-byte big-endian
 * length (of the flag byte and the body), a flag byte {@code [T][CC][R][RRRR]} (bit 7 terminal;
 * bits 6-5 compression none/zstd/gzip; bit 4 "reconnect advised", set by a server about to go away;
 * the rest reserved), then the body: a protobuf message, or for a terminal frame a 2-byte status
 * and the error JSON. A frame's length is 1..2 MiB; a body decompresses to at most 2 MiB - 1;
 * messages under 1 KiB are never compressed.
 */
public final class S2sFrames {
  /** The most a frame's length field may say (flag byte + body). */
  public static final int MAX_FRAME_BYTES = 2 * 1024 * 1024;

  /** The most a body may hold, compressed or not. */
  public static final int MAX_PAYLOAD_BYTES = MAX_FRAME_BYTES - 1;

  /** Messages at least this large are compressed when the peer accepts a compression. */
  public static final int COMPRESSION_THRESHOLD = 1024;

  static final int FLAG_TERMINAL = 0x80;
  static final int FLAG_COMPRESSION_MASK = 0x60;
  static final int FLAG_COMPRESSION_SHIFT = 5;
  static final int FLAG_RECONNECT_ADVISED = 0x10;

  private S2sFrames() {}

  /** The compression of a frame's body: the value of its two flag bits. */
  public enum Compression {
    NONE,
    ZSTD,
    GZIP
  }

  /**
   * What S2's server answers with for an {@code Accept-Encoding}: zstd when listed, else gzip when
   * listed, else none (quality values are not weighed).
   */
  static Compression fromAcceptEncoding(List<String> headerValues) {
    boolean gzip = false;
    for (String value : headerValues) {
      for (String part : value.split(",")) {
        String coding = part.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (coding.equals("zstd")) {
          return Compression.ZSTD;
        }
        gzip |= coding.equals("gzip");
      }
    }
    return gzip ? Compression.GZIP : Compression.NONE;
  }

  /** A regular frame: the message compressed with {@code compression} when it is 1 KiB or more. */
  static byte[] regular(byte[] message, Compression compression) {
    if (message.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalStateException(
          "message of " + message.length + " bytes exceeds the frame limit");
    }
    Compression used = message.length < COMPRESSION_THRESHOLD ? Compression.NONE : compression;
    byte[] body = compress(message, used);
    if (body.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalStateException(
          "compressed message of " + body.length + " bytes exceeds the frame limit");
    }
    return frame(used.ordinal() << FLAG_COMPRESSION_SHIFT, body);
  }

  /** A terminal frame: the status (2 bytes) and the error JSON; never compressed. */
  public static byte[] terminal(int status, String json) {
    byte[] text = json.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[2 + text.length];
    body[0] = (byte) (status >>> 8);
    body[1] = (byte) status;
    System.arraycopy(text, 0, body, 2, text.length);
    return frame(FLAG_TERMINAL, body);
  }

  /** A frame of any flag byte and body, as is. */
  public static byte[] frame(int flag, byte[] body) {
    int length = 1 + body.length;
    byte[] out = new byte[3 + length];
    out[0] = (byte) (length >>> 16);
    out[1] = (byte) (length >>> 8);
    out[2] = (byte) length;
    out[3] = (byte) flag;
    System.arraycopy(body, 0, out, 4, body.length);
    return out;
  }

  static byte[] compress(byte[] data, Compression compression) {
    switch (compression) {
      case ZSTD:
        {
          ZstdCompressor zstd = new ZstdCompressor();
          byte[] out = new byte[zstd.maxCompressedLength(data.length)];
          int n = zstd.compress(data, 0, data.length, out, 0, out.length);
          return Arrays.copyOf(out, n);
        }
      case GZIP:
        {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, data.length / 2));
          try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(data);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return bytes.toByteArray();
        }
      default:
        return data;
    }
  }

  /** A frame that breaks the protocol: a {@code bad_frame} (400) answer. */
  static final class FrameException extends Exception {
    private static final long serialVersionUID = 1L;

    FrameException(String message) {
      super(message, null, false, false);
    }
  }

  /** One decoded frame. */
  static final class Frame {
    final boolean terminal;
    final Compression compression;

    /** The body as received (compressed or not; with the status first for a terminal frame). */
    final byte[] body;

    Frame(boolean terminal, Compression compression, byte[] body) {
      this.terminal = terminal;
      this.compression = compression;
      this.body = body;
    }

    /** The message, decompressed and bounded. */
    byte[] message() throws FrameException {
      return decompress(body, compression);
    }
  }

  static byte[] decompress(byte[] body, Compression compression) throws FrameException {
    switch (compression) {
      case ZSTD:
        {
          byte[] out = new byte[MAX_PAYLOAD_BYTES];
          try {
            int n = new ZstdDecompressor().decompress(body, 0, body.length, out, 0, out.length);
            return Arrays.copyOf(out, n);
          } catch (MalformedInputException
              | IllegalArgumentException
              | IndexOutOfBoundsException e) {
            throw new FrameException("zstd: " + e.getMessage());
          }
        }
      case GZIP:
        {
          try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] out = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
            if (out.length > MAX_PAYLOAD_BYTES) {
              throw new FrameException("decompressed payload exceeds limit");
            }
            return out;
          } catch (IOException e) {
            throw new FrameException("gzip: " + e.getMessage());
          }
        }
      default:
        return body;
    }
  }

  /**
   * Reads frames from a request body, counting the bytes read so that a cut can fall at a byte
   * offset. Bounded: a frame is read only once its length is known to be within the limit.
   */
  static final class Reader {
    /** Called before bytes are read; throws to cut the session. */
    interface ByteBudget {
      /**
       * @param readSoFar the bytes read so far
       * @return how many more bytes may be read before the cut (Long.MAX_VALUE: no cut)
       */
      long remaining(long readSoFar);

      /**
       * The budget is used up: throws to cut the session, or returns to read on without a limit.
       */
      void exhausted() throws SessionAbort;
    }

    private final InputStream in;
    private final ByteBudget budget;
    private long bytesRead;

    Reader(InputStream in, ByteBudget budget) {
      this.in = in;
      this.budget = budget;
    }

    long bytesRead() {
      return bytesRead;
    }

    /** The next frame, or null at a clean end of the body (between frames). */
    @Nullable Frame next() throws IOException, FrameException, SessionAbort {
      byte[] prefix = read(3, true);
      if (prefix == null) {
        return null;
      }
      int length = ((prefix[0] & 0xff) << 16) | ((prefix[1] & 0xff) << 8) | (prefix[2] & 0xff);
      if (length > MAX_FRAME_BYTES) {
        throw new FrameException("frame exceeds decode limit");
      }
      if (length == 0) {
        throw new FrameException("empty frame payload");
      }
      byte[] rest = read(length, false);
      int flag = rest[0] & 0xff;
      boolean terminal = (flag & FLAG_TERMINAL) != 0;
      int bits = (flag & FLAG_COMPRESSION_MASK) >>> FLAG_COMPRESSION_SHIFT;
      if (!terminal && bits == 3) {
        throw new FrameException("unknown compression algorithm");
      }
      Compression compression = terminal ? Compression.NONE : Compression.values()[bits];
      return new Frame(terminal, compression, Arrays.copyOfRange(rest, 1, rest.length));
    }

    /** Exactly n bytes; null when the body ended before the first byte and {@code endOk}. */
    private byte @Nullable [] read(int n, boolean endOk)
        throws IOException, FrameException, SessionAbort {
      byte[] out = new byte[n];
      int filled = 0;
      while (filled < n) {
        long allowed = budget.remaining(bytesRead);
        if (allowed <= 0) {
          budget.exhausted(); // throws when the cut applies
          allowed = Long.MAX_VALUE;
        }
        int want = (int) Math.min(n - filled, allowed);
        int got = in.read(out, filled, want);
        if (got < 0) {
          if (filled == 0 && endOk) {
            return null;
          }
          throw new FrameException("bytes remaining on stream");
        }
        filled += got;
        bytesRead += got;
      }
      return out;
    }
  }
}
