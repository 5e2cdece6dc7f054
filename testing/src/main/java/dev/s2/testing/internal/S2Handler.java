package dev.s2.testing.internal;

import dev.s2.testing.InjectedError;
import dev.s2.testing.Operation;
import dev.s2.testing.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Routes S2's API under {@code /v1} and answers it from the {@link Store}. Every routed request is
 * recorded (count per operation, bounded log), then may be answered by an injected fault, then is
 * authenticated ({@code Authorization: Bearer <token>}, 401 {@code authn} otherwise), then handled.
 * Unknown paths are 404 and known paths with another method 405, both without a body, as S2's
 * router answers.
 *
 * <p>Basin-scoped calls ({@code /streams…}) take the basin from the {@code s2-basin} header (direct
 * endpoint form) or else from the first label of the Host when the Host is {@code <basin>.<parent
 * zone>} and not an IP literal (parent-zone form).
 */
public final class S2Handler extends Handler.Abstract {
  private static final int RECORDED_BODY_BYTES = 64 * 1024;

  private final Store store;
  private final FaultRules faults;
  private final RequestLog log;
  private final Duration pingInterval;
  private final int sessionBatchRecords;
  private final S2sCounters s2s;

  public S2Handler(
      Store store,
      FaultRules faults,
      RequestLog log,
      Duration pingInterval,
      int sessionBatchRecords,
      S2sCounters s2s) {
    this.store = store;
    this.faults = faults;
    this.log = log;
    this.pingInterval = pingInterval;
    this.sessionBatchRecords = sessionBatchRecords;
    this.s2s = s2s;
  }

  /** A matched route: the operation and its decoded path parameters. */
  private static final class Route {
    final Operation operation;
    final String[] params;

    Route(Operation operation, String... params) {
      this.operation = operation;
      this.params = params;
    }
  }

  /** The path exists but not with this method. */
  private static final class WrongMethod extends Exception {
    private static final long serialVersionUID = 1L;
    final String allow;

    WrongMethod(String allow) {
      super(allow, null, false, false);
      this.allow = allow;
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchange ex = new Exchange(request, response, callback);
    try {
      Route route;
      try {
        route = route(ex.method(), ex.segments());
      } catch (WrongMethod e) {
        response.getHeaders().put("allow", e.allow);
        ex.sendEmpty(405);
        return true;
      }
      if (route == null) {
        ex.sendEmpty(404);
        return true;
      }
      serve(ex, route);
    } catch (ApiError e) {
      ex.sendError(e);
    } catch (SessionAbort e) {
      ex.abort(e);
    } catch (IOException e) {
      ex.abort(e);
    } catch (RuntimeException e) {
      if (!ex.done()) {
        ex.sendError(ApiError.of("other", "internal error: " + e));
      }
    }
    return true;
  }

  private void serve(Exchange ex, Route route) throws IOException, SessionAbort {
    Operation op = route.operation;
    byte[] body = new byte[0];
    ApiError bodyError = null;
    // An S2S append session's body is its stream of input frames: the session reads it, not this.
    if (hasBody(ex.method()) && !(op == Operation.APPEND && ex.hasS2sContentType())) {
      try {
        body = ex.body();
      } catch (ApiError e) {
        bodyError = e;
      }
    }
    String basin = null;
    ApiError basinError = null;
    if (op.basinScoped()) {
      try {
        basin = basinOf(ex);
      } catch (ApiError e) {
        basinError = e;
      }
    } else if (namesBasinInPath(op)) {
      basin = route.params[0];
    }
    String stream =
        op.basinScoped() && route.params.length > 0
            ? route.params[0]
            : op == Operation.STREAM_METRICS ? route.params[1] : null;
    RecordedRequest recorded =
        new RecordedRequest(
            op,
            ex.method(),
            ex.rawPath(),
            ex.rawQuery(),
            ex.headers(),
            basin,
            stream,
            ex.protocol(),
            store.clock().instant(),
            body.length > RECORDED_BODY_BYTES ? Arrays.copyOf(body, RECORDED_BODY_BYTES) : body,
            log.nextSequence());
    log.add(recorded);

    InjectedError injected = faults.errorFor(recorded);
    if (injected != null) {
      throw ApiError.of(
          injected.status(),
          injected.code(),
          injected.message(),
          injected.retryAfter().map(Duration::toMillis).orElse(null));
    }
    authenticate(ex);
    if (bodyError != null) {
      throw bodyError;
    }
    if (basinError != null) {
      throw basinError;
    }
    if (basin != null && op.basinScoped()) {
      store.countBasinOp(basin);
    }
    dispatch(ex, route, basin, recorded);
  }

  private static boolean namesBasinInPath(Operation op) {
    switch (op) {
      case GET_BASIN_CONFIG:
      case ENSURE_BASIN:
      case DELETE_BASIN:
      case RECONFIGURE_BASIN:
      case BASIN_METRICS:
      case STREAM_METRICS:
        return true;
      default:
        return false;
    }
  }

  private static boolean hasBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  private void authenticate(Exchange ex) {
    String authorization = ex.header("authorization");
    if (authorization == null) {
      throw ApiError.of("authn", "missing access token: expected `Authorization: Bearer <token>`");
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        || authorization.substring(7).isBlank()) {
      throw ApiError.of("authn", "malformed `Authorization` header: expected `Bearer <token>`");
    }
    if (!store.accepts(authorization.substring(7).trim())) {
      throw ApiError.of("authn", "invalid access token");
    }
  }

  private static String basinOf(Exchange ex) {
    String header = ex.header("s2-basin");
    if (header != null) {
      String problem = Names.basinProblem(header, "name", false);
      if (problem != null) {
        throw ApiError.invalidHeader("s2-basin", problem);
      }
      return header;
    }
    String host = ex.host();
    if (host != null && !isIpLiteral(host)) {
      int dot = host.indexOf('.');
      if (dot > 0 && dot < host.length() - 1) {
        String label = host.substring(0, dot);
        if (Names.basinProblem(label, "name", false) == null) {
          return label;
        }
      }
    }
    throw ApiError.missingHeader("s2-basin");
  }

  private static boolean isIpLiteral(String host) {
    if (host.startsWith("[") || host.indexOf(':') >= 0) {
      return true;
    }
    return host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
  }

  // -----------------------------------------------------------------------------------------------------------
  // Routing

  /**
   * The routing table under {@code /v1}: method, path template ({@code *} captures a segment),
   * operation.
   */
  private static final Object[][] ROUTES = {
    {"GET", "access-tokens", Operation.LIST_ACCESS_TOKENS},
    {"POST", "access-tokens", Operation.ISSUE_ACCESS_TOKEN},
    {"DELETE", "access-tokens/*", Operation.REVOKE_ACCESS_TOKEN},
    {"GET", "basins", Operation.LIST_BASINS},
    {"POST", "basins", Operation.CREATE_BASIN},
    {"GET", "basins/*", Operation.GET_BASIN_CONFIG},
    {"PUT", "basins/*", Operation.ENSURE_BASIN},
    {"DELETE", "basins/*", Operation.DELETE_BASIN},
    {"PATCH", "basins/*", Operation.RECONFIGURE_BASIN},
    {"GET", "locations", Operation.LIST_LOCATIONS},
    {"GET", "locations/default", Operation.GET_DEFAULT_LOCATION},
    {"PUT", "locations/default", Operation.SET_DEFAULT_LOCATION},
    {"GET", "metrics", Operation.ACCOUNT_METRICS},
    {"GET", "metrics/*", Operation.BASIN_METRICS},
    {"GET", "metrics/*/*", Operation.STREAM_METRICS},
    {"GET", "streams", Operation.LIST_STREAMS},
    {"POST", "streams", Operation.CREATE_STREAM},
    {"GET", "streams/*", Operation.GET_STREAM_CONFIG},
    {"PUT", "streams/*", Operation.ENSURE_STREAM},
    {"DELETE", "streams/*", Operation.DELETE_STREAM},
    {"PATCH", "streams/*", Operation.RECONFIGURE_STREAM},
    {"GET", "streams/*/records", Operation.READ},
    {"POST", "streams/*/records", Operation.APPEND},
    {"GET", "streams/*/records/tail", Operation.CHECK_TAIL},
  };

  private static @Nullable Route route(String method, List<String> seg) throws WrongMethod {
    if (seg.isEmpty() || !seg.get(0).equals("v1")) {
      return null;
    }
    List<String> path = seg.subList(1, seg.size());
    StringBuilder allow = new StringBuilder();
    for (Object[] route : ROUTES) {
      String[] template = ((String) route[1]).split("/");
      List<String> params = match(template, path);
      if (params == null) {
        continue;
      }
      if (route[0].equals(method)) {
        String[] decoded = new String[params.size()];
        for (int i = 0; i < decoded.length; i++) {
          decoded[i] = Exchange.decodeSegment(params.get(i));
        }
        return new Route((Operation) route[2], decoded);
      }
      allow.append(allow.length() == 0 ? "" : ", ").append(route[0]);
    }
    if (allow.length() > 0) {
      throw new WrongMethod(allow.toString());
    }
    return null;
  }

  /** The captured (still encoded) segments when the path fits the template, else null. */
  private static @Nullable List<String> match(String[] template, List<String> path) {
    if (template.length != path.size()) {
      return null;
    }
    List<String> params = new ArrayList<>();
    for (int i = 0; i < template.length; i++) {
      if (template[i].equals("*")) {
        params.add(path.get(i));
      } else if (!template[i].equals(path.get(i))) {
        return null;
      }
    }
    return params;
  }

  // -----------------------------------------------------------------------------------------------------------
  // Operations

  private void dispatch(Exchange ex, Route route, @Nullable String basin, RecordedRequest recorded)
      throws IOException, SessionAbort {
    String[] p = route.params;
    switch (route.operation) {
      case LIST_ACCESS_TOKENS:
        {
          Map<String, String> q = ex.query();
          ex.sendJson(
              200,
              store.listAccessTokens(
                  q.getOrDefault("prefix", ""), q.getOrDefault("start_after", ""), limit(q)));
          return;
        }
      case ISSUE_ACCESS_TOKEN:
        ex.sendJson(201, store.issueAccessToken(ex.jsonBody()));
        return;
      case REVOKE_ACCESS_TOKEN:
        store.revokeAccessToken(p[0]);
        ex.sendEmpty(204);
        return;
      case LIST_BASINS:
        {
          Map<String, String> q = ex.query();
          ex.sendJson(
              200,
              store.listBasins(
                  q.getOrDefault("prefix", ""), q.getOrDefault("start_after", ""), limit(q)));
          return;
        }
      case CREATE_BASIN:
        {
          String token = requestToken(ex);
          send(ex, store.createBasin(ex.jsonBody(), token));
          return;
        }
      case GET_BASIN_CONFIG:
        ex.sendJson(200, store.basinConfig(p[0]));
        return;
      case ENSURE_BASIN:
        send(ex, store.ensureBasin(p[0], ex.optionalJsonBody()));
        return;
      case DELETE_BASIN:
        store.deleteBasin(p[0]);
        ex.sendEmpty(202);
        return;
      case RECONFIGURE_BASIN:
        ex.sendJson(200, store.reconfigureBasin(p[0], ex.jsonBody()));
        return;
      case LIST_LOCATIONS:
        ex.sendJson(200, store.listLocations());
        return;
      case GET_DEFAULT_LOCATION:
        ex.sendJson(200, store.defaultLocation());
        return;
      case SET_DEFAULT_LOCATION:
        {
          if (!ex.hasJsonContentType()) {
            throw ApiError.badJson("Expected request with `Content-Type: application/json`");
          }
          Object name = Json.parse(ex.body());
          if (!(name instanceof String)) {
            throw Json.typeError(name, "a string", "$");
          }
          ex.sendJson(200, store.setDefaultLocation((String) name));
          return;
        }
      case ACCOUNT_METRICS:
      case BASIN_METRICS:
      case STREAM_METRICS:
        ex.sendJson(200, Metrics.answer(store, log, route.operation, p, ex.query()));
        return;
      default:
        break;
    }
    String b = basin == null ? "" : basin;
    switch (route.operation) {
      case LIST_STREAMS:
        {
          Map<String, String> q = ex.query();
          ex.sendJson(
              200,
              store.listStreams(
                  b, q.getOrDefault("prefix", ""), q.getOrDefault("start_after", ""), limit(q)));
          return;
        }
      case CREATE_STREAM:
        {
          String token = requestToken(ex);
          send(ex, store.createStream(b, ex.jsonBody(), token));
          return;
        }
      default:
        break;
    }
    String stream = streamParam(p[0]);
    switch (route.operation) {
      case GET_STREAM_CONFIG:
        ex.sendJson(200, store.streamConfig(b, stream));
        return;
      case ENSURE_STREAM:
        {
          Json.Obj config = ex.optionalJsonBody();
          send(
              ex,
              store.ensureStream(b, stream, config == null ? null : StreamConfig.parse(config)));
          return;
        }
      case DELETE_STREAM:
        store.deleteStream(b, stream);
        ex.sendEmpty(202);
        return;
      case RECONFIGURE_STREAM:
        ex.sendJson(200, store.reconfigureStream(b, stream, ex.jsonBody()));
        return;
      case CHECK_TAIL:
        ex.sendJson(200, store.checkTail(b, stream));
        return;
      case APPEND:
        {
          if (recorded.s2sSession()) {
            new S2sAppendSession(store, ex, b, stream, faults.planS2sSession(recorded), s2s).run();
            return;
          }
          AppendInput input;
          if (ex.hasProtobufContentType()) {
            Proto.DecodedInput decoded;
            try {
              decoded = Proto.decodeAppendInput(ex.body());
            } catch (Proto.DecodeException e) {
              throw ApiError.of("bad_proto", e.getMessage());
            }
            input =
                AppendInput.fromProto(decoded.records, decoded.matchSeqNum, decoded.fencingToken);
          } else {
            boolean base64 = RecordsJson.base64Format(ex.header("s2-format"));
            if (!ex.hasJsonContentType()) {
              throw ApiError.badJson("Expected request with `Content-Type: application/json`");
            }
            input = AppendInput.parse(ex.body(), base64);
          }
          long[] ack = store.appendPositions(b, stream, input);
          if (ex.acceptsProtobuf()) {
            ex.sendProtobuf(200, Proto.appendAck(ack));
          } else {
            ex.sendJson(200, Store.ackJson(ack));
          }
          return;
        }
      case READ:
        read(ex, b, stream, recorded);
        return;
      default:
        throw new IllegalStateException("unrouted " + route.operation);
    }
  }

  private static String streamParam(String name) {
    String problem = Names.streamProblem(name, "name", false);
    if (problem != null) {
      throw ApiError.badPath(problem);
    }
    return name;
  }

  private static void send(Exchange ex, Store.Provisioned p) {
    ex.sendJson(p.status, p.body, "s2-provision-result", p.result);
  }

  private static @Nullable String requestToken(Exchange ex) {
    String token = ex.header("s2-request-token");
    if (token != null && AppendInput.utf8Length(token) > AppendInput.MAX_TOKEN_BYTES) {
      throw ApiError.invalidHeader(
          "s2-request-token",
          "request token was longer than 36 bytes in length: " + AppendInput.utf8Length(token));
    }
    return token;
  }

  private static int limit(Map<String, String> q) {
    String limit = q.get("limit");
    if (limit == null) {
      return Store.MAX_LIMIT;
    }
    try {
      long value = Long.parseUnsignedLong(limit);
      return value > Store.MAX_LIMIT ? Store.MAX_LIMIT : (int) value;
    } catch (NumberFormatException e) {
      throw ApiError.badQuery("limit: invalid digit found in string");
    }
  }

  private void read(Exchange ex, String basin, String stream, RecordedRequest recorded)
      throws IOException, SessionAbort {
    ReadParams params = ReadParams.parse(ex.query());
    if (recorded.s2sSession()) {
      params.validate();
      new S2sReadSession(
              store,
              ex,
              basin,
              stream,
              params,
              pingInterval,
              sessionBatchRecords,
              faults.planS2sSession(recorded),
              s2s)
          .run();
      return;
    }
    boolean base64 = RecordsJson.base64Format(ex.header("s2-format"));
    if (recorded.readSession()) {
      String lastEventId = ex.header("last-event-id");
      if (lastEventId != null) {
        params.resumeAfter(lastEventId);
      }
      params.validate();
      new SseSession(
              store,
              ex,
              basin,
              stream,
              params,
              base64,
              pingInterval,
              sessionBatchRecords,
              faults.planSession(recorded))
          .run();
      return;
    }
    params.capForUnary();
    params.validate();
    UnaryRead.Result read = UnaryRead.run(store, basin, stream, params);
    if (ex.acceptsProtobuf()) {
      ex.sendProtobuf(200, Proto.readBatch(read.records, read.tail));
    } else {
      ex.sendJson(200, RecordsJson.batch(read.records, base64, read.tail));
    }
  }
}
