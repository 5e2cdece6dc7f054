package dev.s2.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.s2.client.ReadBatch;
import dev.s2.client.S2Client;
import dev.s2.model.StorageClass;
import dev.s2.model.StreamConfig;
import dev.s2.testing.AppendedRecord;
import dev.s2.testing.EmbeddedS2Extension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's snippets run, in their order, against the embedded S2 of {@code dev.s2:s2-testing} started by its
 * JUnit extension (the README's own testing snippet is the start of this class).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeSnippetsRunTest {
  // snippet:testing
  @RegisterExtension
  static final EmbeddedS2Extension S2 = EmbeddedS2Extension.configure(s2 -> s2.locations("aws:us-east-1"));

  static S2Client client() {
    return S2Client.builder()
        .accessToken(S2.server().accessToken())
        .baseUrl(S2.server().accountEndpoint().toString())
        .basinEndpoint(S2.server().basinEndpoint().toString())  // one host for all basins: the s2-basin header
        .build();
  }
  // end

  @Test
  @Order(1)
  void basinsAreCreatedEnsuredAndListed() {
    try (S2Client client = client()) {
      ReadmeSnippets.basins(client);
    }
    assertThat(S2.server().basins()).contains("my-basin-1");
  }

  @Test
  @Order(2)
  void aStreamIsCreatedAndAFieldReset() {
    try (S2Client client = client()) {
      StreamConfig config = ReadmeSnippets.streams(client);
      assertThat(config.storageClass()).contains(StorageClass.STANDARD);
    }
    assertThat(S2.server().streams("my-basin-1")).containsExactly("events");
  }

  @Test
  @Order(3)
  void metricsAndLocationsAreRead() {
    try (S2Client client = client()) {
      ReadmeSnippets.metricsAndLocations(client);
    }
  }

  @Test
  @Order(4)
  void recordsRoundTripExactly() {
    try (S2Client client = client()) {
      ReadBatch batch = ReadmeSnippets.records(client);
      assertThat(batch.records()).hasSize(2);
      assertThat(batch.records().get(1).body()).containsExactly((byte) 0xff, 0);
    }
    List<AppendedRecord> stored = S2.server().records("my-basin-1", "events");
    assertThat(stored).extracting(AppendedRecord::bodyUtf8).startsWith("hello");
    assertThat(stored.get(2).bodyUtf8()).isEqualTo("only if nothing came between"); // matched the tail
  }

  @Test
  @Order(5)
  void aReadSessionReadsThemBack() {
    try (S2Client client = client()) {
      assertThat(ReadmeSnippets.readSession(client)).containsExactly("hello",
          new String(new byte[] {(byte) 0xff, 0}, StandardCharsets.UTF_8));
    }
  }

  @Test
  @Order(6)
  void theProducerAppendsInOrder() {
    try (S2Client client = client()) {
      ReadmeSnippets.producer(client);
    }
    List<String> bodies = S2.server().records("my-basin-1", "events").stream().map(AppendedRecord::bodyUtf8)
        .collect(Collectors.toList());
    assertThat(bodies.subList(bodies.size() - 3, bodies.size())).containsExactly("signed-up", "paid", "shipped");
  }
}
