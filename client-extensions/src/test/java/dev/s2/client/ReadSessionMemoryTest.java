package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A consumer that stops taking records does not make the session buffer what the server keeps
 * sending: the session holds at most its buffer, in this JVM (measured) and in a JVM whose heap is
 * smaller than the data that flowed while it stalled (it would run out of memory otherwise).
 */
class ReadSessionMemoryTest extends EmbeddedSessionTest {
  static final int BODY = 64 * 1024;
  static final int PER_APPEND = 15; // 15 x (64 KiB + 8) metered: just under S2's 1 MiB per append
  static final long BUFFER = 2L * 1024 * 1024;

  /** A body of 64 KiB whose first 8 bytes are its record's number and the rest a pattern of it. */
  static byte[] body(long i) {
    byte[] b = new byte[BODY];
    Arrays.fill(b, (byte) i);
    for (int k = 0; k < 8; k++) {
      b[k] = (byte) (i >>> (56 - 8 * k));
    }
    return b;
  }

  private void appendBig(int from, int n) {
    for (int done = 0; done < n; done += PER_APPEND) {
      List<AppendRecord> records = new ArrayList<>();
      for (int i = done; i < Math.min(n, done + PER_APPEND); i++) {
        records.add(AppendRecord.of(body(from + i)));
      }
      f.stream.append(records);
    }
  }

  /** A minute passes on the server's clock while nobody reads. */
  private static void aMinutePasses() {
    for (int i = 0; i < 6; i++) {
      CLOCK.advance(Duration.ofSeconds(10));
    }
  }

  @Test
  void aStalledConsumerHoldsNoMoreThanTheBuffer() {
    int before = 150;
    int during = 300; // about 19 MiB sent while the consumer takes nothing
    appendBig(0, before);
    long peak;
    long atStall;
    ReadSessionOptions options = ReadSessionOptions.builder().bufferBytes(BUFFER).build();
    ReadOptions read =
        ReadOptions.fromSeqNum(0).withCount(before + during).withWait(Duration.ofMinutes(5));
    try (ReadSession session = f.stream.readSession(read, options)) {
      Iterator<SequencedRecord> it = session.iterator();
      assertThat(it.next().body()).isEqualTo(body(0));

      appendBig(before, during);
      aMinutePasses();

      atStall = session.bufferedBytes();
      assertThat(atStall)
          .isBetween(9L * BODY, BUFFER); // the rest of the first batch (10 records), nothing more
      peak = atStall;
      long next = 1;
      while (it.hasNext()) {
        SequencedRecord r = it.next();
        assertThat(r.seqNum()).isEqualTo(next);
        assertThat(r.body()).isEqualTo(body(next));
        next++;
        peak = Math.max(peak, session.bufferedBytes());
      }
      assertThat(next).isEqualTo(before + during);
    }
    System.out.printf(
        "stalled consumer: %d bytes buffered while stalled, peak %d, buffer %d, %d MiB read%n",
        atStall, peak, BUFFER, (before + during) * (long) BODY >> 20);
    assertThat(peak).isLessThanOrEqualTo(BUFFER);
  }

  @Test
  void anEventLargerThanTheBufferEndsTheSessionInsteadOfGrowingMemory() {
    appendBig(0, PER_APPEND); // events of 10 records: about 870 KB of JSON
    ReadSessionOptions options = ReadSessionOptions.builder().bufferBytes(512 * 1024).build();
    try (ReadSession session =
        f.stream.readSession(ReadOptions.fromSeqNum(0).withCount(PER_APPEND), options)) {
      S2DecodingException e =
          catchThrowableOfType(S2DecodingException.class, () -> session.iterator().hasNext());
      assertThat(e)
          .hasMessage(
              "GET /v1/streams/"
                  + f.stream.name()
                  + "/records: an SSE event is larger than the"
                  + " session's buffer of 524288 bytes (ReadSessionOptions.bufferBytes)");
      assertThat(e.isRetryable()).isFalse();
      assertThat(session.bufferedBytes()).isZero(); // the connection and its bytes were let go
    }
  }

  @Test
  void aStalledConsumerInAHeapSmallerThanTheDataReadsItAll() throws Exception {
    int first = 30;
    int during = 1_005; // about 63 MiB flows while the consumer stalls, in a JVM of 24 MiB
    int total = first + during;
    appendBig(0, first);
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx24m",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            SlowConsumer.class.getName(),
            f.s2.basinEndpoint().toString(),
            f.s2.accessToken(),
            SessionFixture.BASIN,
            f.stream.name(),
            Integer.toString(total),
            Long.toString(BUFFER));
    pb.redirectErrorStream(true);
    Process child = pb.start();
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        OutputStream in = child.getOutputStream()) {
      String stalled = lineStartingWith(out, "STALLED", output);

      appendBig(first, during);
      aMinutePasses();
      in.write("go\n".getBytes(StandardCharsets.UTF_8));
      in.flush();

      String[] done = lineStartingWith(out, "DONE", output).split(" ");
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("exit code; output: %s", output).isZero();
      long heapAfterStall = Long.parseLong(done[3]);
      System.out.printf(
          "stalled consumer in -Xmx24m: %s records (%d MiB) read, peak buffered %s bytes, heap"
              + " used %s bytes when stalled and %d bytes after the stall%n",
          done[1], total * (long) BODY >> 20, done[2], stalled.split(" ")[1], heapAfterStall);
      assertThat(Long.parseLong(done[1])).isEqualTo(total);
      assertThat(Long.parseLong(done[2])).isLessThanOrEqualTo(BUFFER);
      assertThat(heapAfterStall).isLessThan(16L << 20);
    } finally {
      child.destroyForcibly();
    }
  }

  private static String lineStartingWith(BufferedReader out, String prefix, List<String> output)
      throws Exception {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      output.add(line);
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError(
        "the consumer ended without saying " + prefix + "; its output: " + output);
  }
}
