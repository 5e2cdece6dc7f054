package dev.s2.bench;

import java.util.SplittableRandom;

/**
 * The record bodies of the record benchmarks: random bytes (any byte value, as S2 carries them) of
 * a given size.
 */
final class RecordBodies {
  /** The body sizes the record benchmarks measure: 16 B, 1 KiB and 64 KiB. */
  static final int[] SIZES = {16, 1024, 65536};

  private RecordBodies() {}

  static byte[] body(int size, SplittableRandom random) {
    byte[] body = new byte[size];
    for (int i = 0; i < size; i++) {
      body[i] = (byte) random.nextInt(256);
    }
    return body;
  }

  /** {@code count} different bodies of {@code size} bytes, the same in every run. */
  static byte[][] bodies(int size, int count) {
    SplittableRandom random = new SplittableRandom(7L * size + count);
    byte[][] bodies = new byte[count][];
    for (int i = 0; i < count; i++) {
      bodies[i] = body(size, random);
    }
    return bodies;
  }

  /**
   * The records one read operation reads for a body size: a whole number of batches, about 15 MB to
   * 130 MB of SSE, so that one operation lasts tens to hundreds of milliseconds.
   */
  static long readCount(int size) {
    SseFeed.checkSize(size);
    return size <= 16 ? 200_000 : size <= 1024 ? 50_000 : 1_500;
  }

  /** The records one append operation submits for a body size (about 2 MB to 40 MB). */
  static long appendCount(int size) {
    SseFeed.checkSize(size);
    return size <= 16 ? 100_000 : size <= 1024 ? 20_000 : 600;
  }

  /**
   * The rate of the paced append runs, in records a second: well below what either SDK sustains
   * (20,000 records of 16 B, 10,000 of 1 KiB, 300 of 64 KiB), so that latency is linger and round
   * trip, not queueing.
   */
  static long pacedRate(int size) {
    SseFeed.checkSize(size);
    return size <= 16 ? 20_000 : size <= 1024 ? 10_000 : 300;
  }

  /** The stream of a body size on the benchmark server: {@code records-<size>}. */
  static String stream(int size) {
    return "records-" + size;
  }
}
