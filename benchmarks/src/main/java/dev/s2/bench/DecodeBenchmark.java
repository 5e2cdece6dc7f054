package dev.s2.bench;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import dev.s2.client.S2Json;
import dev.s2.model.ListAccessTokensResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okio.BufferedSource;
import okio.Okio;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding only, no network: the realistic page ({@link TokenPages}, 1000 tokens) read from memory
 * through an {@code InputStream}, as a response body would be. The floor is {@link
 * #moshiReaderWalk} (e): Moshi's reader reading every token and string and building nothing. Goal:
 * {@link #sdkDecode} (d) within 1.5x of it. {@link #moshiReaderWalkSelectNames} (e') is a stricter
 * floor that matches names without making strings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecodeBenchmark {
  private byte[] page;
  private JsonAdapter<ListAccessTokensResponse> sdk;

  /** Builds the page and the adapters, and checks that each decoder reads all 1000 tokens. */
  @Setup
  public void setup(Blackhole bh) throws IOException {
    page = TokenPages.page(0, false);
    sdk = S2Json.adapter(ListAccessTokensResponse.class);
    Checks.tokens(sdkDecode().accessTokens().size());
    Checks.tokens(moshiReflective().accessTokens.size());
    Checks.tokens(jacksonDatabind().accessTokens.size());
    Checks.same(
        moshiReaderWalk(bh),
        jacksonTokenizerWalk(bh),
        "token counts of the Moshi and Jackson walks");
    Checks.same(
        moshiReaderWalkSelectNames(bh), jacksonTokenizerWalk(bh), "token counts of the walks");
  }

  /** (d) The SDK: the page into its public model, through the SDK's Moshi adapters. */
  @Benchmark
  public ListAccessTokensResponse sdkDecode() throws IOException {
    return sdk.fromJson(source());
  }

  /** (e) The floor: Moshi's {@code JsonReader} reading every token and string, building nothing. */
  @Benchmark
  public int moshiReaderWalk(Blackhole bh) throws IOException {
    try (JsonReader reader = JsonReader.of(source())) {
      return Decoders.moshiWalk(reader, false, bh);
    }
  }

  /**
   * (e') A stricter floor: (e) with names matched by {@code selectName}, as the generated adapters
   * do.
   */
  @Benchmark
  public int moshiReaderWalkSelectNames(Blackhole bh) throws IOException {
    try (JsonReader reader = JsonReader.of(source())) {
      return Decoders.moshiWalk(reader, true, bh);
    }
  }

  /** (f) Jackson's tokenizer doing the same. */
  @Benchmark
  public int jacksonTokenizerWalk(Blackhole bh) throws IOException {
    return Decoders.jacksonWalk(new ByteArrayInputStream(page), bh);
  }

  /** For scale: reflective Moshi into plain classes (the decoding half of (b)). */
  @Benchmark
  public Plain.TokenPage moshiReflective() throws IOException {
    return Decoders.MOSHI_REFLECTIVE.fromJson(source());
  }

  /** For scale: Jackson databind into plain classes (the decoding half of (c)). */
  @Benchmark
  public Plain.TokenPage jacksonDatabind() throws IOException {
    return Decoders.JACKSON_DATABIND.readValue(new ByteArrayInputStream(page));
  }

  private BufferedSource source() {
    return Okio.buffer(Okio.source(new ByteArrayInputStream(page)));
  }
}
