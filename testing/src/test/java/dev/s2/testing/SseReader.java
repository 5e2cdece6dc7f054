package dev.s2.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A minimal SSE client for the tests: events as they arrive, then either a clean end or a failure
 * (a cut connection). Events are dispatched on a blank line, as the SSE specification says; a
 * partial event at a cut is dropped.
 */
final class SseReader implements AutoCloseable {
  /** One event. */
  record Event(String name, @Nullable String id, String data) {
    Map<String, Object> json() {
      return TestJson.object(data);
    }
  }

  /** The stream ended without error. */
  record End() {}

  /** The stream failed (a cut). */
  record Failure(Throwable cause) {}

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Thread reader;
  private final ByteArrayOutputStream raw = new ByteArrayOutputStream();

  private SseReader(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::readLoop, "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static SseReader open(HttpClient client, HttpRequest.Builder request) {
    request.header("accept", "text/event-stream");
    try {
      return new SseReader(
          client.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new AssertionError("SSE request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static SseReader open(TestHttp http, String path, String... headers) {
    return open(TestHttp.CLIENT, http.request(path, headers));
  }

  int status() {
    return response.statusCode();
  }

  Map<String, List<String>> headers() {
    return response.headers().map();
  }

  /** The bytes received so far. */
  synchronized String rawText() {
    return raw.toString(StandardCharsets.UTF_8);
  }

  private void readLoop() {
    try (InputStream in = response.body()) {
      StringBuilder line = new StringBuilder();
      ByteArrayOutputStream lineBytes = new ByteArrayOutputStream();
      String event = null;
      String id = null;
      StringBuilder data = null;
      int b;
      while ((b = in.read()) != -1) {
        synchronized (this) {
          raw.write(b);
        }
        if (b != '\n') {
          lineBytes.write(b);
          continue;
        }
        line.setLength(0);
        line.append(lineBytes.toString(StandardCharsets.UTF_8));
        lineBytes.reset();
        if (line.length() == 0) {
          if (data != null || event != null) {
            queue.add(
                new Event(
                    event == null ? "message" : event, id, data == null ? "" : data.toString()));
          }
          event = null;
          id = null;
          data = null;
          continue;
        }
        String l = line.toString();
        int colon = l.indexOf(':');
        String field = colon < 0 ? l : l.substring(0, colon);
        String value = colon < 0 ? "" : l.substring(colon + 1).replaceFirst("^ ", "");
        switch (field) {
          case "event":
            event = value;
            break;
          case "id":
            id = value;
            break;
          case "data":
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            break;
          default:
            break;
        }
      }
      queue.add(new End());
    } catch (IOException e) {
      queue.add(new Failure(e));
    }
  }

  /** The next item: an Event, End or Failure. */
  Object nextItem(Duration timeout) {
    try {
      Object item = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (item == null) {
        throw new AssertionError(
            "nothing arrived within " + timeout + "; received so far:\n" + rawText());
      }
      return item;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next event; fails on an end, a failure or a timeout of 10 s. */
  Event next() {
    Object item = nextItem(Duration.ofSeconds(10));
    if (!(item instanceof Event)) {
      throw new AssertionError("expected an event, got " + item + "; received:\n" + rawText());
    }
    return (Event) item;
  }

  /** Nothing queued right now (no event was received). */
  boolean nothingReceived() {
    return queue.isEmpty();
  }

  @Override
  public void close() {
    reader.interrupt();
    try {
      response.body().close();
    } catch (IOException ignored) {
      // closing a cut stream
    }
  }
}
