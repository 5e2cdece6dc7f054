package dev.s2.bench;

import com.squareup.moshi.JsonAdapter;
import dev.s2.client.AppendRecord;
import dev.s2.client.BenchAccess;
import dev.s2.client.ReadSessionOptions;
import dev.s2.client.S2Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The record codec without the network, for allocation per record ({@code -prof gc}: divide B/op by
 * the records of one operation, {@link #decodeRecords} or {@link #encodeRecords}).
 *
 * <ul>
 *   <li>Decode, S2S frame to {@code SequencedRecord}: {@link #decodeS2s} runs the SDK's S2S frame
 *       reader and {@code ReadBatch} decoder ({@link BenchAccess#decodeS2sFrames}) over the same
 *       ten batches as frames of {@link S2sFeed}; {@link #decodeS2sParseLimit} is limit (b') of the
 *       S2S read ({@link S2sLimits}) on the same bytes.
 *   <li>Encode, {@code AppendRecord} to an S2S frame: {@link #encodeS2s}, the producer's S2S append
 *       session.
 *   <li>Decode, SSE event to {@code SequencedRecord}: {@link #decodeSdk} runs the SDK's event
 *       reader and record reader ({@link BenchAccess#decodeEvents}) over ten batch events held in
 *       memory, read through an {@code InputStream} as a socket would be; {@link
 *       #decodeTokenizeLimit} is limit (b) of {@link ReadSessionBenchmark} on the same bytes.
 *   <li>Encode, {@code AppendRecord} to request bytes: {@link #encodeSdk} is what an append does
 *       with one full batch (1000 records or 1 MiB): the SDK's request body of an unary append (its
 *       {@code AppendInput} JSON written straight to the sink), the bytes written to a sink. {@link
 *       #encodeJsonValueSink} and {@link #encodeProtobuf} are the two prototype encoders of {@link
 *       AppendEncoders}, ending the same way (a replayable body written out).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RecordCodecBenchmark {
  private static final long MATCH = SseFeed.BASE_SEQ_NUM;
  private static final MediaType JSON = MediaType.get("application/json; charset=UTF-8");
  private static final MediaType PROTOBUF = MediaType.get("application/protobuf");

  /** The record body size in bytes. */
  @Param({"16", "1024", "65536"})
  public int bodyBytes;

  /** Records decoded by one decode operation (ten batches). */
  long decodeRecords;

  /** Records encoded by one encode operation (one full batch). */
  long encodeRecords;

  private byte[] events;
  private byte[] frames;
  private List<AppendRecord> records;
  private final byte[][] scratch = {new byte[0]};
  private final BufferedSink sink = Okio.buffer(Okio.blackhole());

  /** Builds the events and the batch, and checks that every encoder writes the same append. */
  @Setup
  @SuppressWarnings("unchecked")
  public void setup(Blackhole bh) throws IOException {
    SseFeed feed = new SseFeed(bodyBytes);
    decodeRecords = 10L * feed.recordsPerBatch;
    encodeRecords = feed.recordsPerBatch;
    events = feed.events(decodeRecords);
    ByteArrayOutputStream s2s = new ByteArrayOutputStream();
    new S2sFeed(bodyBytes).write(s2s, SseFeed.BASE_SEQ_NUM, decodeRecords, new byte[1][]);
    frames = s2s.toByteArray();
    records = new ArrayList<>();
    for (byte[] body : RecordBodies.bodies(bodyBytes, feed.recordsPerBatch)) {
      records.add(AppendRecord.of(body));
    }
    Checks.same(decodeSdk(), seqNumSum(decodeRecords), "sum of the seq nums decoded");
    Checks.same(
        decodeS2s(), seqNumSum(decodeRecords), "sum of the seq nums decoded from S2S frames");
    Checks.same(decodeS2sParseLimit(bh), 4 * decodeRecords, "fields of the S2S frames parsed");
    Checks.same(
        decodeTokenizeLimit(bh),
        5L * feed.batches(decodeRecords) + 8L * decodeRecords,
        "tokens walked");
    checkEncoders();
  }

  /** The sum of the seq nums of {@code n} records from the base. */
  static long seqNumSum(long n) {
    return n * SseFeed.BASE_SEQ_NUM + n * (n - 1) / 2;
  }

  private BufferedSource source() {
    return Okio.buffer(Okio.source(new ByteArrayInputStream(events)));
  }

  /** Decode: the SDK's SSE event reader and record reader. */
  @Benchmark
  public long decodeSdk() throws IOException {
    return BenchAccess.decodeEvents(source(), ReadSessionOptions.DEFAULT_BUFFER_BYTES);
  }

  /** Decode over S2S: the SDK's frame reader and {@code ReadBatch} decoder. */
  @Benchmark
  public long decodeS2s() throws IOException {
    return BenchAccess.decodeS2sFrames(
        Okio.buffer(Okio.source(new ByteArrayInputStream(frames))),
        ReadSessionOptions.DEFAULT_BUFFER_BYTES);
  }

  /** Decode limit (b') over S2S: split into frames, protobuf's reader reading every field. */
  @Benchmark
  public long decodeS2sParseLimit(Blackhole bh) throws IOException {
    return S2sLimits.frames(Okio.buffer(Okio.source(new ByteArrayInputStream(frames))), bh);
  }

  /** Encode over S2S: the producer's {@code AppendInput} frame, written out. */
  @Benchmark
  public long encodeS2s() throws IOException {
    byte[] frame = BenchAccess.s2sAppendFrame(records, MATCH);
    sink.write(frame);
    sink.flush();
    return frame.length;
  }

  /** Decode limit (b): split into events, Moshi's reader walking every token. */
  @Benchmark
  public long decodeTokenizeLimit(Blackhole bh) throws IOException {
    return SseLimits.events(source(), bh);
  }

  /** Encode: the SDK's request body of an unary append, written out. */
  @Benchmark
  public long encodeSdk() throws IOException {
    RequestBody body = BenchAccess.appendBody(records, MATCH);
    body.writeTo(sink);
    sink.flush();
    return body.contentLength();
  }

  /** Encode, the fix in JSON: base64 bytes written as raw JSON values. */
  @Benchmark
  public long encodeJsonValueSink() throws IOException {
    Buffer buffer = new Buffer();
    AppendEncoders.json(records, MATCH, buffer, scratch);
    return writeOut(RequestBody.create(buffer.readByteString(), JSON));
  }

  /** Encode, the fix in protobuf: the TypeScript SDK's wire format for unary appends. */
  @Benchmark
  public long encodeProtobuf() throws IOException {
    Buffer buffer = new Buffer();
    AppendEncoders.protobuf(records, MATCH, buffer);
    return writeOut(RequestBody.create(buffer.readByteString(), PROTOBUF));
  }

  private long writeOut(RequestBody body) throws IOException {
    body.writeTo(sink);
    sink.flush();
    return body.contentLength();
  }

  /**
   * The SDK's JSON and the prototype's are the same JSON value; the protobuf holds the same
   * records.
   */
  private void checkEncoders() throws IOException {
    Buffer sdk = new Buffer();
    BenchAccess.appendBody(records, MATCH).writeTo(sdk);
    Buffer json = new Buffer();
    AppendEncoders.json(records, MATCH, json, scratch);
    JsonAdapter<Object> any = S2Json.moshi().adapter(Object.class);
    Object expected = any.fromJson(sdk);
    if (!(expected instanceof Map) || !expected.equals(any.fromJson(json))) {
      throw new IllegalStateException("the JSON prototype does not write the SDK's append");
    }
    byte[] frame = BenchAccess.s2sAppendFrame(records, MATCH);
    Checks.same(frame[3], 0, "the S2S frame's flag byte");
    checkProtobuf(
        s2.v1.AppendInput.parseFrom(Arrays.copyOfRange(frame, 4, frame.length)), "the S2S frame");
    Buffer proto = new Buffer();
    AppendEncoders.protobuf(records, MATCH, proto);
    checkProtobuf(s2.v1.AppendInput.parseFrom(proto.readByteArray()), "protobuf");
  }

  private void checkProtobuf(s2.v1.AppendInput parsed, String what) {
    Checks.same(parsed.getMatchSeqNum(), MATCH, "match_seq_num in " + what);
    Checks.same(parsed.getRecordsCount(), records.size(), "records in " + what);
    for (int i = 0; i < records.size(); i++) {
      if (!Arrays.equals(parsed.getRecords(i).getBody().toByteArray(), records.get(i).body())) {
        throw new IllegalStateException("record " + i + " differs in " + what);
      }
    }
  }
}
