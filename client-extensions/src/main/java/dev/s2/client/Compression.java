package dev.s2.client;

/**
 * How the client compresses the frames of its S2S sessions (append and read sessions over HTTP/2; see
 * {@link S2Client.Builder#sessionTransport(SessionTransport)}), set per client with
 * {@link S2Client.Builder#compression(Compression)}. Off by default.
 *
 * <p>S2S compresses message by message, not the HTTP body: a frame's flag byte says whether its body is plain,
 * zstd or gzip. With a compression chosen, the client compresses every append input of 1 KiB or more (smaller
 * ones are sent plain, as S2's protocol asks) and advertises it with {@code Accept-Encoding} on each session, so
 * that S2 compresses the acknowledgements and read batches of 1 KiB or more it sends back. Whatever is chosen, the
 * client reads frames in any of the three forms, as the flag byte of each says. Unary calls and SSE sessions are
 * not affected.
 *
 * <p>zstd is implemented in pure Java (aircompressor); gzip by the JDK. zstd compresses about as well as gzip at a
 * fraction of the CPU cost; gzip is there for peers without zstd.
 */
public enum Compression {
  /** Frames are sent plain and the client asks for plain frames ({@code Accept-Encoding: identity}). The default. */
  NONE(0, "identity"),
  /** Frames of 1 KiB or more are zstd-compressed, both ways ({@code Accept-Encoding: zstd}). */
  ZSTD(1, "zstd"),
  /** Frames of 1 KiB or more are gzip-compressed, both ways ({@code Accept-Encoding: gzip}). */
  GZIP(2, "gzip");

  private final int bits;
  private final String acceptEncoding;

  Compression(int bits, String acceptEncoding) {
    this.bits = bits;
    this.acceptEncoding = acceptEncoding;
  }

  /** The value of the flag byte's two compression bits (bits 6-5) for a frame compressed this way. */
  int bits() {
    return bits;
  }

  /** What a session request sends as {@code Accept-Encoding}. */
  String acceptEncoding() {
    return acceptEncoding;
  }

  /** The compression of a frame's two flag bits; null for {@code 11}, which S2 does not define. */
  static @org.jspecify.annotations.Nullable Compression ofBits(int bits) {
    switch (bits) {
      case 0:
        return NONE;
      case 1:
        return ZSTD;
      case 2:
        return GZIP;
      default:
        return null;
    }
  }
}
