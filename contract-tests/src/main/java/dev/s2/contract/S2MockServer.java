package dev.s2.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An embedded local S2 for examples and tests: a WireMock server on the loopback interface, on a free port,
 * whose answers all come from the stubs derived from the spec in {@code s2-api-spec}.
 *
 * <p>The list operations (access tokens) page for real: the items are the distinct ones of the derived stubs,
 * each under a key named after its shape ({@code scope/ops/append}, {@code expires_at/null}, ...), filtered by
 * {@code prefix} and {@code start_after}, at most {@code limit} per page (and at most the page cap given at
 * start, so that a default listing spans several pages). A request without a bearer token gets 401
 * {@code authn}; a {@code limit} out of the spec's bounds gets 400 {@code bad_query}. Any other operation answers
 * its first derived success stub.
 *
 * <pre>{@code
 * try (S2MockServer mock = S2MockServer.start()) {
 *   S2Client client = S2Client.builder().accessToken("any").baseUrl(mock.baseUrl()).build();
 *   ...
 * }
 * }</pre>
 */
public final class S2MockServer implements AutoCloseable {
  /** The page cap of {@link #start()}. */
  public static final int DEFAULT_PAGE_CAP = 10;

  private final WireMockServer server;
  private final String basePath;
  private final Map<String, PagedCollection> collections;

  private S2MockServer(WireMockServer server, String basePath, Map<String, PagedCollection> collections) {
    this.server = server;
    this.basePath = basePath;
    this.collections = collections;
  }

  /**
   * Starts a mock whose pages hold at most {@value #DEFAULT_PAGE_CAP} items.
   *
   * @return the running mock; close it when done
   */
  public static S2MockServer start() {
    return start(DEFAULT_PAGE_CAP);
  }

  /**
   * Starts a mock.
   *
   * @param pageCap the most items a page holds, whatever the request's {@code limit}; at least 1
   * @return the running mock; close it when done
   * @throws IllegalArgumentException if {@code pageCap} is below 1
   */
  public static S2MockServer start(int pageCap) {
    if (pageCap < 1) {
      throw new IllegalArgumentException("pageCap must be at least 1, was " + pageCap);
    }
    OpenAPI api = SpecDocument.load();
    List<DerivedStub> stubs = new StubDeriver(api).derive();
    Map<String, PagedCollection> collections = new LinkedHashMap<>();
    for (PagedCollection collection : PagedCollection.of(api, stubs)) {
      collections.put(collection.operation().operationId(), collection);
    }
    WireMockServer server = new WireMockServer(options()
        .bindAddress("127.0.0.1")
        .dynamicPort()
        .containerThreads(8)
        .maxRequestJournalEntries(1000)
        .extensions(new PagingTransformer(collections, pageCap)));
    server.start();
    List<String> served = new ArrayList<>();
    for (PagedCollection collection : collections.values()) {
      server.stubFor(get(urlPathEqualTo(collection.operation().path()))
          .atPriority(1)
          .willReturn(aResponse()
              .withTransformers(PagingTransformer.NAME)
              .withTransformerParameter(PagingTransformer.COLLECTION_PARAMETER, collection.operation().operationId())));
      served.add(collection.operation().operationId());
    }
    for (DerivedStub stub : stubs) {
      boolean success = stub.status() >= 200 && stub.status() < 300;
      if (success && !served.contains(stub.operationId())) {
        server.stubFor(stub.toMapping().atPriority(5));
        served.add(stub.operationId());
      }
    }
    List<ApiOperation> operations = ApiOperation.of(api);
    String basePath = operations.isEmpty() ? "" : operations.get(0).basePath();
    return new S2MockServer(server, basePath, collections);
  }

  /**
   * The URL to give a client as its base URL: loopback address, port and the spec's base path
   * ({@code http://127.0.0.1:PORT/v1}).
   *
   * @return the base URL, without a trailing slash
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port() + basePath;
  }

  /**
   * The port the mock listens on.
   *
   * @return the port
   */
  public int port() {
    return server.port();
  }

  /** The underlying WireMock server, for tests that inspect its request journal. */
  WireMockServer wireMock() {
    return server;
  }

  /** The paged collection of a list operation, by operation id. */
  PagedCollection collection(String operationId) {
    return collections.get(operationId);
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop();
  }
}
