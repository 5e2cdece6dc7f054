package dev.s2.client;

import dev.s2.api.ServerVariables;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Decides, for the client's {@link SessionTransport}, whether a producer or read session uses S2S. Under
 * {@link SessionTransport#AUTO} it asks the basin endpoint once per basin and remembers the answer:
 *
 * <ol>
 *   <li>{@code GET …/streams/{stream}/records/tail} over HTTP/2 (prior knowledge on {@code http://}, ALPN on
 *       {@code https://}). Any answer (a 404 as well as a 200) that came over HTTP/2 means S2S; an answer over
 *       HTTP/1.1 (ALPN chose it) means SSE and unary appends.
 *   <li>When that request fails (an HTTP/1.1-only server does not understand the HTTP/2 preface), the same
 *       request over HTTP/1.1: an answer means the endpoint speaks only HTTP/1.1.
 *   <li>When neither answers (the endpoint is down), nothing is remembered: this session uses SSE and unary
 *       appends, which fail and retry by themselves, and the next session asks again.
 * </ol>
 *
 * Each probe is bounded by the client's request timeout. Thread-safe.
 */
final class TransportSelector {
  private final ClientRuntime.Streaming st;
  private final ConcurrentHashMap<String, Boolean> known = new ConcurrentHashMap<>();
  private volatile @Nullable OkHttpClient probeHttp2;
  private volatile @Nullable OkHttpClient probeHttp1;

  TransportSelector(ClientRuntime.Streaming st) {
    this.st = st;
  }

  /** Whether to use S2S with this basin, blocking for the probe when one is needed. */
  boolean useS2s(ServerVariables server, String basin, String stream) {
    try {
      return useS2sAsync(server, basin, stream).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return false; // not reached: the future never fails
    }
  }

  /** Whether to use S2S with this basin; the future never fails (no answer means SSE and unary). */
  CompletableFuture<Boolean> useS2sAsync(ServerVariables server, String basin, String stream) {
    switch (st.transport) {
      case S2S:
        return CompletableFuture.completedFuture(true);
      case SSE_AND_UNARY:
        return CompletableFuture.completedFuture(false);
      default:
        Boolean answer = known.get(basin);
        if (answer != null) {
          return CompletableFuture.completedFuture(answer);
        }
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        probe(http2(), server, stream).whenComplete((protocol, failed) -> {
          if (protocol != null) {
            boolean h2 = protocol == Protocol.HTTP_2 || protocol == Protocol.H2_PRIOR_KNOWLEDGE;
            known.put(basin, h2);
            result.complete(h2);
            return;
          }
          probe(http1(), server, stream).whenComplete((p1, failedAgain) -> {
            if (p1 != null) {
              known.put(basin, false); // HTTP/1.1 answers where HTTP/2 failed: an HTTP/1.1-only endpoint
            }
            result.complete(false);
          });
        });
        return result;
    }
  }

  /** What the client learned about a basin: true (S2S), false (HTTP/1.1 only), or null (not asked, no answer). */
  @Nullable Boolean known(String basin) {
    return known.get(basin);
  }

  /** The protocol a check-tail request was answered over; completes with null when it got no answer. */
  private CompletableFuture<@Nullable Protocol> probe(OkHttpClient http, ServerVariables server, String stream) {
    Request request = new Request.Builder()
        .url(st.basinBase.newBuilder().addPathSegment("streams").addPathSegment(stream).addPathSegment("records")
            .addPathSegment("tail").build())
        .get()
        .tag(ServerVariables.class, server)
        .tag(CallExecutor.AttemptTag.class, new CallExecutor.AttemptTag(BoundedBodies.SMALL_BODY_BYTES))
        .build();
    CompletableFuture<@Nullable Protocol> out = new CompletableFuture<>();
    http.newCall(request).enqueue(new Callback() {
      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          out.complete(response.protocol());
        }
      }

      @Override
      public void onFailure(Call call, IOException e) {
        out.complete(null);
      }
    });
    return out;
  }

  private OkHttpClient http2() {
    OkHttpClient c = probeHttp2;
    if (c == null) {
      c = st.http2(st.requestTimeout).newBuilder().callTimeout(st.requestTimeout).build();
      probeHttp2 = c;
    }
    return c;
  }

  private OkHttpClient http1() {
    OkHttpClient c = probeHttp1;
    if (c == null) {
      c = st.http.newBuilder().protocols(List.of(Protocol.HTTP_1_1)).callTimeout(st.requestTimeout).build();
      probeHttp1 = c;
    }
    return c;
  }
}
