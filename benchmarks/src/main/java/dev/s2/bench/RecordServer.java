package dev.s2.bench;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback S2 for the record benchmarks: HTTP/1.1 keep-alive on 127.0.0.1, one thread per
 * connection, answering the three record operations the SDKs use, with as little work as the
 * protocol allows, so that it is not what the benchmarks measure.
 *
 * <ul>
 *   <li>{@code GET /v1/streams/<stream>/records?seq_num=&count=} with {@code Accept:
 *       text/event-stream}: a read session served from the stream's precomputed {@link SseFeed}
 *       ({@link #feed}), {@code count} records from {@code seq_num}, then {@code [DONE]}. {@code
 *       count} is required (a benchmark reads a bounded session).
 *   <li>{@code GET /v1/streams/<stream>/records/tail}: the stream's tail (what it appended so far).
 *   <li>{@code POST /v1/streams/<stream>/records}: an unary append, JSON ({@code s2-format:
 *       base64}, the Java SDK) or {@code application/protobuf} (the TypeScript SDK's fetch
 *       transport), acknowledged at once in the request's format. It counts the records (without
 *       decoding them) and checks {@code match_seq_num} against the tail under a lock, as S2 does:
 *       a match that is not the tail is answered 412 {@code {"seq_num_mismatch": tail}}, so a
 *       pipelining producer is checked for real. With {@link #stallAppends} appends are read and
 *       never answered.
 * </ul>
 *
 * <p>Streams exist on first use, with their tail at {@link SseFeed#BASE_SEQ_NUM}. The {@code
 * s2-basin} header and the token are ignored.
 */
final class RecordServer extends SocketServer {
  private static final String PREFIX = "/v1/streams/";
  private static final byte[] SSE_HEAD =
      ("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
              + "cache-control: no-cache\r\ntransfer-encoding: chunked\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final Map<String, SseFeed> feeds = new ConcurrentHashMap<>();
  private final Streams streams = new Streams();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicLong protobufAppends = new AtomicLong();
  private final AtomicLong stalled = new AtomicLong();
  private volatile boolean stallAppends;

  /** With {@code -Ds2.bench.logRequests=true}, every request head is printed to stderr. */
  private volatile boolean logRequests = Boolean.getBoolean("s2.bench.logRequests");

  private RecordServer() {
    super("record-server");
  }

  /**
   * Runs a server in its own JVM (for the memory mains, so that the server's buffers are not
   * counted in the client's heap): it serves a feed for every size of {@link RecordBodies#SIZES},
   * stalls appends with {@code stall}, prints its endpoint on one line and runs until its standard
   * input ends. With {@code s2s} the server is an {@link S2sServer} (S2S sessions) instead.
   *
   * @param args {@code serve} or {@code stall}, then optionally {@code s2s}
   * @throws IOException if standard input fails
   */
  public static void main(String[] args) throws IOException {
    boolean stall = args.length > 0 && args[0].equals("stall");
    if (args.length > 1 && args[1].equals("s2s")) {
      try (S2sServer server = S2sServer.start()) {
        for (int size : RecordBodies.SIZES) {
          server.feed(RecordBodies.stream(size), new S2sFeed(size));
        }
        server.stallAppends(stall);
        serveUntilStdinEnds(server.endpoint());
      }
      return;
    }
    try (RecordServer server = start()) {
      for (int size : RecordBodies.SIZES) {
        server.feed(RecordBodies.stream(size), new SseFeed(size));
      }
      server.stallAppends(stall);
      serveUntilStdinEnds(server.endpoint());
    }
  }

  private static void serveUntilStdinEnds(String endpoint) throws IOException {
    System.out.println(endpoint);
    System.out.flush();
    while (System.in.read() >= 0) {
      // until the parent closes our standard input (or exits)
    }
  }

  /**
   * Starts {@link #main} in a child JVM and returns it; its endpoint is the first line of its
   * output. Destroy it when done.
   *
   * @param stall appends are read and never answered
   * @param s2s an {@link S2sServer} instead of a {@link RecordServer}
   */
  static Process startChild(boolean stall, boolean s2s) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            RecordServer.class.getName(),
            stall ? "stall" : "serve",
            s2s ? "s2s" : "sse")
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  /** The endpoint a child server printed. */
  static String childEndpoint(Process child) throws IOException {
    String line =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))
            .readLine();
    if (line == null || !line.startsWith("http://")) {
      throw new IOException("the server process printed no endpoint: " + line);
    }
    return line;
  }

  static RecordServer start() {
    return new RecordServer().startAccepting(RecordServer.class);
  }

  /** Serves reads of {@code stream} from {@code feed}. */
  RecordServer feed(String stream, SseFeed feed) {
    feeds.put(stream, feed);
    return this;
  }

  /** The stream's tail: the seq num its next appended record gets. */
  long tail(String stream) {
    return streams.tail(stream);
  }

  /** From now on, appends are read and never answered (a server that stopped acknowledging). */
  void stallAppends(boolean stall) {
    this.stallAppends = stall;
  }

  /** Prints each request's method, target and headers to stderr (to see what a client sends). */
  void logRequests(boolean log) {
    this.logRequests = log;
  }

  /** Appends answered (JSON and protobuf), protobuf appends among them, and 412s answered. */
  long appends() {
    return streams.appends();
  }

  long protobufAppends() {
    return protobufAppends.get();
  }

  long mismatches() {
    return streams.mismatches();
  }

  /** Appends read and left unanswered since {@link #stallAppends} was set. */
  long stalledAppends() {
    return stalled.get();
  }

  @Override
  void serve(Socket socket) throws IOException, InterruptedException {
    byte[][] body = {new byte[64 * 1024]};
    SseFeed.Scratch scratch = new SseFeed.Scratch();
    InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    HttpHead head;
    while ((head = HttpHead.read(in)) != null) {
      if (logRequests) {
        System.err.println(
            "record-server: " + head.method + " " + head.target() + " " + head.headers);
      }
      int length = head.readBody(in, body);
      if (!head.path.startsWith(PREFIX)) {
        respond(
            out, 404, "application/json", "{\"code\":\"not_found\",\"message\":\"no such route\"}");
        out.flush();
        continue;
      }
      String rest = head.path.substring(PREFIX.length());
      int slash = rest.indexOf('/');
      String stream = slash < 0 ? rest : rest.substring(0, slash);
      String op = slash < 0 ? "" : rest.substring(slash);
      if (head.method.equals("GET") && op.equals("/records/tail")) {
        respond(out, 200, "application/json", "{\"tail\":" + Streams.position(tail(stream)) + "}");
      } else if (head.method.equals("GET") && op.equals("/records")) {
        read(head, stream, out, scratch);
      } else if (head.method.equals("POST") && op.equals("/records")) {
        if (stallAppends) {
          stalled.incrementAndGet();
          closed.await(); // never answered; the connection stays open until the server closes
          return;
        }
        append(head, stream, body[0], length, out);
      } else {
        respond(
            out, 404, "application/json", "{\"code\":\"not_found\",\"message\":\"no such route\"}");
      }
      out.flush();
    }
  }

  private void read(HttpHead head, String stream, OutputStream out, SseFeed.Scratch scratch)
      throws IOException {
    SseFeed feed = feeds.get(stream);
    String seqNum = head.param("seq_num");
    String count = head.param("count");
    String accept = head.header("accept");
    if (feed == null
        || seqNum == null
        || count == null
        || accept == null
        || !accept.contains("text/event-stream")
        || !"base64".equals(head.header("s2-format"))) {
      respond(
          out,
          400,
          "application/json",
          "{\"code\":\"bad_request\",\"message\":\"the benchmark server serves"
              + " SSE reads in base64 with seq_num and count, of a stream with a feed\"}");
      return;
    }
    out.write(SSE_HEAD);
    feed.write(out, Long.parseLong(seqNum), Long.parseLong(count), true, scratch);
  }

  private void append(HttpHead head, String stream, byte[] body, int length, OutputStream out)
      throws IOException {
    String type = head.header("content-type");
    boolean protobuf = type != null && type.startsWith("application/protobuf");
    long[] parsed = protobuf ? protobufInput(body, length) : jsonInput(body, length);
    long count = parsed[0];
    long match = parsed[1];
    if (count < 1 || count > 1000) {
      respond(
          out, 422, "application/json", "{\"code\":\"invalid\",\"message\":\"1 to 1000 records\"}");
      return;
    }
    long start = streams.append(stream, count, match);
    if (start < 0) {
      respond(out, 412, "application/json", Streams.mismatch(-1 - start));
      return;
    }
    String accept = head.header("accept");
    if (accept != null && accept.contains("application/protobuf")) {
      protobufAppends.incrementAndGet();
      respond(out, 200, "application/protobuf", Streams.protobufAck(start, count));
    } else {
      respond(out, 200, "application/json", Streams.jsonAck(start, count));
    }
  }

  /**
   * Counts the records of a JSON {@code AppendInput} without decoding them, and finds its {@code
   * match_seq_num} (-1 when absent): the objects of the only array at depth 2 are the records.
   * Strings are skipped whole.
   */
  static long[] jsonInput(byte[] b, int length) {
    long count = 0;
    long match = -1;
    int depth = 0;
    long arrays = 0; // bit d set: the container at depth d is an array
    for (int i = 0; i < length; i++) {
      byte c = b[i];
      if (c == '"') {
        int start = ++i;
        i = closingQuote(b, i, length);
        if (depth == 1
            && i - start == 13
            && new String(b, start, 13, StandardCharsets.US_ASCII).equals("match_seq_num")) {
          int j = i + 1;
          while (b[j] == ' ' || b[j] == ':') {
            j++;
          }
          long v = 0;
          while (j < length && b[j] >= '0' && b[j] <= '9') {
            v = v * 10 + (b[j++] - '0');
          }
          match = v;
          i = j - 1;
        }
      } else if (c == '{' || c == '[') {
        if (c == '{' && depth == 2 && (arrays & (1L << 2)) != 0) {
          count++;
        }
        depth++;
        arrays = c == '[' ? arrays | (1L << depth) : arrays & ~(1L << depth);
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
    return new long[] {count, match};
  }

  /**
   * The index of the quote that closes a JSON string whose content starts at {@code i}: eight bytes
   * at a time while none is a quote or a backslash (SWAR), then byte by byte, skipping escapes.
   */
  private static int closingQuote(byte[] b, int from, int length) {
    int i = from;
    while (i + 8 <= length) {
      long w = (long) LONGS.get(b, i);
      long quote = w ^ 0x2222222222222222L;
      long backslash = w ^ 0x5C5C5C5C5C5C5C5CL;
      long zero =
          ((quote - 0x0101010101010101L) & ~quote)
              | ((backslash - 0x0101010101010101L) & ~backslash);
      if ((zero & 0x8080808080808080L) != 0) {
        break;
      }
      i += 8;
    }
    while (b[i] != '"') {
      i += b[i] == '\\' ? 2 : 1;
    }
    return i;
  }

  /**
   * The same for a protobuf {@code AppendInput}: field 1 (records) counted and skipped, field 2 the
   * match.
   */
  static long[] protobufInput(byte[] b, int length) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(b, 0, length);
    long count = 0;
    long match = -1;
    int tag;
    while ((tag = in.readTag()) != 0) {
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == 1) {
        count++;
        in.skipField(tag);
      } else if (field == 2) {
        match = in.readUInt64();
      } else {
        in.skipField(tag);
      }
    }
    return new long[] {count, match};
  }

  private static void respond(OutputStream out, int status, String type, String body)
      throws IOException {
    respond(out, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void respond(OutputStream out, int status, String type, byte[] body)
      throws IOException {
    String reason = status == 200 ? "OK" : status == 412 ? "Precondition Failed" : "Error";
    out.write(
        ("HTTP/1.1 "
                + status
                + " "
                + reason
                + "\r\ncontent-type: "
                + type
                + "\r\ncontent-length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
  }

  @Override
  public void close() {
    closed.countDown();
    super.close();
  }
}
