package dev.s2.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The profiles BENCHMARKS.md quotes, from a JFR recording ({@code -prof jfr} in JMH, or {@code
 * -XX:StartFlightRecording}): where the CPU samples fall ({@code jdk.ExecutionSample}) and what is
 * allocated where ({@code jdk.ObjectAllocationSample}, weighted by the bytes each sample stands
 * for).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.s2.bench.JfrTop cpu|alloc recording.jfr [rows] [thread]
 * </pre>
 *
 * <p>{@code cpu}: the share of samples per method at the top of the stack ("self"), then per method
 * anywhere on the stack ("total", each sample counted once per method). {@code alloc}: the share of
 * sampled bytes per allocated class and allocating frame. {@code thread} keeps only the samples of
 * threads whose name contains it ({@code !name}: whose name does not).
 */
public final class JfrTop {
  private JfrTop() {}

  /**
   * Prints the tables.
   *
   * @param args {@code cpu} or {@code alloc}, the recording, optionally the number of rows (default
   *     25) and a thread name filter
   * @throws IOException if the recording cannot be read
   */
  public static void main(String[] args) throws IOException {
    boolean cpu = args[0].equals("cpu");
    List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[1]));
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 25;
    String thread = args.length > 3 ? args[3] : null;
    Map<String, Double> self = new HashMap<>();
    Map<String, Double> total = new HashMap<>();
    double all = 0;
    for (RecordedEvent e : events) {
      String type = e.getEventType().getName();
      if (!type.equals(cpu ? "jdk.ExecutionSample" : "jdk.ObjectAllocationSample")) {
        continue;
      }
      if (thread != null) {
        RecordedThread t = e.getThread(cpu ? "sampledThread" : "eventThread");
        String name = t == null || t.getJavaName() == null ? "" : t.getJavaName();
        boolean exclude = thread.startsWith("!");
        if (name.contains(exclude ? thread.substring(1) : thread) == exclude) {
          continue;
        }
      }
      RecordedStackTrace stack = e.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      double weight = cpu ? 1 : e.getLong("weight");
      all += weight;
      List<RecordedFrame> frames = stack.getFrames();
      if (cpu) {
        self.merge(frame(frames.get(0)), weight, Double::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame f : frames) {
          String m = method(f);
          if (seen.add(m)) {
            total.merge(m, weight, Double::sum);
          }
        }
      } else {
        String cls = e.getClass("objectClass").getName();
        self.merge(
            cls
                + " <- "
                + frame(frames.get(0))
                + " <- "
                + (frames.size() > 1 ? frame(frames.get(1)) : ""),
            weight,
            Double::sum);
        total.merge(cls, weight, Double::sum);
      }
    }
    System.out.printf(
        "%s samples: %,.0f%s%n",
        cpu ? "CPU" : "allocated bytes (sampled)",
        all,
        thread == null ? "" : " (threads matching '" + thread + "')");
    print(cpu ? "self (top of stack)" : "by class and allocation site", self, all, rows);
    print(cpu ? "total (anywhere on the stack)" : "by class", total, all, rows);
  }

  private static void print(String title, Map<String, Double> counts, double all, int rows) {
    System.out.println();
    System.out.println("| " + title + " | share |");
    System.out.println("|---|---:|");
    counts.entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .limit(rows)
        .forEach(
            en -> System.out.printf("| `%s` | %.1f%% |%n", en.getKey(), 100 * en.getValue() / all));
  }

  private static String method(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static String frame(RecordedFrame f) {
    return method(f) + ":" + f.getLineNumber();
  }
}
