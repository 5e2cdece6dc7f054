package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import dev.s2.api.RecordsApi;
import dev.s2.model.AppendInput;
import dev.s2.model.AppendRecordJson;
import dev.s2.model.Header;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The unary append's request body ({@link AppendBody}) is the JSON the generated model and Moshi
 * wrote before: parsed back, it is the same {@code AppendInput}, whatever the records and
 * conditions; its length is known and its bytes the same at every write.
 */
class AppendBodyTest {
  private static final Base64.Encoder BASE64 = Base64.getEncoder();
  private static final JsonAdapter<AppendInput> MODEL = S2Json.moshi().adapter(AppendInput.class);
  private static final JsonAdapter<Object> ANY = S2Json.moshi().adapter(Object.class);

  /** Sizes around the encoder's block, and larger than one block. */
  private static final int[] BODY_SIZES = {
    0,
    1,
    2,
    3,
    4,
    5,
    16,
    1024,
    AppendBody.BLOCK - 1,
    AppendBody.BLOCK,
    AppendBody.BLOCK + 1,
    AppendBody.BLOCK + 2,
    2 * AppendBody.BLOCK,
    3 * AppendBody.BLOCK + 1,
    65536,
    100_003
  };

  /** Fencing tokens, some needing JSON escapes (quote, backslash, control, line separators). */
  private static final String[] TOKENS = {
    "",
    "writer-1",
    "quote\"back\\slash",
    "tab\tnl\ncr\r\u0000\u001f",
    "\u2028\u2029</script>",
    "é€😀"
  };

  /**
   * The model the SDK sent before this body: bodies and headers base64 strings, conditions when set
   * (what {@code S2Stream.appendInput} built for Retrofit's Moshi converter).
   */
  private static AppendInput oldModel(List<AppendRecord> records, AppendOptions options) {
    List<AppendRecordJson> json = new ArrayList<>(records.size());
    for (AppendRecord r : records) {
      AppendRecordJson.Builder b =
          AppendRecordJson.builder().body(BASE64.encodeToString(r.bodyBytes()));
      if (!r.headers().isEmpty()) {
        List<Header> headers = new ArrayList<>(r.headers().size());
        for (RecordHeader h : r.headers()) {
          headers.add(
              Header.of(
                  BASE64.encodeToString(h.nameBytes()), BASE64.encodeToString(h.valueBytes())));
        }
        b.headers(headers);
      }
      if (r.timestamp().isPresent()) {
        b.timestamp(r.timestamp().getAsLong());
      }
      json.add(b.build());
    }
    AppendInput.Builder input = AppendInput.builder().records(json);
    options.fencingToken().ifPresent(input::fencingToken);
    if (options.matchSeqNum().isPresent()) {
      input.matchSeqNum(options.matchSeqNum().getAsLong());
    }
    return input.build();
  }

  private static byte[] bytes(RequestBody body) throws IOException {
    Buffer out = new Buffer();
    body.writeTo(out);
    return out.readByteArray();
  }

  /** Checks one batch: same model, same JSON value, the length it says, the same bytes twice. */
  private static void assertSameAsModel(List<AppendRecord> records, AppendOptions options)
      throws IOException {
    AppendBody body = new AppendBody(records, options);
    byte[] written = bytes(body);
    AppendInput expected = oldModel(records, options);

    assertThat(MODEL.fromJson(new Buffer().write(written))).isEqualTo(expected);
    assertThat(ANY.fromJson(new Buffer().write(written)))
        .isEqualTo(ANY.fromJson(MODEL.toJson(expected)));
    assertThat(body.contentLength()).isEqualTo(written.length);
    assertThat(bytes(body)).isEqualTo(written);
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static AppendRecord randomRecord(Random random) {
    AppendRecord.Builder b = AppendRecord.builder();
    int size =
        random.nextInt(4) == 0
            ? BODY_SIZES[random.nextInt(BODY_SIZES.length)]
            : random.nextInt(random.nextBoolean() ? 64 : 2 * AppendBody.BLOCK);
    b.body(randomBytes(random, size));
    int headers = random.nextInt(3) == 0 ? random.nextInt(20) : 0;
    for (int h = 0; h < headers; h++) {
      b.header(randomBytes(random, random.nextInt(40)), randomBytes(random, random.nextInt(200)));
    }
    if (random.nextBoolean()) {
      b.timestamp(random.nextInt(5) == 0 ? Long.MAX_VALUE : random.nextLong() >>> 1);
    }
    return b.build();
  }

  private static AppendOptions randomOptions(Random random) {
    AppendOptions options = AppendOptions.none();
    switch (random.nextInt(4)) {
      case 0:
        break;
      case 1:
        options = options.matchSeqNum(random.nextInt(3) == 0 ? 0 : random.nextLong() >>> 1);
        break;
      case 2:
        options = options.fencingToken(TOKENS[random.nextInt(TOKENS.length)]);
        break;
      default:
        options =
            options.matchSeqNum(Long.MAX_VALUE).fencingToken(TOKENS[random.nextInt(TOKENS.length)]);
    }
    return options;
  }

  @Test
  void randomBatchesParseToTheModelTheSdkSentBefore() throws IOException {
    Random random = new Random(20261128);
    for (int batch = 0; batch < 300; batch++) {
      int n = batch % 50 == 0 ? 1000 : 1 + random.nextInt(8);
      List<AppendRecord> records = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        records.add(randomRecord(random));
      }
      assertSameAsModel(records, randomOptions(random));
    }
  }

  @Test
  void everySizeAroundTheBlockAndEveryByteValueRoundTrip() throws IOException {
    byte[] everyByte = new byte[256];
    for (int i = 0; i < 256; i++) {
      everyByte[i] = (byte) i;
    }
    List<AppendRecord> records = new ArrayList<>();
    records.add(
        AppendRecord.builder().body(everyByte).header(everyByte, everyByte).timestamp(0).build());
    for (int size : BODY_SIZES) {
      byte[] body = new byte[size];
      for (int i = 0; i < size; i++) {
        body[i] = (byte) (i * 7 + size);
      }
      records.add(AppendRecord.of(body));
    }
    assertSameAsModel(records, AppendOptions.none().matchSeqNum(0));

    AppendInput parsed =
        MODEL.fromJson(new Buffer().write(bytes(new AppendBody(records, AppendOptions.none()))));
    assertThat(Base64.getDecoder().decode(parsed.records().get(0).body().orElseThrow()))
        .isEqualTo(everyByte);
    Header header = parsed.records().get(0).headers().orElseThrow().get(0);
    assertThat(Base64.getDecoder().decode(header.name())).isEqualTo(everyByte);
    assertThat(Base64.getDecoder().decode(header.value())).isEqualTo(everyByte);
    for (int i = 0; i < BODY_SIZES.length; i++) {
      assertThat(Base64.getDecoder().decode(parsed.records().get(i + 1).body().orElseThrow()))
          .isEqualTo(records.get(i + 1).bodyBytes());
    }
  }

  @Test
  void eachConditionAndTokenEscapeAsTheModelWritesIt() throws IOException {
    List<AppendRecord> records =
        List.of(AppendRecord.of(""), AppendRecord.builder().body("x").header("", "").build());
    assertSameAsModel(records, AppendOptions.none());
    assertSameAsModel(records, AppendOptions.none().matchSeqNum(0));
    assertSameAsModel(records, AppendOptions.none().matchSeqNum(Long.MAX_VALUE));
    for (String token : TOKENS) {
      assertSameAsModel(records, AppendOptions.none().fencingToken(token));
      assertSameAsModel(records, AppendOptions.none().fencingToken(token).matchSeqNum(42));
    }
  }

  @Test
  void exactBytesOfASmallAppend() throws IOException {
    AppendBody body =
        new AppendBody(
            List.of(
                AppendRecord.builder().body("hi").header("k", "v").timestamp(17).build(),
                AppendRecord.of(new byte[0])),
            AppendOptions.none().matchSeqNum(5).fencingToken("f\"1"));

    assertThat(new String(bytes(body), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"fencing_token\":\"f\\\"1\",\"match_seq_num\":5,\"records\":["
                + "{\"timestamp\":17,\"headers\":[[\"aw==\",\"dg==\"]],\"body\":\"aGk=\"},"
                + "{\"body\":\"\"}]}");
    assertThat(body.contentType()).hasToString("application/json; charset=UTF-8");
    assertThat(body.contentLength()).isEqualTo(bytes(body).length);
    assertThat(body.isOneShot()).isFalse();
    assertThat(body).hasToString("AppendBody{2 records, " + body.contentLength() + " bytes}");
  }

  @Test
  void theBodyKeepsTheRecordsItWasGiven() throws IOException {
    List<AppendRecord> records = new ArrayList<>(List.of(AppendRecord.of("a")));
    AppendBody body = new AppendBody(records, AppendOptions.none());
    byte[] before = bytes(body);
    records.add(AppendRecord.of("b"));

    assertThat(bytes(body)).isEqualTo(before);
    assertThat(body.contentLength()).isEqualTo(before.length);
  }

  /** The hand-written method sends what the generated one does: same method, path, headers. */
  @Test
  void unaryAppendApiIsTheGeneratedAppendWithABodyOfBytes() throws NoSuchMethodException {
    Method generated = generatedAppend();
    Method ours =
        UnaryAppendApi.class.getMethod(
            "append",
            dev.s2.api.ServerVariables.class,
            String.class,
            RequestBody.class,
            dev.s2.model.Format.class,
            String.class);

    assertThat(ours.getGenericReturnType()).isEqualTo(generated.getGenericReturnType());
    assertThat(ours.getAnnotation(retrofit2.http.POST.class).value())
        .isEqualTo(generated.getAnnotation(retrofit2.http.POST.class).value())
        .isEqualTo("streams/{stream}/records");
    assertThat(ours.getAnnotations()).hasSameSizeAs(generated.getAnnotations());
    Class<?>[] generatedTypes = generated.getParameterTypes();
    assertThat(generatedTypes[2]).isEqualTo(AppendInput.class);
    generatedTypes[2] = RequestBody.class;
    assertThat(ours.getParameterTypes()).containsExactly(generatedTypes);
    Annotation[][] oursAnnotations = ours.getParameterAnnotations();
    Annotation[][] generatedAnnotations = generated.getParameterAnnotations();
    for (int i = 0; i < generatedAnnotations.length; i++) {
      assertThat(retrofitOnly(oursAnnotations[i]))
          .as("parameter %d", i)
          .containsExactly(retrofitOnly(generatedAnnotations[i]));
    }
  }

  private static Method generatedAppend() {
    return Arrays.stream(RecordsApi.class.getMethods())
        .filter(m -> m.getName().equals("append"))
        .findFirst()
        .orElseThrow();
  }

  private static Annotation[] retrofitOnly(Annotation[] annotations) {
    return Arrays.stream(annotations)
        .filter(a -> a.annotationType().getPackageName().startsWith("retrofit2"))
        .toArray(Annotation[]::new);
  }
}
