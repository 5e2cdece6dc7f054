package dev.s2.client;

/** JSON bodies shaped as the spec says, for tests. */
final class Json {
  private Json() {}

  static final String FULL_TOKEN =
      "{"
          + "\"id\":\"ci-deploy\","
          + "\"expires_at\":\"2027-03-01T12:30:45.123Z\","
          + "\"auto_prefix_streams\":true,"
          + "\"scope\":{"
          + "\"basins\":{\"prefix\":\"prod-\"},"
          + "\"streams\":{\"exact\":\"events\"},"
          + "\"access_tokens\":null,"
          + "\"op_groups\":{\"account\":{\"read\":true},\"basin\":{\"read\":true,\"write\":true},\"stream\":null},"
          + "\"ops\":[\"append\",\"read\",\"list-streams\"]"
          + "}}";

  static final String MINIMAL_TOKEN = "{\"id\":\"bare\",\"scope\":{}}";

  static String token(String id) {
    return "{\"id\":\"" + id + "\",\"scope\":{\"basins\":{\"prefix\":\"\"},\"ops\":[\"read\"]}}";
  }

  /** A page of tokens with the given ids. */
  static String page(boolean hasMore, String... ids) {
    StringBuilder sb = new StringBuilder("{\"access_tokens\":[");
    for (int i = 0; i < ids.length; i++) {
      sb.append(i == 0 ? "" : ",").append(token(ids[i]));
    }
    return sb.append("],\"has_more\":").append(hasMore).append('}').toString();
  }

  static String error(String code, String message) {
    return "{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}";
  }
}
