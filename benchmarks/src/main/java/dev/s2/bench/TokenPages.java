package dev.s2.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The realistic {@code GET /access-tokens} page: 1000 tokens with ids of realistic length,
 * expiries, resource sets, operation groups and operation lists, about 325 KB of JSON.
 * Deterministic (a fixed seed), so every run and every benchmark reads the same bytes.
 *
 * <p>Token ids are {@code tok-<page:6>-<index:3>-<name>}: sorted within and across pages, and the
 * page number sits at a fixed place, so {@link LoopbackServer} can serve page N of a long walk by
 * patching six digits of one precomputed page instead of holding every page.
 */
final class TokenPages {
  static final int TOKENS_PER_PAGE = 1000;

  /** Where the six page digits start inside an id. */
  static final int PAGE_DIGITS_IN_ID = 4;

  static final int PAGE_DIGITS = 6;

  private static final String[] SERVICES = {
    "ingest-writer", "analytics-reader", "ci-deploy", "billing-export", "search-indexer",
        "mobile-gateway",
    "audit-log-shipper", "ml-feature-store", "edge-collector", "backfill-job", "notifications",
        "sessionizer"
  };
  private static final String[] ENVS = {"prod", "staging", "dev"};
  private static final String[] REGIONS = {"us-east-1", "eu-west-1", "ap-south-1", "us-west-2"};
  private static final String[] BASINS = {
    "prod-events", "analytics-eu", "staging-", "tenant-acme", "logs-"
  };
  private static final String[] STREAMS = {
    "events/", "clicks/2026/", "tenants/acme/orders", "audit/", ""
  };
  private static final String[] OPS = {
    "list-basins",
    "create-basin",
    "delete-basin",
    "reconfigure-basin",
    "get-basin-config",
    "issue-access-token",
    "revoke-access-token",
    "list-access-tokens",
    "list-streams",
    "create-stream",
    "delete-stream",
    "get-stream-config",
    "reconfigure-stream",
    "check-tail",
    "append",
    "read",
    "trim",
    "fence",
    "account-metrics",
    "basin-metrics",
    "stream-metrics"
  };

  private TokenPages() {}

  /** The JSON body of page {@code page} (0-based) of a walk. */
  static byte[] page(int page, boolean hasMore) {
    SplittableRandom random = new SplittableRandom(42);
    StringBuilder json = new StringBuilder(340 * TOKENS_PER_PAGE);
    json.append("{\"access_tokens\":[");
    for (int i = 0; i < TOKENS_PER_PAGE; i++) {
      if (i > 0) {
        json.append(',');
      }
      token(json, id(page, i, random), random);
    }
    json.append("],\"has_more\":").append(hasMore).append('}');
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The page a cursor ({@code start_after}, the last id of a page) belongs to, or -1 if it is no
   * token id.
   */
  static int pageOf(String id) {
    if (id.length() < PAGE_DIGITS_IN_ID + PAGE_DIGITS || !id.startsWith("tok-")) {
      return -1;
    }
    try {
      return Integer.parseInt(id, PAGE_DIGITS_IN_ID, PAGE_DIGITS_IN_ID + PAGE_DIGITS, 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The id of the last token of a page: the cursor for the page after it. */
  static String lastId(int page) {
    SplittableRandom random = new SplittableRandom(42);
    String id = null;
    for (int i = 0; i < TOKENS_PER_PAGE; i++) {
      id = id(page, i, random);
      token(new StringBuilder(), id, random); // keeps the random sequence aligned with page()
    }
    return id;
  }

  private static String id(int page, int index, SplittableRandom r) {
    StringBuilder id = new StringBuilder("tok-");
    pad(id, page, PAGE_DIGITS).append('-');
    pad(id, index, 3).append('-');
    id.append(pick(r, SERVICES)).append('-').append(pick(r, ENVS));
    if (r.nextInt(3) > 0) {
      id.append('-').append(pick(r, REGIONS));
    }
    return id.toString();
  }

  private static void token(StringBuilder json, String id, SplittableRandom r) {
    json.append("{\"id\":\"").append(id).append("\",\"scope\":{");
    json.append("\"basins\":");
    resourceSet(json, r, BASINS);
    json.append(",\"streams\":");
    resourceSet(json, r, STREAMS);
    json.append(",\"access_tokens\":");
    if (r.nextInt(4) == 0) {
      json.append("{\"prefix\":\"tok-\"}");
    } else {
      json.append("null");
    }
    json.append(",\"op_groups\":");
    if (r.nextInt(2) == 0) {
      json.append("null");
    } else {
      json.append("{\"account\":");
      permissions(json, r);
      json.append(",\"basin\":");
      permissions(json, r);
      json.append(",\"stream\":");
      permissions(json, r);
      json.append('}');
    }
    json.append(",\"ops\":[");
    int ops = r.nextInt(7);
    int start = r.nextInt(OPS.length);
    for (int k = 0; k < ops; k++) {
      if (k > 0) {
        json.append(',');
      }
      json.append('"').append(OPS[(start + k) % OPS.length]).append('"');
    }
    json.append("]},\"expires_at\":");
    if (r.nextInt(10) == 0) {
      json.append("null");
    } else {
      json.append('"').append(2026 + r.nextInt(3)).append('-');
      pad(json, 1 + r.nextInt(12), 2).append('-');
      pad(json, 1 + r.nextInt(28), 2).append('T');
      pad(json, r.nextInt(24), 2).append(':');
      pad(json, r.nextInt(60), 2).append(':');
      pad(json, r.nextInt(60), 2);
      if (r.nextBoolean()) {
        json.append('.');
        pad(json, r.nextInt(1000), 3);
      }
      json.append("Z\"");
    }
    json.append(",\"auto_prefix_streams\":").append(r.nextInt(10) == 0).append('}');
  }

  private static void resourceSet(StringBuilder json, SplittableRandom r, String[] names) {
    int kind = r.nextInt(5);
    if (kind == 0) {
      json.append("null");
    } else {
      json.append(kind <= 2 ? "{\"prefix\":\"" : "{\"exact\":\"")
          .append(pick(r, names))
          .append("\"}");
    }
  }

  private static void permissions(StringBuilder json, SplittableRandom r) {
    json.append("{\"read\":")
        .append(r.nextInt(5) > 0)
        .append(",\"write\":")
        .append(r.nextBoolean())
        .append('}');
  }

  private static String pick(SplittableRandom r, String[] values) {
    return values[r.nextInt(values.length)];
  }

  private static StringBuilder pad(StringBuilder sb, int value, int width) {
    String s = Integer.toString(value);
    for (int k = s.length(); k < width; k++) {
      sb.append('0');
    }
    return sb.append(s);
  }
}
