package dev.s2.testing;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import s2.v1.AppendAck;
import s2.v1.AppendInput;
import s2.v1.AppendRecord;
import s2.v1.ReadBatch;

/**
 * A raw S2S client for the tests, not the SDK: OkHttp over h2c with prior knowledge, a duplex
 * request body for append sessions, and its own frame parser (independent of the server's).
 */
final class S2sTestClient implements AutoCloseable {
  static final MediaType S2S = MediaType.get("s2s/proto");

  /** One frame as received. */
  record Frame(boolean terminal, int compressionBits, boolean reconnectAdvised, byte[] body) {
    /** The decompressed message of a regular frame. */
    byte[] message() {
      try {
        switch (compressionBits) {
          case 0:
            return body;
          case 1:
            return new ZstdInputStream(new ByteArrayInputStream(body)).readAllBytes();
          case 2:
            return new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
          default:
            throw new AssertionError("compression bits " + compressionBits);
        }
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    int status() {
      return ((body[0] & 0xff) << 8) | (body[1] & 0xff);
    }

    String json() {
      return new String(body, 2, body.length - 2, StandardCharsets.UTF_8);
    }

    AppendAck ack() {
      try {
        return AppendAck.parseFrom(message());
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    ReadBatch batch() {
      try {
        return ReadBatch.parseFrom(message());
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public String toString() {
      return terminal
          ? "terminal " + status() + " " + json()
          : "frame(" + compressionBits + ", " + body.length + ")";
    }
  }

  private final OkHttpClient client;
  private final EmbeddedS2 server;
  private final String basin;

  S2sTestClient(EmbeddedS2 s2, String basin) {
    this.server = s2;
    this.basin = basin;
    this.client =
        new OkHttpClient.Builder()
            .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
            .readTimeout(Duration.ofSeconds(10))
            .writeTimeout(Duration.ofSeconds(10))
            .build();
  }

  private Request.Builder request(String pathAndQuery, String... headers) {
    Request.Builder b =
        new Request.Builder()
            .url(server.basinEndpoint() + pathAndQuery)
            .header("authorization", "Bearer " + server.accessToken())
            .header("s2-basin", basin);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  /** Opens an append session on a stream; returns once the response headers arrived. */
  AppendSession append(String stream, String... headers) {
    CompletableFuture<BufferedSink> sink = new CompletableFuture<>();
    RequestBody body =
        new RequestBody() {
          @Override
          public MediaType contentType() {
            return S2S;
          }

          @Override
          public boolean isDuplex() {
            return true;
          }

          @Override
          public void writeTo(BufferedSink s) {
            sink.complete(s); // written by the test thread later, closed to end the session
          }
        };
    Call call =
        client.newCall(request("/streams/" + stream + "/records", headers).post(body).build());
    CompletableFuture<Response> response =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return call.execute();
              } catch (IOException e) {
                throw new AssertionError("append session failed to start", e);
              }
            });
    try {
      return new AppendSession(call, sink.get(10, TimeUnit.SECONDS), response);
    } catch (Exception e) {
      call.cancel();
      throw new AssertionError("append session failed to open", e);
    }
  }

  /** Starts a read session; returns once the response headers arrived. */
  Session read(String stream, String query, String... headers) {
    Request r =
        request("/streams/" + stream + "/records" + (query.isEmpty() ? "" : "?" + query), headers)
            .header("content-type", "s2s/proto")
            .get()
            .build();
    Call call = client.newCall(r);
    try {
      return new Session(call, call.execute());
    } catch (IOException e) {
      throw new AssertionError("read session failed to start", e);
    }
  }

  /** A session's response: its status, headers and frames. */
  static class Session implements AutoCloseable {
    final Call call;
    private @Nullable Response response;
    private final @Nullable CompletableFuture<Response> pending;

    Session(Call call, Response response) {
      this.call = call;
      this.response = response;
      this.pending = null;
    }

    Session(Call call, CompletableFuture<Response> pending) {
      this.call = call;
      this.pending = pending;
    }

    Response response() {
      if (response == null) {
        try {
          response = pending.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new AssertionError("no response headers", e);
        }
      }
      return response;
    }

    int status() {
      return response().code();
    }

    String bodyText() throws IOException {
      return response().body().string();
    }

    /**
     * The next frame, or null when the response ended cleanly; IOException when it was reset or
     * cut.
     */
    @Nullable Frame next() throws IOException {
      BufferedSource source = response().body().source();
      if (source.exhausted()) {
        return null;
      }
      int length =
          ((source.readByte() & 0xff) << 16)
              | ((source.readByte() & 0xff) << 8)
              | (source.readByte() & 0xff);
      if (length < 1 || length > 2 * 1024 * 1024) {
        throw new AssertionError("frame length " + length);
      }
      int flag = source.readByte() & 0xff;
      byte[] body = source.readByteArray(length - 1L);
      return new Frame((flag & 0x80) != 0, (flag & 0x60) >>> 5, (flag & 0x10) != 0, body);
    }

    /** The next frame, which must be there. */
    Frame frame() throws IOException {
      Frame f = next();
      if (f == null) {
        throw new AssertionError("the session ended");
      }
      return f;
    }

    @Override
    public void close() {
      call.cancel();
      if (response != null) {
        response.close();
      }
    }
  }

  /** An open append session: inputs go out through the duplex body while acks come in. */
  static final class AppendSession extends Session {
    private final BufferedSink sink;

    AppendSession(Call call, BufferedSink sink, CompletableFuture<Response> response) {
      super(call, response);
      this.sink = sink;
    }

    void send(AppendInput input) throws IOException {
      sendRaw(encodeFrame(0, input.toByteArray()));
    }

    /**
     * Sends inputs in one write: they are all on the wire before the server can act on the first (a
     * cut that follows one of them cannot race with writing the next).
     */
    void sendAll(AppendInput... inputs) throws IOException {
      for (AppendInput input : inputs) {
        sink.write(encodeFrame(0, input.toByteArray()));
      }
      sink.flush();
    }

    /** Sends the input gzip-compressed (by the JDK). */
    void sendGzip(AppendInput input) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
        gzip.write(input.toByteArray());
      }
      sendRaw(encodeFrame(2, bytes.toByteArray()));
    }

    void sendRaw(byte[] bytes) throws IOException {
      sink.write(bytes);
      sink.flush();
    }

    /** Ends the request body: the client has no more inputs. */
    void endInput() throws IOException {
      sink.close();
    }
  }

  /** A frame: length, flag with these compression bits, body. */
  static byte[] encodeFrame(int compressionBits, byte[] body) {
    return frameWithFlag(compressionBits << 5, body);
  }

  static byte[] frameWithFlag(int flag, byte[] body) {
    int length = body.length + 1;
    byte[] out = new byte[length + 3];
    out[0] = (byte) (length >>> 16);
    out[1] = (byte) (length >>> 8);
    out[2] = (byte) length;
    out[3] = (byte) flag;
    System.arraycopy(body, 0, out, 4, body.length);
    return out;
  }

  static AppendInput input(String... bodies) {
    AppendInput.Builder b = AppendInput.newBuilder();
    for (String body : bodies) {
      b.addRecords(
          AppendRecord.newBuilder().setBody(com.google.protobuf.ByteString.copyFromUtf8(body)));
    }
    return b.build();
  }

  /**
   * One client per test class: {@code current} when there is one, else a new one for this server
   * and basin (close it in {@code @AfterAll}).
   */
  static S2sTestClient reuse(@Nullable S2sTestClient current, EmbeddedS2 s2, String basin) {
    return current != null ? current : new S2sTestClient(s2, basin);
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
