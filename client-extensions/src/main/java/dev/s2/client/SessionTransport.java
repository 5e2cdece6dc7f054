package dev.s2.client;

/**
 * Which protocol producers and read sessions use, set per client with
 * {@link S2Client.Builder#sessionTransport(SessionTransport)}. The public API is the same on both: a
 * {@link Producer} keeps its guarantees (order, never twice, the bound on unacknowledged bytes) and a
 * {@link ReadSession} its own (resume from the next sequence number, bounded buffer, idle watchdog, caught up).
 *
 * <ul>
 *   <li><b>S2S</b> (S2's session protocol): one HTTP/2 stream per session carrying protobuf messages in
 *       length-prefixed frames ({@code Content-Type: s2s/proto}). A producer keeps all its batches in flight on
 *       one append session, acknowledged in order; a read session receives batches and heartbeats as frames.
 *       HTTP/2 with prior knowledge ({@code h2c}) on {@code http://} endpoints, negotiated by ALPN on
 *       {@code https://}.
 *   <li><b>SSE and unary</b>: a producer sends one unary append ({@code POST …/records}) per batch, a few in
 *       flight at once; a read session is a server-sent-events response over HTTP/1.1.
 * </ul>
 */
public enum SessionTransport {
  /**
   * S2S when the basin endpoint speaks HTTP/2, else SSE and unary appends (the default). The client finds out once
   * per basin, the first time a producer or read session needs it, with one {@code GET …/records/tail} request
   * of the stream over HTTP/2 (prior knowledge on {@code http://}, ALPN on {@code https://}): any answer over
   * HTTP/2 means S2S. When HTTP/2 fails and HTTP/1.1 answers, the endpoint speaks only HTTP/1.1 and the client
   * remembers it. When neither answers, that producer or session uses SSE and unary appends, and the next one
   * asks again.
   */
  AUTO,
  /** Always S2S; against an endpoint without HTTP/2, sessions fail (after the retry policy's attempts). */
  S2S,
  /** Always SSE read sessions and unary appends, over HTTP/1.1 on {@code http://} endpoints. */
  SSE_AND_UNARY
}
