package dev.s2.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.s2.client.AppendConditionFailedException;
import dev.s2.client.AppendOptions;
import dev.s2.client.AppendRecord;
import dev.s2.client.RangeNotSatisfiableException;
import dev.s2.client.ReadBatch;
import dev.s2.client.ReadOptions;
import dev.s2.client.S2Client;
import dev.s2.client.S2ServiceException;
import dev.s2.client.S2Stream;
import dev.s2.client.SequencedRecord;
import dev.s2.model.StreamPosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The drivers of the declared special case: the records operations ({@code append}, {@code read},
 * {@code check_tail}), which the SDK wraps by hand in {@link S2Stream} ({@code
 * client.basin(b).stream(s)}), with byte bodies sent and read in S2's base64 format ({@code
 * s2-format: base64}). Keyed by operationId; every other operation has a {@link DerivedDriver}.
 *
 * <p>What the server answers a base64 read: the records of the derived stub, whose strings are the
 * raw text of the spec's default format, with each body, header name and value as the base64 of its
 * UTF-8 bytes ({@link #served}); the client must then read back exactly those bytes.
 */
final class RecordDrivers {
  static final String BASIN = "replay-basin";

  /** A stream name that must travel percent-encoded: a slash, a space, non-ASCII. */
  static final String STREAM = "replay/stream ✓";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private RecordDrivers() {}

  /** The driver of a records operation, empty for any other. */
  static Optional<Driver> forOperation(ApiOperation operation) {
    return switch (operation.operationId()) {
      case "append" -> Optional.of(new Append(operation));
      case "read" -> Optional.of(new Read(operation));
      case "check_tail" -> Optional.of(new CheckTail(operation));
      default -> Optional.empty();
    };
  }

  private static S2Stream stream(S2Client client) {
    return client.basin(BASIN).stream(STREAM);
  }

  /**
   * What every request of a records operation carries: its path, the basin header, the format; and
   * its query.
   */
  private abstract static class RecordsDriver implements Driver {
    final ApiOperation operation;
    private final Map<String, List<String>> query;
    private final boolean base64Format;
    private final boolean idempotent;

    /**
     * @param query the query every request carries
     * @param base64Format whether the requests carry {@code s2-format: base64} (bodies travel as
     *     base64)
     * @param idempotent whether the call may be retried after any retryable failure
     */
    RecordsDriver(
        ApiOperation operation,
        Map<String, List<String>> query,
        boolean base64Format,
        boolean idempotent) {
      this.operation = operation;
      this.query = query;
      this.base64Format = base64Format;
      this.idempotent = idempotent;
    }

    @Override
    public boolean idempotent() {
      return idempotent;
    }

    void assertBody(HttpExchange request) {
      assertThat(request.requestBody()).as("body").isEmpty();
    }

    @Override
    public void assertRequests(List<HttpExchange> attempts) {
      assertThat(attempts)
          .isNotEmpty()
          .allSatisfy(
              request -> {
                assertThat(request.method()).isEqualTo(operation.method());
                assertThat(request.path())
                    .isEqualTo(DerivedDriver.path(operation, Map.of("stream", STREAM)));
                assertThat(request.query()).isEqualTo(query);
                assertThat(request.header("s2-basin")).isEqualTo(BASIN);
                assertThat(request.header("s2-format")).isEqualTo(base64Format ? "base64" : null);
                assertBody(request);
              });
    }
  }

  /**
   * {@code append}: bytes that are no UTF-8, a header with non-ASCII, a timestamp, a text record
   * and a fence command (a header with an empty name), with a match on the seq num (which makes it
   * safe to retry) and a fencing token.
   */
  private static final class Append extends RecordsDriver {
    private static final List<AppendRecord> RECORDS =
        List.of(
            AppendRecord.builder()
                .body(new byte[] {0, (byte) 0xff, 'a'})
                .header("name", "välue")
                .timestamp(7)
                .build(),
            AppendRecord.of("text"),
            AppendRecord.fence("fence-2"));
    private static final AppendOptions OPTIONS =
        AppendOptions.none().matchSeqNum(3).fencingToken("fence-1");

    Append(ApiOperation operation) {
      // match_seq_num: a retried append that took effect fails with 412 instead of appending twice
      super(operation, Map.of(), true, true);
    }

    @Override
    public Object call(S2Client client) {
      return stream(client).append(RECORDS, OPTIONS);
    }

    @Override
    void assertBody(HttpExchange request) {
      ObjectNode expected = JSON.createObjectNode();
      ArrayNode records = expected.putArray("records");
      records
          .addObject()
          .put("body", BASE64.encodeToString(new byte[] {0, (byte) 0xff, 'a'}))
          .put("timestamp", 7)
          .putArray("headers")
          .addArray()
          .add(b64("name"))
          .add(b64("välue"));
      records.addObject().put("body", b64("text"));
      records
          .addObject()
          .put("body", b64("fence-2"))
          .putArray("headers")
          .addArray()
          .add("")
          .add(b64("fence"));
      expected.put("match_seq_num", 3).put("fencing_token", "fence-1");
      assertThat(request.header("Content-Type")).startsWith("application/json");
      assertThat(json(request.requestBody()))
          .as("body sent %s", request.requestBody())
          .isEqualTo(expected);
    }

    @Override
    public void assertError(S2ServiceException error, DerivedStub stub) {
      if (stub.status() != 412) {
        return;
      }
      AppendConditionFailedException failed = (AppendConditionFailedException) error;
      JsonNode seqNum = stub.json().get("seq_num_mismatch");
      JsonNode token = stub.json().get("fencing_token_mismatch");
      assertThat(failed.expectedSeqNum().isPresent() ? failed.expectedSeqNum().getAsLong() : null)
          .isEqualTo(seqNum == null ? null : seqNum.asLong());
      assertThat(failed.expectedFencingToken().orElse(null))
          .isEqualTo(token == null ? null : token.asText());
    }
  }

  /** {@code read}: every bound of a unary read, from a seq num, clamped, with a wait. */
  private static final class Read extends RecordsDriver {
    private static final ReadOptions OPTIONS =
        ReadOptions.fromSeqNum(5)
            .withCount(10)
            .withBytes(4096)
            .withUntil(99)
            .withClamp(true)
            .withWait(Duration.ofSeconds(2));

    Read(ApiOperation operation) {
      super(
          operation,
          Map.of(
              "seq_num",
              List.of("5"),
              "clamp",
              List.of("true"),
              "count",
              List.of("10"),
              "bytes",
              List.of("4096"),
              "until",
              List.of("99"),
              "wait",
              List.of("2")),
          true,
          true);
    }

    @Override
    public Object call(S2Client client) {
      return stream(client).read(OPTIONS);
    }

    /**
     * The records' strings as base64 of their UTF-8 bytes, as S2 answers a read in {@code
     * s2-format: base64}.
     */
    @Override
    public DerivedStub served(DerivedStub stub) {
      if (stub.status() != 200 || stub.json() == null || !stub.json().path("records").isArray()) {
        return stub;
      }
      JsonNode json = stub.json().deepCopy();
      for (JsonNode record : json.get("records")) {
        if (record.path("body").isTextual()) {
          ((ObjectNode) record).put("body", b64(record.get("body").asText()));
        }
        for (JsonNode header : record.path("headers")) {
          for (int i = 0; i < header.size(); i++) {
            ((ArrayNode) header).set(i, TextNode.valueOf(b64(header.get(i).asText())));
          }
        }
      }
      return new DerivedStub(
          stub.operation(),
          stub.responseKey(),
          stub.status(),
          stub.scenario() + " (base64)",
          stub.contentType(),
          json.toString(),
          json,
          stub.headers());
    }

    /**
     * The batch read against the stub's records as derived (raw text): each seq num and timestamp,
     * each body and header the UTF-8 bytes of its text (an absent body or header list is empty),
     * the tail.
     */
    @Override
    public List<String> mismatches(DerivedStub stub, Object result) {
      ReadBatch batch = (ReadBatch) result;
      List<String> out = new ArrayList<>();
      JsonNode records = stub.json().get("records");
      if (records.size() != batch.records().size()) {
        return List.of(
            "$.records: " + records.size() + " in the body, " + batch.records().size() + " read");
      }
      for (int i = 0; i < records.size(); i++) {
        JsonNode expected = records.get(i);
        SequencedRecord actual = batch.records().get(i);
        String at = "$.records[" + i + "]";
        check(out, at + ".seq_num", expected.get("seq_num").asLong(), actual.seqNum());
        check(out, at + ".timestamp", expected.get("timestamp").asLong(), actual.timestamp());
        check(
            out,
            at + ".body",
            Arrays.toString(utf8(expected.path("body").asText(""))),
            Arrays.toString(actual.body()));
        List<String> expectedHeaders = new ArrayList<>();
        expected
            .path("headers")
            .forEach(
                h ->
                    expectedHeaders.add(
                        Arrays.toString(utf8(h.get(0).asText()))
                            + "="
                            + Arrays.toString(utf8(h.get(1).asText()))));
        List<String> actualHeaders =
            actual.headers().stream()
                .map(h -> Arrays.toString(h.name()) + "=" + Arrays.toString(h.value()))
                .toList();
        check(out, at + ".headers", expectedHeaders, actualHeaders);
      }
      JsonNode tail = stub.json().get("tail");
      Function<StreamPosition, String> position = p -> p.seqNum() + "/" + p.timestamp();
      check(
          out,
          "$.tail",
          tail == null || tail.isNull()
              ? null
              : tail.get("seq_num").asLong() + "/" + tail.get("timestamp").asLong(),
          batch.tail().map(position).orElse(null));
      return out;
    }

    @Override
    public void assertError(S2ServiceException error, DerivedStub stub) {
      if (stub.status() == 416) {
        StreamPosition tail = ((RangeNotSatisfiableException) error).tail().orElseThrow();
        assertThat(tail.seqNum()).isEqualTo(stub.json().get("tail").get("seq_num").asLong());
        assertThat(tail.timestamp()).isEqualTo(stub.json().get("tail").get("timestamp").asLong());
      }
    }
  }

  /** {@code check_tail}: the position, compared as the response's {@code tail}. */
  private static final class CheckTail extends RecordsDriver {
    CheckTail(ApiOperation operation) {
      super(operation, Map.of(), false, true);
    }

    @Override
    public Object call(S2Client client) {
      return Map.of("tail", stream(client).checkTail());
    }
  }

  private static void check(List<String> out, String path, Object expected, Object actual) {
    if (!java.util.Objects.equals(expected, actual)) {
      out.add(path + ": " + expected + " in the body, read as " + actual);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String b64(String text) {
    return BASE64.encodeToString(utf8(text));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
