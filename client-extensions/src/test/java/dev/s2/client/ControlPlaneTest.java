package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.s2.model.AccountMetricSet;
import dev.s2.model.BasinConfig;
import dev.s2.model.BasinInfo;
import dev.s2.model.LocationInfo;
import dev.s2.model.MetricSetResponse;
import dev.s2.model.ProvisionResult;
import dev.s2.model.RetentionPolicyAge;
import dev.s2.model.StorageClass;
import dev.s2.model.StreamConfig;
import dev.s2.model.StreamInfo;
import dev.s2.testing.EmbeddedS2;
import dev.s2.testing.EmbeddedS2Extension;
import dev.s2.testing.InjectedError;
import dev.s2.testing.Operation;
import dev.s2.testing.RecordedRequest;
import dev.s2.testing.RequestMatcher;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Basins, streams, locations and metrics through the generated facades, against the embedded S2.
 */
class ControlPlaneTest {
  @RegisterExtension
  static final EmbeddedS2Extension S2 =
      EmbeddedS2Extension.configure(b -> b.locations("aws:us-east-1", "aws:eu-north-1"));

  private EmbeddedS2 s2;
  private S2Client client;
  private final List<Duration> sleeps = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp(EmbeddedS2 s2) {
    this.s2 = s2;
    s2.clearRequests();
    client = builder(s2).build();
  }

  private S2Client.Builder builder(EmbeddedS2 s2) {
    return S2Client.builder()
        .accessToken(s2.accessToken())
        .baseUrl(s2.accountEndpoint().toString())
        .basinEndpoint(s2.basinEndpoint().toString())
        .sleeper(d -> sleeps.add(d)); // no test waits: the delays are recorded
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static String unique(String prefix) {
    return prefix + Long.toString(System.nanoTime(), 36);
  }

  @Test
  void aBasinIsCreatedListedReconfiguredAndDeleted() {
    String name = unique("cp-basin-");
    Basins.CreateResult created =
        client
            .basins()
            .create(
                CreateBasinParams.builder()
                    .basin(name)
                    .config(BasinConfig.builder().createStreamOnAppend(true).build())
                    .build());
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.value().name()).isEqualTo(name);

    List<String> listed =
        client.basins().listAll(ListBasinsParams.builder().prefix(name).build()).stream()
            .map(BasinInfo::name)
            .collect(Collectors.toList());
    assertThat(listed).containsExactly(name);
    assertThat(client.basins().getConfig(name).createStreamOnAppend()).isTrue();

    BasinConfig reconfigured =
        client
            .basins()
            .reconfigure(
                ReconfigureBasinParams.builder().basin(name).resetCreateStreamOnAppend().build());
    assertThat(reconfigured.createStreamOnAppend()).isFalse();
    RecordedRequest patch = last(Operation.RECONFIGURE_BASIN);
    assertThat(patch.bodyUtf8()).isEqualTo("{\"create_stream_on_append\":null}");

    client.basins().delete(name);
    NotFoundException gone =
        catchThrowableOfType(NotFoundException.class, () -> client.basins().getConfig(name));
    assertThat(gone.code()).contains("basin_not_found");
  }

  @Test
  void ensureReportsWhatTheServiceDid() {
    String name = unique("cp-ensure-");
    Basins.EnsureResult first = client.basins().ensure(name);
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.provisionResult()).contains(ProvisionResult.CREATED);
    Basins.EnsureResult again = client.basins().ensure(name);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.provisionResult()).contains(ProvisionResult.NOOP);
    assertThat(last(Operation.ENSURE_BASIN).bodyUtf8())
        .isEmpty(); // an ensure with nothing set sends no body
    Basins.EnsureResult updated =
        client
            .basins()
            .ensure(
                EnsureBasinParams.builder()
                    .basin(name)
                    .config(BasinConfig.builder().createStreamOnRead(true).build())
                    .build());
    assertThat(updated.provisionResult()).contains(ProvisionResult.UPDATED);
  }

  @Test
  void aRetriedCreateRepeatsItsRequestTokenSoItCannotCreateTwice() {
    String name = unique("cp-retry-");
    s2.faults()
        .failNext(
            2,
            RequestMatcher.operation(Operation.CREATE_BASIN),
            InjectedError.unavailable().withRetryAfter(Duration.ofMillis(5)));

    Basins.CreateResult created =
        client.basins().create(CreateBasinParams.builder().basin(name).build());

    assertThat(created.value().name()).isEqualTo(name);
    List<String> tokens =
        s2.requests().stream()
            .filter(r -> r.operation() == Operation.CREATE_BASIN)
            .map(r -> r.header("s2-request-token").orElseThrow())
            .collect(Collectors.toList());
    assertThat(tokens).hasSize(3).doesNotContainNull();
    assertThat(tokens.get(0)).hasSize(36);
    assertThat(tokens).containsOnly(tokens.get(0));
    // a new logical call gets a new token
    client.basins().create(CreateBasinParams.builder().basin(unique("cp-other-")).build());
    assertThat(last(Operation.CREATE_BASIN).header("s2-request-token")).isNotEqualTo(tokens.get(0));
  }

  @Test
  void streamsOfABasinGoToItsEndpointWithTheBasinNamed() {
    String basinName = unique("cp-streams-");
    client.basins().create(CreateBasinParams.builder().basin(basinName).build());
    S2Basin basin = client.basin(basinName);

    Streams.CreateResult created =
        basin
            .streams()
            .create(
                CreateStreamParams.builder().stream("orders")
                    .config(
                        StreamConfig.builder()
                            .storageClass(StorageClass.STANDARD)
                            .retentionPolicy(RetentionPolicyAge.of(3600))
                            .build())
                    .build());
    basin.streams().ensure("payments");

    assertThat(created.value().name()).isEqualTo("orders");
    assertThat(basin.streams().listAll().stream().map(StreamInfo::name))
        .containsExactly("orders", "payments");
    assertThat(basin.streams().getConfig("orders").retentionPolicy())
        .contains(RetentionPolicyAge.of(3600));
    RecordedRequest request = last(Operation.GET_STREAM_CONFIG);
    assertThat(request.header("s2-basin")).contains(basinName);
    assertThat(request.path()).isEqualTo("/v1/streams/orders");

    StreamConfig reset =
        basin
            .streams()
            .reconfigure(
                ReconfigureStreamParams.builder().stream("orders")
                    .resetRetentionPolicy()
                    .storageClass(StorageClass.EXPRESS)
                    .build());
    assertThat(last(Operation.RECONFIGURE_STREAM).bodyUtf8())
        .isEqualTo("{\"retention_policy\":null,\"storage_class\":\"express\"}");
    assertThat(reset.storageClass()).contains(StorageClass.EXPRESS);

    basin.streams().delete("payments");
    assertThat(basin.streams().listAll().stream().map(StreamInfo::name)).containsExactly("orders");
  }

  @Test
  void aParentZoneEndpointPutsTheBasinInTheHost(EmbeddedS2 s2) {
    String basinName = unique("cp-zone-");
    client.basins().create(CreateBasinParams.builder().basin(basinName).build());
    OkHttpClient loopback =
        new OkHttpClient.Builder().dns(host -> List.of(InetAddress.getLoopbackAddress())).build();
    try (S2Client zoned =
        builder(s2)
            .basinEndpoint("http://{basin}.zone.test:" + s2.port() + "/v1")
            .okHttpClient(loopback)
            .build()) {
      S2Basin basin = zoned.basin(basinName);
      assertThat(basin.endpoint())
          .isEqualTo("http://" + basinName + ".zone.test:" + s2.port() + "/v1/");
      basin.streams().create(CreateStreamParams.builder().stream("zoned").build());
      RecordedRequest request = last(Operation.CREATE_STREAM);
      assertThat(request.header("host")).contains(basinName + ".zone.test:" + s2.port());
      assertThat(request.header("s2-basin")).isEmpty();
      assertThat(request.basin()).contains(basinName);
    } finally {
      loopback.dispatcher().executorService().shutdown();
      loopback.connectionPool().evictAll();
    }
  }

  @Test
  void locationsAndTheDefault() {
    assertThat(client.locations().list().stream().map(LocationInfo::name))
        .containsExactly("aws:us-east-1", "aws:eu-north-1");
    LocationInfo set =
        client
            .locations()
            .setDefault(SetDefaultLocationParams.builder().body("aws:eu-north-1").build());
    assertThat(set.name()).isEqualTo("aws:eu-north-1");
    assertThat(client.locations().getDefault().name()).isEqualTo("aws:eu-north-1");
    assertThat(last(Operation.SET_DEFAULT_LOCATION).bodyUtf8()).isEqualTo("\"aws:eu-north-1\"");
  }

  @Test
  void accountMetricsAreTyped() {
    long now = System.currentTimeMillis() / 1000;
    MetricSetResponse metrics =
        client
            .metrics()
            .account(
                AccountMetricsParams.builder()
                    .set(AccountMetricSet.ACTIVE_BASINS)
                    .start((int) (now - 3600))
                    .end((int) now)
                    .build());
    assertThat(metrics.values()).isNotNull();
    RecordedRequest request = last(Operation.ACCOUNT_METRICS);
    assertThat(request.query().orElseThrow()).contains("set=active-basins");
  }

  @Test
  void basinNamesAreCheckedAsTheSpecSaysBeforeAnyRequest() {
    assertThatThrownBy(() -> client.basins().getConfig("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("basin must be 8 to 48 bytes of UTF-8, was 5 bytes");
    assertThatThrownBy(() -> client.basins().getConfig("Upper-Case-Name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("basin must match ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$, was 'Upper-Case-Name'");
    assertThatThrownBy(() -> ListBasinsParams.builder().limit(1001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 0 and 1000, was 1001");
    assertThat(s2.requests()).isEmpty();
  }

  private RecordedRequest last(Operation operation) {
    List<RecordedRequest> matching =
        s2.requests().stream().filter(r -> r.operation() == operation).collect(Collectors.toList());
    assertThat(matching).as("requests of %s", operation).isNotEmpty();
    return matching.get(matching.size() - 1);
  }
}
