package dev.s2.client;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;

/**
 * A consumer in a JVM of its own (started by {@link ReadSessionMemoryTest} with a small heap): it takes one record
 * of a read session (bounded by a count, waiting up to 5 minutes for records to come), says {@code STALLED}, waits for a line on stdin while the stream grows far beyond its heap,
 * then reads everything and says {@code DONE <records> <peak buffered bytes> <heap used after the stall>}. A session
 * that buffered what the server sent while the consumer stalled would run out of memory here.
 *
 * <p>Arguments: endpoint, access token, basin, stream, records to read, buffer bytes.
 */
public final class SlowConsumer {
  private SlowConsumer() {}

  /**
   * Runs the consumer.
   *
   * @param args endpoint, token, basin, stream, count, buffer bytes
   * @throws Exception on any failure (the exit code is then non-zero)
   */
  public static void main(String[] args) throws Exception {
    String endpoint = args[0];
    long total = Long.parseLong(args[4]);
    ReadSessionOptions options = ReadSessionOptions.builder().bufferBytes(Long.parseLong(args[5])).build();
    try (S2Client client = S2Client.builder().accessToken(args[1]).baseUrl(endpoint).basinEndpoint(endpoint)
            .sessionTransport(SessionTransport.SSE_AND_UNARY).build();
        ReadSession session = client.basin(args[2]).stream(args[3])
            .readSession(ReadOptions.fromSeqNum(0).withCount(total).withWait(Duration.ofMinutes(5)), options)) {
      Iterator<SequencedRecord> records = session.iterator();
      long next = records.next().seqNum() + 1;
      long peak = session.bufferedBytes();
      System.out.println("STALLED " + heapUsedAfterGc());
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      long heapAfterStall = heapUsedAfterGc();
      while (records.hasNext()) {
        SequencedRecord r = records.next();
        if (r.seqNum() != next) {
          throw new AssertionError("expected record " + next + ", got " + r.seqNum());
        }
        next++;
        peak = Math.max(peak, session.bufferedBytes());
      }
      System.out.println("DONE " + next + " " + peak + " " + heapAfterStall);
    }
  }

  private static long heapUsedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
