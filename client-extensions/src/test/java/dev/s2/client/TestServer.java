package dev.s2.client;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer on loopback plus a client pointed at it whose sleeper records delays instead of
 * sleeping.
 */
final class TestServer implements AutoCloseable {
  static final String TOKEN = "s2-test-token-7f3a9c1e5d";

  final MockWebServer server = new MockWebServer();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final Sleeper sleeper = sleeps::add;

  TestServer() {
    try {
      server.start(0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return server.url("/v1").toString();
  }

  /** A builder for a client of this server: fixed jitter 0.5, recorded sleeps. */
  S2Client.Builder clientBuilder() {
    return S2Client.builder()
        .accessToken(TOKEN)
        .baseUrl(baseUrl())
        .sleeper(sleeper)
        .jitter(() -> 0.5);
  }

  S2Client client() {
    return clientBuilder().build();
  }

  void enqueue(int code, String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/json")
            .body(body)
            .build());
  }

  void enqueue(MockResponse response) {
    server.enqueue(response);
  }

  RecordedRequest take() {
    try {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("no request reached the server");
      }
      return r;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  int requestCount() {
    return server.getRequestCount();
  }

  @Override
  public void close() {
    server.close();
  }
}
