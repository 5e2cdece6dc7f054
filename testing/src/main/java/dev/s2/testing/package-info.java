/**
 * An embedded, in-memory S2 for tests: {@link dev.s2.testing.EmbeddedS2} (started by hand or by
 * {@link dev.s2.testing.EmbeddedS2Extension}), with fault injection ({@link dev.s2.testing.Faults})
 * and the records it holds for assertions ({@link dev.s2.testing.AppendedRecord}).
 *
 * <p>It follows S2's open-source server, s2-lite, on statuses, error codes and messages, JSON
 * shapes, the {@code s2-request-token} and {@code s2-provision-result} headers, append conditions
 * and command records, timestamping modes, read bounds and 416 rules, and SSE sessions (event
 * names, ids, pings, {@code [DONE]}, {@code Last-Event-ID}). Where it differs:
 *
 * <ul>
 *   <li>Deletions take effect at once (S2 shows a basin as {@code deleting} for a while); trimmed
 *       records are dropped at once (S2 drops them in the background).
 *   <li>Encryption ({@code stream_cipher}, {@code s2-encryption-key}) is accepted in configurations
 *       but records are kept in clear; retention ages and delete-on-empty are kept but never expire
 *       anything.
 *   <li>Access tokens, locations and metrics (not implemented by s2-lite) follow the published
 *       API's shapes; metrics report what this server counted.
 *   <li>S2S sessions ({@code Content-Type: s2s/proto}, append and read, over h2c) follow s2-lite's
 *       handlers and S2's framing ({@code api/src/v1/stream/s2s.rs}), with zstd (pure Java,
 *       aircompressor) and gzip; the flag byte's "reconnect advised" bit is set only when a test
 *       asks ({@code Faults#adviseS2sReconnect}). Unary appends and reads also speak protobuf
 *       ({@code Content-Type} / {@code Accept: application/protobuf}), as S2 does and the
 *       TypeScript SDK uses for bytes; other calls speak JSON.
 * </ul>
 *
 * <p>S2S fault injection: {@link dev.s2.testing.S2sCut} (reset the stream or close the connection
 * after frames or bytes sent or received), {@link dev.s2.testing.S2sInjection} (terminal error
 * frames, malformed frames), {@link dev.s2.testing.S2sStall} (acks held for an ack-timeout test),
 * the reconnect-advised flag of a draining server, and counts in {@link dev.s2.testing.S2sStats}.
 */
@NullMarked
package dev.s2.testing;

import org.jspecify.annotations.NullMarked;
