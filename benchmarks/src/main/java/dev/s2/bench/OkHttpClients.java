package dev.s2.bench;

import okhttp3.OkHttpClient;

/** The raw OkHttp clients of the benchmarks' floors. */
final class OkHttpClients {
  private OkHttpClients() {}

  /** Stops a client's dispatcher threads and closes its pooled connections. */
  static void shutdown(OkHttpClient http) {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
