package dev.s2.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 that answers {@code GET .../access-tokens} with
 * precomputed bytes, so it is not what a benchmark measures. One thread per keep-alive connection;
 * the request line is parsed for {@code start_after}, headers are skipped, and the answer is one
 * {@code write} of a prebuilt response.
 *
 * <p>It serves a walk of {@code pages} pages ({@link TokenPages}): page 0 is the precomputed page
 * itself; page N is the same bytes with the six page digits of every id patched, so memory does not
 * grow with the walk. The page after {@code start_after} is the cursor's page + 1; the last page
 * says {@code has_more: false}. The {@code limit} parameter is ignored: pages always hold 1000
 * tokens.
 */
final class LoopbackServer extends SocketServer {
  private final int pages;
  private final Response more;
  private final Response last;
  private final byte[] empty;

  private LoopbackServer(int pages) {
    super("loopback");
    this.pages = pages;
    this.more = new Response(TokenPages.page(0, true));
    this.last = new Response(TokenPages.page(0, false));
    this.empty =
        Response.http("{\"access_tokens\":[],\"has_more\":false}".getBytes(StandardCharsets.UTF_8));
  }

  /** Starts a server for a walk of {@code pages} pages of 1000 tokens. */
  static LoopbackServer start(int pages) {
    return new LoopbackServer(pages).startAccepting(LoopbackServer.class);
  }

  /**
   * The JSON body of the first page, as served (has_more true when the walk has more than one
   * page).
   */
  byte[] firstPageBody() {
    return (pages > 1 ? more : last).body();
  }

  @Override
  void serve(Socket socket) throws IOException {
    byte[] scratch = new byte[Math.max(more.bytes.length, last.bytes.length)];
    InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
    OutputStream out = socket.getOutputStream();
    HttpHead head;
    while ((head = HttpHead.read(in)) != null) {
      int page = pageAfter(head.target());
      if (page >= pages) {
        out.write(empty);
      } else {
        (page == pages - 1 ? last : more).write(page, out, scratch);
      }
      out.flush();
    }
  }

  /** The page that follows the request's {@code start_after}: 0 without one. */
  private static int pageAfter(String target) {
    int q = target.indexOf("start_after=");
    if (q < 0) {
      return 0;
    }
    int end = target.indexOf('&', q);
    String cursor =
        URLDecoder.decode(
            target.substring(q + "start_after=".length(), end < 0 ? target.length() : end),
            StandardCharsets.UTF_8);
    int page = TokenPages.pageOf(cursor);
    return page < 0 ? 0 : page + 1;
  }

  /** A prebuilt response (head and body) and where the page digits of its ids sit. */
  private static final class Response {
    final byte[] bytes;
    final int headLength;
    final int[] digitOffsets;

    Response(byte[] body) {
      this.bytes = http(body);
      this.headLength = bytes.length - body.length;
      this.digitOffsets = idDigitOffsets(bytes);
    }

    static byte[] http(byte[] body) {
      byte[] head =
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      byte[] all = new byte[head.length + body.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(body, 0, all, head.length, body.length);
      return all;
    }

    byte[] body() {
      byte[] body = new byte[bytes.length - headLength];
      System.arraycopy(bytes, headLength, body, 0, body.length);
      return body;
    }

    void write(int page, OutputStream out, byte[] scratch) throws IOException {
      if (page == 0) {
        out.write(bytes);
        return;
      }
      System.arraycopy(bytes, 0, scratch, 0, bytes.length);
      for (int offset : digitOffsets) {
        int v = page;
        for (int k = TokenPages.PAGE_DIGITS - 1; k >= 0; k--) {
          scratch[offset + k] = (byte) ('0' + v % 10);
          v /= 10;
        }
      }
      out.write(scratch, 0, bytes.length);
    }

    private static int[] idDigitOffsets(byte[] bytes) {
      byte[] marker = "\"id\":\"tok-".getBytes(StandardCharsets.US_ASCII);
      List<Integer> offsets = new ArrayList<>();
      outer:
      for (int i = 0; i + marker.length <= bytes.length; i++) {
        for (int k = 0; k < marker.length; k++) {
          if (bytes[i + k] != marker[k]) {
            continue outer;
          }
        }
        offsets.add(i + marker.length);
      }
      return offsets.stream().mapToInt(Integer::intValue).toArray();
    }
  }
}
