package dev.s2.testing;

/**
 * The 24 operations of S2's API as the embedded S2 routes them, named after their OpenAPI operation
 * ids. Used to count requests ({@link EmbeddedS2#requestCount(Operation)}) and to aim faults
 * ({@link RequestMatcher}).
 */
public enum Operation {
  /** {@code GET /access-tokens}. */
  LIST_ACCESS_TOKENS("list_access_tokens", false),
  /** {@code POST /access-tokens}. */
  ISSUE_ACCESS_TOKEN("issue_access_token", false),
  /** {@code DELETE /access-tokens/{id}}. */
  REVOKE_ACCESS_TOKEN("revoke_access_token", false),
  /** {@code GET /basins}. */
  LIST_BASINS("list_basins", false),
  /** {@code POST /basins}. */
  CREATE_BASIN("create_basin", false),
  /** {@code GET /basins/{basin}}. */
  GET_BASIN_CONFIG("get_basin_config", false),
  /** {@code PUT /basins/{basin}}. */
  ENSURE_BASIN("ensure_basin", false),
  /** {@code DELETE /basins/{basin}}. */
  DELETE_BASIN("delete_basin", false),
  /** {@code PATCH /basins/{basin}}. */
  RECONFIGURE_BASIN("reconfigure_basin", false),
  /** {@code GET /locations}. */
  LIST_LOCATIONS("list_locations", false),
  /** {@code GET /locations/default}. */
  GET_DEFAULT_LOCATION("get_default_location", false),
  /** {@code PUT /locations/default}. */
  SET_DEFAULT_LOCATION("set_default_location", false),
  /** {@code GET /metrics}. */
  ACCOUNT_METRICS("account_metrics", false),
  /** {@code GET /metrics/{basin}}. */
  BASIN_METRICS("basin_metrics", false),
  /** {@code GET /metrics/{basin}/{stream}}. */
  STREAM_METRICS("stream_metrics", false),
  /** {@code GET /streams}. */
  LIST_STREAMS("list_streams", true),
  /** {@code POST /streams}. */
  CREATE_STREAM("create_stream", true),
  /** {@code GET /streams/{stream}}. */
  GET_STREAM_CONFIG("get_stream_config", true),
  /** {@code PUT /streams/{stream}}. */
  ENSURE_STREAM("ensure_stream", true),
  /** {@code DELETE /streams/{stream}}. */
  DELETE_STREAM("delete_stream", true),
  /** {@code PATCH /streams/{stream}}. */
  RECONFIGURE_STREAM("reconfigure_stream", true),
  /** {@code POST /streams/{stream}/records}. */
  APPEND("append", true),
  /**
   * {@code GET /streams/{stream}/records}, unary or as an SSE session ({@link
   * RecordedRequest#readSession()}).
   */
  READ("read", true),
  /** {@code GET /streams/{stream}/records/tail}. */
  CHECK_TAIL("check_tail", true);

  private final String operationId;
  private final boolean basinScoped;

  Operation(String operationId, boolean basinScoped) {
    this.operationId = operationId;
    this.basinScoped = basinScoped;
  }

  /**
   * The OpenAPI operation id, such as {@code list_basins}.
   *
   * @return the OpenAPI operation id, such as {@code list_basins}
   */
  public String operationId() {
    return operationId;
  }

  /**
   * Whether the operation is served for one basin (the {@code /streams} paths).
   *
   * @return whether the operation is served for one basin (the {@code /streams} paths)
   */
  public boolean basinScoped() {
    return basinScoped;
  }
}
