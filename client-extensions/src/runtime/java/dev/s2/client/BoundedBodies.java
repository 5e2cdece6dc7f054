package dev.s2.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * Bounds every response body the client reads, while it streams: the one place where body sizes are limited.
 * An application interceptor, the innermost of the client's (under the logging interceptor, so that a log
 * never holds more than the client would read, and above OkHttp's own follow-ups).
 *
 * <ul>
 *   <li>An <b>error</b> body (status outside 200..299) is read here, up to {@link #ERROR_BODY_BYTES}, into the
 *       body the rest of the client sees; the rest is never read (the connection is then cancelled instead of
 *       drained). Retrofit would buffer it whole.
 *   <li>A <b>success</b> body is handed on behind a counting source: reading past the call's limit (the
 *       operation's, or the {@code maxResponseBytes} of the client or the call) cancels the connection and fails
 *       with {@link BodyTooLarge}, which the client reports as an {@link S2DecodingException} naming the limit. A
 *       declared {@code Content-Length} above the limit fails before anything is read. The count is of bytes
 *       after gzip decoding, so a compressed bomb is bounded too.
 *   <li>An I/O failure of the transport while a success body is read (a chunked body cut off, a connection
 *       reset) is wrapped in {@link TransportFailure}, so that it is told apart from malformed JSON: the first is
 *       a retryable connection failure, the second a decoding failure.
 *   <li>A response that {@link FollowUpGuard} held back from OkHttp's follow-ups arrives here as a
 *       {@link FollowUpGuard.HeldResponse} and is rebuilt into an ordinary response.
 * </ul>
 *
 * <p>The limit of each call travels in the request's {@link CallExecutor.AttemptTag}.
 */
final class BoundedBodies implements Interceptor {
  /** The most bytes of an error body the client reads: an {@code ErrorInfo} is far shorter. */
  static final long ERROR_BODY_BYTES = 16 * 1024;
  /** The bytes a list response takes beyond its items: {@code {"access_tokens":[],"has_more":false}}, spaced. */
  static final long PAGE_ENVELOPE_BYTES = 1024;
  /** The limit for a success body of one small object whose fields have no size in the spec. */
  static final long SMALL_BODY_BYTES = 64 * 1024;
  /** The largest limit a caller may set. */
  static final long MAX_LIMIT_BYTES = 1L << 30;

  /** The limit on the success body of a list operation: the page's envelope plus {@code items} items. */
  static long page(int items, int maxItemBytes) {
    return PAGE_ENVELOPE_BYTES + (long) Math.max(0, items) * maxItemBytes;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (FollowUpGuard.HeldResponse held) {
      response = held.toResponse(request);
    }
    ResponseBody body = response.body();
    if (response.code() < 200 || response.code() > 299) {
      try {
        return response.newBuilder().body(new ExcerptBody(body, readExcerpt(body, chain.call()), chain.call()))
            .build();
      } catch (IOException e) {
        body.close();
        throw e;
      }
    }
    CallExecutor.AttemptTag tag = request.tag(CallExecutor.AttemptTag.class);
    long limit = tag != null ? tag.maxBodyBytes() : SMALL_BODY_BYTES;
    if (limit == Long.MAX_VALUE) {
      return response; // a stream without end (a read session), bounded per event by its reader
    }
    if (body.contentLength() > limit) {
      chain.call().cancel();
      body.close();
      throw new BodyTooLarge(limit, response.code(), body.contentLength());
    }
    return response.newBuilder().body(new LimitedBody(body, limit, response.code(), chain.call())).build();
  }

  /**
   * Reads at most {@link #ERROR_BODY_BYTES} of an error body from its stream, without closing it. A transport
   * failure midway keeps what arrived (the status is what matters); a timeout or a cancellation fails the call.
   *
   * @return the bytes read; {@code more} tells whether the body went on
   */
  static Excerpt readExcerpt(ResponseBody body, Call call) throws IOException {
    BufferedSource source = body.source();
    boolean more = false;
    try {
      more = source.request(ERROR_BODY_BYTES + 1);
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      if (call.isCanceled()) {
        throw e;
      }
      // cut off midway: keep what arrived
    }
    Buffer bytes = new Buffer();
    source.getBuffer().read(bytes, Math.min(source.getBuffer().size(), ERROR_BODY_BYTES));
    return new Excerpt(bytes, more);
  }

  /** The start of a body, and whether the body went on after it. */
  static final class Excerpt {
    final Buffer bytes;
    final boolean more;

    Excerpt(Buffer bytes, boolean more) {
      this.bytes = bytes;
      this.more = more;
    }
  }

  /**
   * An error body cut to its excerpt. Closing it closes the network body; when that body went on, the call is
   * cancelled first, so that OkHttp does not read on (up to 100 ms) to reuse the connection. (Cancelling earlier,
   * inside the interceptor chain, would make OkHttp drop the response.)
   */
  private static final class ExcerptBody extends ResponseBody {
    private final ResponseBody network;
    private final Excerpt excerpt;
    private final Call call;

    ExcerptBody(ResponseBody network, Excerpt excerpt, Call call) {
      this.network = network;
      this.excerpt = excerpt;
      this.call = call;
    }

    @Override
    public @Nullable MediaType contentType() {
      return network.contentType();
    }

    @Override
    public long contentLength() {
      return excerpt.bytes.size();
    }

    @Override
    public BufferedSource source() {
      return excerpt.bytes;
    }

    @Override
    public void close() {
      if (excerpt.more) {
        call.cancel();
      }
      network.close();
      excerpt.bytes.clear();
    }
  }

  /** A success body behind a source that counts and stops at the limit. */
  private static final class LimitedBody extends ResponseBody {
    private final ResponseBody delegate;
    private final BufferedSource source;

    LimitedBody(ResponseBody delegate, long limit, int status, Call call) {
      this.delegate = delegate;
      this.source = Okio.buffer(new LimitedSource(delegate.source(), limit, status, call));
    }

    @Override
    public @Nullable MediaType contentType() {
      return delegate.contentType();
    }

    @Override
    public long contentLength() {
      return delegate.contentLength();
    }

    @Override
    public BufferedSource source() {
      return source;
    }
  }

  private static final class LimitedSource extends ForwardingSource {
    private final long limit;
    private final int status;
    private final Call call;
    private long read;

    LimitedSource(Source delegate, long limit, int status, Call call) {
      super(delegate);
      this.limit = limit;
      this.status = status;
      this.call = call;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      long n;
      try {
        n = super.read(sink, Math.min(byteCount, limit - read + 1));
      } catch (IOException e) {
        throw new TransportFailure(e);
      }
      if (n > 0) {
        read += n;
        if (read > limit) {
          call.cancel();
          throw new BodyTooLarge(limit, status, -1);
        }
      }
      return n;
    }
  }

  /** A success body went past its limit. */
  static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    BodyTooLarge(long limit, int status, long declared) {
      super("the " + status + " response body is larger than the limit of " + limit + " bytes"
          + (declared >= 0 ? " (Content-Length " + declared + ")" : "") + "; the client stopped reading it");
      this.limit = limit;
    }

    long limit() {
      return limit;
    }
  }

  /** The transport failed while a success body was read; the cause is OkHttp's or okio's exception. */
  static final class TransportFailure extends IOException {
    private static final long serialVersionUID = 1L;

    TransportFailure(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
