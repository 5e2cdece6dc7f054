package dev.s2.interop;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * S2's official TypeScript SDK as seen from Java: each call runs one node script of {@code
 * interop/ts} as a subprocess (one process per call, so batch what you can), passes records as
 * base64 in JSON on stdin and gets what the SDK returned back the same way, byte for byte.
 * Independent of the embedded S2: any endpoint will do, so Java-SDK legs (Java appends, TypeScript
 * reads; and the other way round) need only this and the Java SDK.
 */
final class TsSdk {
  /** The pinned SDK version (interop/ts/package-lock.json). */
  static final String VERSION = "0.27.0";

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  /** The SDK's session transports ({@code forceTransport}). */
  enum Transport {
    /** SSE read sessions and unary appends, over HTTP/1.1 (fetch). */
    FETCH("fetch"),
    /** S2S append and read sessions over HTTP/2 (h2c on {@code http://}). */
    S2S("s2s");

    final String option;

    Transport(String option) {
      this.option = option;
    }
  }

  /**
   * Where the SDK connects: account endpoint, basin endpoint in direct form (the SDK sends
   * s2-basin), token.
   */
  record Endpoint(URI account, URI basin, String accessToken) {
    @Override
    public String toString() {
      return "Endpoint[" + account + ", " + basin + "]"; // never the token
    }
  }

  /**
   * A record to append or as read: headers are name/value byte pairs; seq num and timestamp when
   * read.
   */
  record Rec(long seqNum, long timestamp, List<byte[][]> headers, byte[] body) {
    static Rec of(byte[] body, byte[]... headerNamesAndValues) {
      List<byte[][]> headers = new ArrayList<>();
      for (int i = 0; i < headerNamesAndValues.length; i += 2) {
        headers.add(new byte[][] {headerNamesAndValues[i], headerNamesAndValues[i + 1]});
      }
      return new Rec(-1, -1, headers, body);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof Rec r)
          || r.seqNum != seqNum
          || r.timestamp != timestamp
          || !Arrays.equals(r.body, body)
          || r.headers.size() != headers.size()) {
        return false;
      }
      for (int i = 0; i < headers.size(); i++) {
        if (!Arrays.equals(headers.get(i)[0], r.headers.get(i)[0])
            || !Arrays.equals(headers.get(i)[1], r.headers.get(i)[1])) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(seqNum) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
      return "Rec{seq "
          + seqNum
          + ", ts "
          + timestamp
          + ", "
          + headers.size()
          + " headers, body "
          + Base64.getEncoder().encodeToString(body)
          + "}";
    }
  }

  /** An append ack: the first seq num, the end (exclusive) and the tail. */
  record Ack(long start, long end, long tail) {}

  /** The SDK failed: what its script reported (error name, message, status, code). */
  static final class TsSdkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TsSdkException(String message) {
      super(message);
    }
  }

  private final Path scripts;
  private final String node;

  private TsSdk(Path scripts, String node) {
    this.scripts = scripts;
    this.node = node;
  }

  /**
   * Why the SDK cannot run here, in one line, or null when it can: node on the PATH (or {@code
   * S2_INTEROP_NODE}) and the pinned SDK installed in {@code interop/ts/node_modules} (the build's
   * {@code npm ci}).
   */
  static @Nullable String unavailableReason() {
    String nodeVersion;
    try {
      nodeVersion = runOnce(List.of(nodeExecutable(), "--version"), new byte[0]).trim();
    } catch (IOException | RuntimeException e) {
      return "node not found ("
          + nodeExecutable()
          + "): the TypeScript SDK interop tests are skipped";
    }
    Path installed = scriptsDir().resolve("node_modules/@s2-dev/streamstore/package.json");
    if (!Files.isRegularFile(installed)) {
      return "node "
          + nodeVersion
          + " found but @s2-dev/streamstore is not installed in "
          + scriptsDir()
          + " (npm missing when the build ran ts/install.sh?): the TypeScript SDK interop tests are skipped";
    }
    return null;
  }

  /** The SDK, when {@link #unavailableReason()} is null. */
  static TsSdk installed() {
    String reason = unavailableReason();
    if (reason != null) {
      throw new IllegalStateException(reason);
    }
    return new TsSdk(scriptsDir(), nodeExecutable());
  }

  private static Path scriptsDir() {
    return Paths.get(System.getProperty("s2.interop.ts", "ts")).toAbsolutePath();
  }

  private static String nodeExecutable() {
    String configured = System.getenv("S2_INTEROP_NODE");
    return configured == null || configured.isBlank() ? "node" : configured;
  }

  /** The version of the installed SDK (from its package.json). */
  String installedVersion() throws IOException {
    String json =
        Files.readString(scripts.resolve("node_modules/@s2-dev/streamstore/package.json"));
    return (String) ((Map<?, ?>) Objects.requireNonNull(JSON.fromJson(json))).get("version");
  }

  /**
   * Appends batches through one append session of the SDK, in order.
   *
   * @return the acks, one per batch, in order
   */
  List<Ack> append(
      Endpoint endpoint,
      String basin,
      String stream,
      List<List<Rec>> batches,
      Transport transport,
      String compression) {
    List<Object> jsonBatches = new ArrayList<>();
    for (List<Rec> batch : batches) {
      List<Object> records = new ArrayList<>();
      for (Rec r : batch) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("body", b64(r.body()));
        List<Object> headers = new ArrayList<>();
        for (byte[][] h : r.headers()) {
          headers.add(List.of(b64(h[0]), b64(h[1])));
        }
        record.put("headers", headers);
        records.add(record);
      }
      jsonBatches.add(Map.of("records", records));
    }
    Map<?, ?> out =
        call(
            "append.mjs",
            endpoint,
            basin,
            stream,
            transport,
            compression,
            Map.of("batches", jsonBatches));
    List<Ack> acks = new ArrayList<>();
    for (Object a : (List<?>) out.get("acks")) {
      Map<?, ?> ack = (Map<?, ?>) a;
      acks.add(new Ack(num(ack.get("start")), num(ack.get("end")), num(ack.get("tail"))));
    }
    return acks;
  }

  /**
   * Reads {@code count} records from {@code seqNum} through one read session of the SDK, as bytes.
   *
   * @return the records, with seq nums and timestamps
   */
  List<Rec> read(
      Endpoint endpoint,
      String basin,
      String stream,
      long seqNum,
      int count,
      Transport transport,
      String compression) {
    Map<?, ?> out =
        call(
            "read.mjs",
            endpoint,
            basin,
            stream,
            transport,
            compression,
            Map.of("seqNum", seqNum, "count", count));
    List<Rec> records = new ArrayList<>();
    for (Object o : (List<?>) out.get("records")) {
      Map<?, ?> r = (Map<?, ?>) o;
      List<byte[][]> headers = new ArrayList<>();
      for (Object h : (List<?>) r.get("headers")) {
        List<?> pair = (List<?>) h;
        headers.add(new byte[][] {unb64(pair.get(0)), unb64(pair.get(1))});
      }
      records.add(
          new Rec(num(r.get("seqNum")), num(r.get("timestamp")), headers, unb64(r.get("body"))));
    }
    return records;
  }

  private Map<?, ?> call(
      String script,
      Endpoint endpoint,
      String basin,
      String stream,
      Transport transport,
      String compression,
      Object input) {
    List<String> command = List.of(node, scripts.resolve(script).toString(), basin, stream);
    ProcessBuilder pb = new ProcessBuilder(command).directory(scripts.toFile());
    Map<String, String> env = pb.environment();
    env.put("S2_ACCOUNT_ENDPOINT", endpoint.account().toString());
    env.put("S2_BASIN_ENDPOINT", endpoint.basin().toString());
    env.put("S2_ACCESS_TOKEN", endpoint.accessToken());
    env.put("S2_INTEROP_TRANSPORT", transport.option);
    env.put("S2_INTEROP_COMPRESSION", compression);
    String stdout;
    try {
      stdout = runOnce(pb, JSON.toJson(input).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(script + " could not run", e);
    }
    String line = stdout.strip();
    Object parsed;
    try {
      parsed = JSON.fromJson(line);
    } catch (IOException | RuntimeException e) {
      throw new TsSdkException(script + " printed something that is not JSON: " + abbreviate(line));
    }
    Map<?, ?> out = (Map<?, ?>) Objects.requireNonNull(parsed);
    if (out.containsKey("error")) {
      throw new TsSdkException(script + " (" + transport.option + ") failed: " + out.get("error"));
    }
    return out;
  }

  private static String runOnce(List<String> command, byte[] stdin) throws IOException {
    return runOnce(new ProcessBuilder(command), stdin);
  }

  /**
   * Runs a process to its end within the timeout; stdout (bounded) is returned, stderr kept for
   * errors.
   */
  private static String runOnce(ProcessBuilder pb, byte[] stdin) throws IOException {
    Process process = pb.start();
    CompletableFuture<byte[]> out =
        CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin);
    }
    try {
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new TsSdkException(pb.command() + " did not finish within " + TIMEOUT);
      }
      byte[] stdout = out.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      byte[] stderr = err.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      String text = new String(stdout, StandardCharsets.UTF_8);
      if (process.exitValue() != 0 && !text.startsWith("{\"error\"")) {
        throw new TsSdkException(
            pb.command()
                + " exited with "
                + process.exitValue()
                + ": "
                + abbreviate(new String(stderr, StandardCharsets.UTF_8))
                + abbreviate(text));
      }
      return text;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new TsSdkException("interrupted");
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      process.destroyForcibly();
      throw new TsSdkException(pb.command() + ": output not read: " + e);
    }
  }

  private static byte[] drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) != -1) {
        if (out.size() + n > MAX_OUTPUT_BYTES) {
          throw new TsSdkException("more than " + MAX_OUTPUT_BYTES + " bytes of output");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] unb64(Object text) {
    return Base64.getDecoder().decode((String) text);
  }

  private static long num(Object n) {
    double d = ((Number) n).doubleValue();
    if (d != Math.rint(d) || Math.abs(d) > (1L << 53)) {
      throw new TsSdkException("not an exact integer: " + n);
    }
    return (long) d;
  }
}
