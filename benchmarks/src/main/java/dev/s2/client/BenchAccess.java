package dev.s2.client;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.List;
import okhttp3.RequestBody;
import okio.BufferedSource;

/**
 * The benchmarks' door to the SDK's package-private record codec, so that decoding and encoding are
 * measured as the SDK runs them, without the network. It lives in the benchmarks module (the SDK's
 * jar has no such class) and calls the SDK's own code only: nothing here is a copy of it.
 */
public final class BenchAccess {
  private BenchAccess() {}

  /**
   * Reads every event of an SSE body as a read session does ({@code SseEventReader}, then {@code
   * RecordsJson.readBatch} on each batch event's data), up to {@code [DONE]}.
   *
   * @param source the body
   * @param bufferBytes the bound on one event ({@link ReadSessionOptions#bufferBytes()})
   * @return the sum of the records' seq nums (each record decoded: seq num, timestamp, headers,
   *     body)
   * @throws IOException if the body cannot be read or is not S2's event stream
   */
  public static long decodeEvents(BufferedSource source, long bufferBytes) throws IOException {
    SseEventReader reader = new SseEventReader(source, bufferBytes);
    long sum = 0;
    try {
      SseEventReader.Event e;
      while ((e = reader.next()) != null && e.kind != SseEventReader.Kind.DONE) {
        if (e.kind == SseEventReader.Kind.BATCH) {
          try (JsonReader json = JsonReader.of(e.data)) {
            RecordsJson.Batch batch = RecordsJson.readBatch(json);
            for (SequencedRecord r : batch.records) {
              sum += r.seqNum();
            }
          }
        }
      }
    } catch (SseEventReader.Malformed e) {
      throw new IOException(e.getMessage(), e);
    }
    return sum;
  }

  /**
   * Reads every frame of an S2S read session's body as the S2S read session does ({@code
   * S2sFrames.Reader}, then {@code S2sMessages.readBatch} on each frame's message), to the end of
   * the body.
   *
   * @param source the body
   * @param bufferBytes the bound on one frame ({@link ReadSessionOptions#bufferBytes()})
   * @return the sum of the records' seq nums (each record decoded: seq num, timestamp, headers,
   *     body)
   * @throws IOException if the body cannot be read or is not S2S frames of read batches
   */
  public static long decodeS2sFrames(BufferedSource source, long bufferBytes) throws IOException {
    S2sFrames.Reader reader = new S2sFrames.Reader(source, bufferBytes);
    long sum = 0;
    try {
      S2sFrames.Frame f;
      while ((f = reader.next()) != null) {
        if (f.terminal) {
          throw new IOException("a terminal frame: " + f);
        }
        for (SequencedRecord r : S2sMessages.readBatch(f.message).records) {
          sum += r.seqNum();
        }
      }
    } catch (S2sFrames.Malformed e) {
      throw new IOException(e.getMessage(), e);
    }
    return sum;
  }

  /** The S2S frame of an append, as the producer's S2S append session builds it (uncompressed). */
  public static byte[] s2sAppendFrame(List<AppendRecord> records, long matchSeqNum) {
    return S2sFrames.regular(
        S2sMessages.appendInput(records, AppendOptions.none().matchSeqNum(matchSeqNum)),
        Compression.NONE);
  }

  /**
   * The request body of an unary append, as {@link S2Stream#appendAsync} builds it ({@code
   * AppendInput} JSON, bodies in base64), written when the request is sent.
   */
  public static RequestBody appendBody(List<AppendRecord> records, long matchSeqNum) {
    return S2Stream.appendBody(
        records, AppendOptions.none().matchSeqNum(matchSeqNum), RequestOptions.defaults());
  }

  /**
   * A record's body without the copy {@link AppendRecord#body()} makes (for the encoders the SDK
   * could use).
   */
  public static byte[] bodyBytes(AppendRecord record) {
    return record.bodyBytes();
  }
}
