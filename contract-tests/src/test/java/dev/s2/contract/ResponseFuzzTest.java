package dev.s2.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.s2.client.ListAccessTokensParams;
import dev.s2.client.Page;
import dev.s2.client.RetryPolicy;
import dev.s2.client.S2Client;
import dev.s2.client.S2DecodingException;
import dev.s2.client.S2ServiceException;
import dev.s2.model.AccessTokenInfo;
import dev.s2.model.ListAccessTokensResponse;
import io.swagger.v3.oas.models.media.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Property-based fuzzing of the client's decoding: valid responses derived from the spec are mutated (fields
 * dropped, added, retyped, nulled, unknown enum values, the body truncated, the content type wrong) and the
 * client must return exactly what the body says, field by field, or a typed {@code S2Exception}; nothing else,
 * for every case. Only the requests are checked against the spec (the responses are broken on purpose).
 */
class ResponseFuzzTest {
  static final int SUCCESS_TRIES = 500;
  static final int ERROR_TRIES = 300;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<DerivedStub> SUCCESS_STUBS = S2Stubs.all().stream()
      .filter(s -> s.operationId().equals("list_access_tokens") && s.status() == 200)
      .filter(s -> s.json().get("access_tokens").size() <= 1)
      .toList();
  private static final List<DerivedStub> ERROR_STUBS = S2Stubs.all().stream()
      .filter(s -> s.operationId().equals("list_access_tokens") && s.status() >= 400)
      .toList();
  private static final Map<String, AtomicInteger> OUTCOMES = new ConcurrentHashMap<>();

  private static ContractWireMock wireMock;
  private static S2Client client;
  private static Schema<?> listSchema;

  @BeforeContainer
  static void start() {
    wireMock = ContractWireMock.requestsOnly();
    wireMock.start();
    client = Clients.of(wireMock.baseUrl(), new RecordingSleeper(), RetryPolicy.none(), Duration.ofSeconds(5));
    listSchema = DecodedValues.s2().responseSchema(ContractValidator.s2().operations().get(0), "200");
  }

  @AfterContainer
  static void stop() {
    client.close();
    wireMock.stop();
    int total = OUTCOMES.values().stream().mapToInt(AtomicInteger::get).sum();
    System.out.println("fuzz: " + total + " cases; outcomes " + new java.util.TreeMap<>(OUTCOMES));
  }

  @Property(tries = SUCCESS_TRIES)
  void aMutatedSuccessBodyDecodesToWhatItSaysOrFailsTyped(@ForAll("mutatedSuccessBodies") MutatedBody body) {
    serve(200, body);

    Page<AccessTokenInfo> page = null;
    Throwable thrown = null;
    try {
      page = client.accessTokens().list(ListAccessTokensParams.all());
    } catch (Throwable t) {
      thrown = t;
    }
    wireMock.verifyAndReset(false);

    Optional<JsonNode> parsed = parse(body.text());
    if (thrown != null) {
      assertThat(thrown).as(body.toString()).isExactlyInstanceOf(S2DecodingException.class);
      assertThat(thrown.getMessage()).startsWith("GET /v1/access-tokens").doesNotContain(Clients.TOKEN);
      outcome("success body: S2DecodingException");
    } else {
      assertThat(parsed).as("the client decoded a body that is not JSON: %s", body).isPresent();
      ListAccessTokensResponse decoded = ListAccessTokensResponse.of(page.items(), page.hasMore());
      assertThat(DecodedValues.s2().mismatches(parsed.get(), decoded, listSchema)).as(body.toString()).isEmpty();
      outcome("success body: decoded as sent");
    }
    Statistics.label("outcome").collect(thrown == null ? "decoded" : "typed error");
    Statistics.label("outcome").coverage(c -> {
      c.check("decoded").percentage(p -> p >= 10);
      c.check("typed error").percentage(p -> p >= 10);
    });
  }

  @Property(tries = ERROR_TRIES)
  void aMutatedErrorBodyIsATypedServiceErrorWithItsStatus(
      @ForAll("mutatedErrorBodies") MutatedBody body,
      @ForAll("errorStatuses") int status) {
    serve(status, body);

    Throwable thrown = null;
    try {
      client.accessTokens().list(ListAccessTokensParams.all());
    } catch (Throwable t) {
      thrown = t;
    }
    wireMock.verifyAndReset(false);

    assertThat(thrown).as(body.toString()).isExactlyInstanceOf(ExpectedErrors.typeFor(status));
    S2ServiceException error = (S2ServiceException) thrown;
    assertThat(error.status()).isEqualTo(status);
    assertThat(error.attempts()).isEqualTo(1);
    Optional<JsonNode> info = parse(body.text()).filter(ResponseFuzzTest::isErrorInfo);
    if (info.isPresent()) {
      assertThat(error.code()).as(body.toString()).contains(info.get().get("code").asText());
      assertThat(error.errorMessage()).isEqualTo(info.get().get("message").asText());
      outcome("error body: ErrorInfo read");
    } else {
      assertThat(error.code()).as(body.toString()).isEmpty();
      assertThat(error.errorMessage()).isNotBlank();
      outcome("error body: not an ErrorInfo, typed anyway");
    }
    Statistics.label("error body").collect(info.isPresent() ? "ErrorInfo" : "not an ErrorInfo");
    Statistics.label("error body").coverage(c -> {
      c.check("ErrorInfo").percentage(p -> p >= 10);
      c.check("not an ErrorInfo").percentage(p -> p >= 10);
    });
  }

  @Provide
  Arbitrary<MutatedBody> mutatedSuccessBodies() {
    return mutated(SUCCESS_STUBS);
  }

  @Provide
  Arbitrary<MutatedBody> mutatedErrorBodies() {
    return mutated(ERROR_STUBS);
  }

  @Provide
  Arbitrary<Integer> errorStatuses() {
    return Arbitraries.of(400, 401, 403, 404, 408, 409, 418, 422, 429, 499, 500, 501, 502, 503, 504);
  }

  private static Arbitrary<MutatedBody> mutated(List<DerivedStub> stubs) {
    Arbitrary<JsonMutation> mutation = Combinators.combine(
        Arbitraries.of(JsonMutation.Kind.class),
        Arbitraries.integers().between(0, 10_000),
        Arbitraries.integers().between(0, 10_000)).as(JsonMutation::new);
    Arbitrary<Integer> keptPerMille = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(1000)),
        Tuple.of(1, Arbitraries.integers().between(0, 999)));
    Arbitrary<String> contentType = Arbitraries.of(
        "application/json", "application/json; charset=utf-8", "text/html", "text/plain", "", "application/xml");
    return Combinators.combine(Arbitraries.of(stubs), mutation.list().ofMinSize(0).ofMaxSize(3), keptPerMille, contentType)
        .as(MutatedBody::of);
  }

  /** A derived body after mutations, as served. */
  record MutatedBody(String scenario, List<String> changes, String text, String contentType) {
    static MutatedBody of(DerivedStub stub, List<JsonMutation> mutations, int keptPerMille, String contentType) {
      JsonNode json = stub.json().deepCopy();
      List<String> changes = new ArrayList<>();
      for (JsonMutation m : mutations) {
        changes.add(m.applyTo(json));
      }
      String text = json.toString();
      if (keptPerMille < 1000) {
        int end = text.length() * keptPerMille / 1000;
        changes.add("truncated to " + end + " of " + text.length() + " chars");
        text = text.substring(0, end);
      }
      return new MutatedBody(stub.name(), changes, text, contentType);
    }

    @Override
    public String toString() {
      return scenario + " " + changes + " as '" + contentType + "': " + text;
    }
  }

  private static void serve(int status, MutatedBody body) {
    ResponseDefinitionBuilder response = aResponse().withStatus(status).withBody(body.text());
    if (!body.contentType().isEmpty()) {
      response.withHeader("Content-Type", body.contentType());
    }
    wireMock.server().stubFor(get(urlPathEqualTo("/v1/access-tokens")).willReturn(response));
  }

  /** Whether the client can read the body as an ErrorInfo: an object with code and message as strings or numbers. */
  private static boolean isErrorInfo(JsonNode json) {
    return json.isObject() && readableAsString(json.get("code")) && readableAsString(json.get("message"));
  }

  private static boolean readableAsString(JsonNode node) {
    return node != null && (node.isTextual() || node.isNumber());
  }

  private static Optional<JsonNode> parse(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return Optional.ofNullable(node).filter(n -> !n.isMissingNode());
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static void outcome(String name) {
    OUTCOMES.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
  }
}
