package dev.s2.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where node spends its time, from a V8 CPU profile ({@code node --cpu-prof}): the share of sampled
 * time per function at the top of the stack ("self"), the JavaScript counterpart of {@link JfrTop}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.s2.bench.CpuProfileTop file.cpuprofile [rows]
 * </pre>
 */
public final class CpuProfileTop {
  private CpuProfileTop() {}

  /**
   * Prints the table.
   *
   * @param args the profile, then optionally the number of rows (default 20)
   * @throws IOException if the profile cannot be read
   */
  public static void main(String[] args) throws IOException {
    JsonNode profile = new ObjectMapper().readTree(new File(args[0]));
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Map<Integer, String> names = new HashMap<>();
    for (JsonNode node : profile.get("nodes")) {
      JsonNode frame = node.get("callFrame");
      String url = frame.get("url").asText();
      String function = frame.get("functionName").asText();
      names.put(
          node.get("id").asInt(),
          (function.isEmpty() ? "(anonymous)" : function)
              + (url.isEmpty()
                  ? ""
                  : " "
                      + url.substring(url.lastIndexOf('/') + 1)
                      + ":"
                      + (frame.get("lineNumber").asInt() + 1)));
    }
    Map<String, Double> self = new HashMap<>();
    double total = 0;
    JsonNode samples = profile.get("samples");
    JsonNode deltas = profile.get("timeDeltas");
    for (int i = 0; i < samples.size(); i++) {
      double micros = deltas.get(i).asDouble();
      self.merge(names.get(samples.get(i).asInt()), micros, Double::sum);
      total += micros;
    }
    System.out.printf(
        "sampled time: %.0f ms%n%n| self (top of stack) | share |%n|---|---:|%n", total / 1000);
    double all = total;
    self.entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .limit(rows)
        .forEach(
            e -> System.out.printf("| `%s` | %.1f%% |%n", e.getKey(), 100 * e.getValue() / all));
  }
}
