package dev.s2.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cold start: wall time from launching a JVM to the first token it prints, for the example program
 * ({@code S2Cli}, the README's main job, its table's first row), {@link FirstToken} (the SDK, the
 * least a program can do: {@code fromEnv}, {@code listAll}, print the first id) and {@link
 * HandWrittenFirstToken} (OkHttp and reflective Moshi by hand), all against a {@link
 * LoopbackServer} in this JVM, with {@link Hello} (a JVM that only prints a line) as the floor. The
 * three are launched in turn, {@code runs} times each, with default JVM options and the same class
 * path; the median and minimum are printed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.s2.bench.ColdStart [runs]</pre>
 */
public final class ColdStart {
  private ColdStart() {}

  /**
   * Measures and prints a Markdown table.
   *
   * @param args the number of runs per program (default 15)
   * @throws Exception if a program fails or prints nothing
   */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    Class<?>[] programs = {
      Hello.class, dev.s2.examples.S2Cli.class, FirstToken.class, HandWrittenFirstToken.class
    };
    long[][] nanos = new long[programs.length][runs];
    try (LoopbackServer server = LoopbackServer.start(1)) {
      for (int p = 0; p < programs.length; p++) {
        firstLineNanos(
            programs[p], server); // one unmeasured launch each, to warm the OS file cache
      }
      for (int r = 0; r < runs; r++) {
        for (int p = 0; p < programs.length; p++) {
          nanos[p][r] = firstLineNanos(programs[p], server);
        }
      }
    }
    double floor = median(nanos[0]);
    System.out.println("| program | median ms | min ms | median / floor |");
    System.out.println("|---|---:|---:|---:|");
    for (int p = 0; p < programs.length; p++) {
      System.out.printf(
          "| %s | %.0f | %.0f | %.2f |%n",
          programs[p].getSimpleName(),
          median(nanos[p]) / 1e6,
          Arrays.stream(nanos[p]).min().getAsLong() / 1e6,
          median(nanos[p]) / floor);
    }
  }

  private static long firstLineNanos(Class<?> program, LoopbackServer server) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(program.getName());
    if (program == dev.s2.examples.S2Cli.class) {
      command.add("tokens"); // the loopback server serves access tokens only
    }
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("S2_ACCESS_TOKEN", "bench-token");
    builder.environment().put("S2_ACCOUNT_ENDPOINT", server.endpoint());
    long start = System.nanoTime();
    Process process = builder.start();
    String line;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      line = out.readLine();
      while (program != Hello.class && line != null && !line.startsWith("tok-")) {
        line = out.readLine(); // the example prints its table's header first
      }
      long elapsed = System.nanoTime() - start;
      while (out.readLine() != null) {
        // drain
      }
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(program.getSimpleName() + " did not exit");
      }
      if (line == null || process.exitValue() != 0) {
        throw new IOException(
            program.getSimpleName() + " failed (exit " + process.exitValue() + ")");
      }
      if (program != Hello.class && !line.startsWith("tok-")) {
        throw new IOException(program.getSimpleName() + " printed '" + line + "', not a token id");
      }
      return elapsed;
    }
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
