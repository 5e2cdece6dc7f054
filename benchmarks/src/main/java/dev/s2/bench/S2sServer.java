package dev.s2.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The loopback S2 of the record benchmarks for S2S sessions ({@code Content-Type: s2s/proto},
 * HTTP/2 cleartext with prior knowledge, and HTTP/1.1 on the same port for the unary calls), on
 * Jetty as the embedded S2 of {@code s2-testing}, with as little work as the protocol allows:
 *
 * <ul>
 *   <li>{@code GET /v1/streams/<stream>/records?seq_num=&count=}: a read session served from the
 *       stream's precomputed {@link S2sFeed}, {@code count} records from {@code seq_num}, then the
 *       end of the response.
 *   <li>{@code POST /v1/streams/<stream>/records}: an append session: each {@code AppendInput}
 *       frame is counted (not decoded, {@link RecordServer#protobufInput}) and positioned by {@link
 *       Streams} ({@code match_seq_num} checked), and answered at once with its {@code AppendAck}
 *       frame; a match that is not the tail ends the session with a terminal 412 frame. With {@link
 *       #stallAppends} frames are read and never answered.
 *   <li>{@code GET /v1/streams/<stream>/records/tail}: the tail, in JSON.
 * </ul>
 *
 * <p>Frames are never compressed (the benchmarks ask for none). The Java SDK's S2S sessions and the
 * TypeScript SDK's {@code s2s} transport are measured against it; see BENCHMARKS.md.
 */
final class S2sServer implements AutoCloseable {
  private static final String PREFIX = "/v1/streams/";
  private static final String S2S = "s2s/proto";

  private final Server server;
  private final ServerConnector connector;
  private final Streams streams = new Streams();
  private final Map<String, S2sFeed> feeds = new ConcurrentHashMap<>();
  private final AtomicLong readSessions = new AtomicLong();
  private final AtomicLong appendSessions = new AtomicLong();
  private volatile boolean stallAppends;

  private S2sServer() throws Exception {
    // Jetty logs through SLF4J, which has no provider here (the benchmarks keep the SDK's class
    // path): no warning.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    QueuedThreadPool threads = new QueuedThreadPool(32, 4);
    threads.setName("s2s-server");
    threads.setDaemon(true);
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(http);
    h2c.setMaxConcurrentStreams(100);
    // As the embedded S2: windows that hold a client's 5 MiB of unacknowledged appends without a
    // stall.
    h2c.setInitialStreamRecvWindow(8 * 1024 * 1024);
    h2c.setInitialSessionRecvWindow(16 * 1024 * 1024);
    connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http), h2c);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            try {
              route(request, response);
              callback.succeeded();
            } catch (Throwable e) {
              callback.failed(e);
            }
            return true;
          }
        });
    server.setStopTimeout(0);
    server.start();
  }

  static S2sServer start() {
    try {
      return new S2sServer();
    } catch (Exception e) {
      throw new IllegalStateException("the S2S server did not start", e);
    }
  }

  /** The endpoint (account and basin, direct form): {@code http://127.0.0.1:<port>/v1}. */
  String endpoint() {
    return "http://127.0.0.1:" + connector.getLocalPort() + "/v1";
  }

  /** Serves S2S reads of {@code stream} from {@code feed}. */
  S2sServer feed(String stream, S2sFeed feed) {
    feeds.put(stream, feed);
    return this;
  }

  /** The stream's tail: the seq num its next appended record gets. */
  long tail(String stream) {
    return streams.tail(stream);
  }

  /** With {@code stall}, append sessions read every frame and never acknowledge one. */
  void stallAppends(boolean stall) {
    this.stallAppends = stall;
  }

  long readSessions() {
    return readSessions.get();
  }

  long appendSessions() {
    return appendSessions.get();
  }

  private void route(Request request, Response response) throws IOException {
    String path = request.getHttpURI().getPath();
    if (!path.startsWith(PREFIX)) {
      json(response, 404, "{\"code\":\"not_found\",\"message\":\"no such route\"}");
      return;
    }
    String rest = path.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    String stream = slash < 0 ? rest : rest.substring(0, slash);
    String op = slash < 0 ? "" : rest.substring(slash);
    String type = request.getHeaders().get("content-type");
    boolean s2s = type != null && type.startsWith(S2S);
    if (request.getMethod().equals("GET") && op.equals("/records/tail")) {
      json(response, 200, "{\"tail\":" + Streams.position(streams.tail(stream)) + "}");
    } else if (request.getMethod().equals("GET") && op.equals("/records") && s2s) {
      read(request, response, stream);
    } else if (request.getMethod().equals("POST") && op.equals("/records") && s2s) {
      append(request, response, stream);
    } else {
      json(
          response,
          400,
          "{\"code\":\"bad_request\",\"message\":\"the S2S benchmark server serves S2S sessions"
              + " and the tail\"}");
    }
  }

  private void read(Request request, Response response, String stream) throws IOException {
    S2sFeed feed = feeds.get(stream);
    String seqNum = HttpHead.param(request.getHttpURI().getQuery(), "seq_num");
    String count = HttpHead.param(request.getHttpURI().getQuery(), "count");
    if (feed == null || seqNum == null || count == null) {
      json(
          response,
          400,
          "{\"code\":\"bad_request\",\"message\":\"seq_num and count, of a stream with a feed\"}");
      return;
    }
    readSessions.incrementAndGet();
    response.setStatus(200);
    response.getHeaders().put("content-type", S2S);
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      feed.write(out, Long.parseLong(seqNum), Long.parseLong(count), new byte[1][]);
    }
  }

  private void append(Request request, Response response, String stream) throws IOException {
    appendSessions.incrementAndGet();
    response.setStatus(200);
    response.getHeaders().put("content-type", S2S);
    byte[] frame = new byte[64 * 1024];
    try (InputStream in = Content.Source.asInputStream(request);
        OutputStream out = Content.Sink.asOutputStream(response)) {
      out.flush(); // the answer's head, before any ack: the session is established
      while (true) {
        int b0 = in.read();
        if (b0 < 0) {
          return; // the client ended its input
        }
        int length = (b0 << 16) | (readByte(in) << 8) | readByte(in);
        int flag = readByte(in);
        if (frame.length < length) {
          frame = new byte[Math.max(length, 2 * frame.length)];
        }
        if (in.readNBytes(frame, 0, length - 1) != length - 1) {
          throw new IOException("the append session ended inside a frame");
        }
        if ((flag & 0x80) != 0 || (flag & 0x60) != 0) {
          terminal(
              out,
              400,
              "{\"code\":\"bad_frame\",\"message\":\"a terminal or compressed frame as input\"}");
          return;
        }
        if (stallAppends) {
          continue; // read (so that HTTP/2 flow control never stops the client), never acknowledged
        }
        long[] input = RecordServer.protobufInput(frame, length - 1);
        long start = streams.append(stream, input[0], input[1]);
        if (start < 0) {
          terminal(out, 412, Streams.mismatch(-1 - start));
          return;
        }
        byte[] ack = Streams.protobufAck(start, input[0]);
        out.write(header(ack.length + 1, 0));
        out.write(ack);
        out.flush();
      }
    }
  }

  private static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new IOException("the append session ended inside a frame");
    }
    return b;
  }

  /** A frame's length (flag byte and body, 3 bytes big-endian) and flag byte. */
  private static byte[] header(int length, int flag) {
    return new byte[] {(byte) (length >>> 16), (byte) (length >>> 8), (byte) length, (byte) flag};
  }

  /** A terminal frame: the status (2 bytes) and the error JSON. */
  private static void terminal(OutputStream out, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    out.write(header(body.length + 3, 0x80));
    out.write(new byte[] {(byte) (status >>> 8), (byte) status});
    out.write(body);
  }

  private static void json(Response response, int status, String json) throws IOException {
    response.setStatus(status);
    response.getHeaders().put("content-type", "application/json");
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // stopping anyway
    }
  }
}
