package dev.s2.testing;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Chooses the requests a fault applies to. */
@FunctionalInterface
public interface RequestMatcher {
  /**
   * Whether the fault applies to this request.
   *
   * @param request the request, as routed
   * @return true to apply the fault
   */
  boolean matches(RecordedRequest request);

  /**
   * Every request.
   *
   * @return a matcher of all requests
   */
  static RequestMatcher any() {
    return request -> true;
  }

  /**
   * Requests routed to one of these operations.
   *
   * @param first an operation
   * @param more more operations
   * @return the matcher
   */
  static RequestMatcher operation(Operation first, Operation... more) {
    Set<Operation> ops = EnumSet.of(first, more);
    return request -> ops.contains(request.operation());
  }

  /**
   * SSE read sessions ({@code GET …/records} with {@code Accept: text/event-stream}).
   *
   * @return the matcher
   */
  static RequestMatcher readSessions() {
    return RecordedRequest::readSession;
  }

  /**
   * S2S sessions, append and read ({@code Content-Type: s2s/proto} on {@code …/records}).
   *
   * @return the matcher
   */
  static RequestMatcher s2sSessions() {
    return RecordedRequest::s2sSession;
  }

  /**
   * S2S append sessions ({@code POST …/records} with {@code Content-Type: s2s/proto}).
   *
   * @return the matcher
   */
  static RequestMatcher s2sAppendSessions() {
    return request -> request.s2sSession() && request.operation() == Operation.APPEND;
  }

  /**
   * S2S read sessions ({@code GET …/records} with {@code Content-Type: s2s/proto}).
   *
   * @return the matcher
   */
  static RequestMatcher s2sReadSessions() {
    return request -> request.s2sSession() && request.operation() == Operation.READ;
  }

  /**
   * Requests about one stream of one basin.
   *
   * @param basin the basin name
   * @param stream the stream name
   * @return the matcher
   */
  static RequestMatcher stream(String basin, String stream) {
    Objects.requireNonNull(basin, "basin");
    Objects.requireNonNull(stream, "stream");
    return request ->
        basin.equals(request.basin().orElse(null)) && stream.equals(request.stream().orElse(null));
  }

  /**
   * Both this matcher and another.
   *
   * @param other the other matcher
   * @return the conjunction
   */
  default RequestMatcher and(RequestMatcher other) {
    Objects.requireNonNull(other, "other");
    return request -> matches(request) && other.matches(request);
  }
}
