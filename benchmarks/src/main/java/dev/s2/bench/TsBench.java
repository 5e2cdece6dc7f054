package dev.s2.bench;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * S2's official TypeScript SDK ({@code @s2-dev/streamstore}, the version pinned by {@code
 * interop/ts/package-lock.json} and installed there by {@code interop/ts/install.sh}) as a
 * benchmark operation: one long-lived node process running {@code interop/ts/bench.mjs}, which
 * reads or appends on command and reports its own elapsed time, so that node's start-up is never
 * timed. Its transport is {@code fetch} (SSE reads, unary appends in protobuf) or {@code s2s}.
 *
 * <p>The directory is {@code interop/ts} under the working directory, or the system property {@code
 * s2.bench.ts}; node is {@code node} on the PATH, or {@code S2_INTEROP_NODE}.
 */
final class TsBench implements AutoCloseable {
  /** The SDK version the lockfile pins (checked against the installed package). */
  static final String VERSION = "0.27.0";

  private static final Type MAP = Types.newParameterizedType(Map.class, String.class, Object.class);
  private static final JsonAdapter<Map<String, Object>> JSON =
      new Moshi.Builder().build().adapter(MAP);

  private final Process process;
  private final OutputStream commands;
  private final BufferedReader answers;

  /** The result of one operation, as node measured it. */
  static final class Result {
    final double millis;
    final long records;
    final long firstSeqNum;
    final long lastSeqNum;
    final long bodyBytes;
    final double p50Millis;
    final double p99Millis;

    Result(Map<String, Object> json) {
      this.millis = num(json, "ms");
      this.records = (long) num(json, "records");
      this.firstSeqNum = (long) num(json, "firstSeqNum");
      this.lastSeqNum = (long) num(json, "lastSeqNum");
      if (num(json, "misplaced") != 0) {
        throw new IllegalStateException(
            "the TypeScript SDK got records at unexpected seq nums: " + json);
      }
      this.bodyBytes = json.containsKey("bodyBytes") ? (long) num(json, "bodyBytes") : -1;
      this.p50Millis = json.containsKey("p50Ms") ? num(json, "p50Ms") : Double.NaN;
      this.p99Millis = json.containsKey("p99Ms") ? num(json, "p99Ms") : Double.NaN;
    }

    private static double num(Map<String, Object> json, String key) {
      Object v = json.get(key);
      if (!(v instanceof Number)) {
        throw new IllegalStateException("bench.mjs answered without " + key + ": " + json);
      }
      return ((Number) v).doubleValue();
    }
  }

  private TsBench(Process process) {
    this.process = process;
    this.commands = process.getOutputStream();
    this.answers =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Why the SDK cannot run here, or null when it can. */
  static String unavailableReason() {
    Path installed = dir().resolve("node_modules/@s2-dev/streamstore/package.json");
    if (!Files.isRegularFile(installed)) {
      return "the TypeScript SDK is not installed in " + dir() + ": run sh interop/ts/install.sh";
    }
    try {
      String json = Files.readString(installed);
      if (!json.contains("\"version\": \"" + VERSION + "\"")) {
        return "the TypeScript SDK in " + dir() + " is not version " + VERSION;
      }
    } catch (IOException e) {
      return "cannot read " + installed + ": " + e;
    }
    return null;
  }

  /**
   * Starts node on {@code bench.mjs}, pointed at {@code endpoint} (account and basin, direct form),
   * with the SDK's {@code fetch} transport (SSE reads, unary appends) or {@code s2s} (S2S sessions
   * over HTTP/2).
   */
  static TsBench start(String endpoint, String transport) {
    String reason = unavailableReason();
    if (reason != null) {
      throw new IllegalStateException(reason);
    }
    String node = System.getenv().getOrDefault("S2_INTEROP_NODE", "node");
    ProcessBuilder pb =
        new ProcessBuilder(node, "bench.mjs", "bench-basin")
            .directory(dir().toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    Map<String, String> env = pb.environment();
    env.put("S2_ACCOUNT_ENDPOINT", endpoint);
    env.put("S2_BASIN_ENDPOINT", endpoint);
    env.put("S2_ACCESS_TOKEN", "bench-token");
    env.put("S2_INTEROP_TRANSPORT", transport);
    env.put("S2_INTEROP_COMPRESSION", "none");
    try {
      return new TsBench(pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + node, e);
    }
  }

  private static Path dir() {
    return Path.of(System.getProperty("s2.bench.ts", "interop/ts")).toAbsolutePath();
  }

  /** One read session of {@code count} records from {@code seqNum}. */
  Result read(String stream, long seqNum, long count) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("op", "read");
    c.put("stream", stream);
    c.put("seqNum", seqNum);
    c.put("count", count);
    return call(c);
  }

  /**
   * One producer appending {@code count} records of {@code bodyBytes} bytes (cycling {@code bodies}
   * bodies), as fast as it accepts them, or at {@code rate} records a second when it is positive.
   */
  Result append(String stream, int bodyBytes, long count, int bodies, long rate) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("op", "append");
    c.put("stream", stream);
    c.put("bodyBytes", bodyBytes);
    c.put("count", count);
    c.put("bodies", bodies);
    if (rate > 0) {
      c.put("rate", rate);
    }
    return call(c);
  }

  private Result call(Map<String, Object> command) {
    try {
      commands.write((JSON.toJson(command) + "\n").getBytes(StandardCharsets.UTF_8));
      commands.flush();
      String line = answers.readLine();
      if (line == null) {
        throw new IllegalStateException("bench.mjs exited (see its stderr above)");
      }
      Map<String, Object> answer = JSON.fromJson(line);
      if (answer == null || answer.containsKey("error")) {
        throw new IllegalStateException("the TypeScript SDK failed " + command + ": " + line);
      }
      return new Result(answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      commands.write("{\"op\":\"quit\"}\n".getBytes(StandardCharsets.UTF_8));
      commands.close();
    } catch (IOException ignored) {
      // exiting anyway
    }
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
