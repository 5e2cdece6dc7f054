package dev.s2.client;

import dev.s2.model.StreamPosition;
import java.util.Optional;

/**
 * The S2 service answered 416 Range Not Satisfiable to a read: it starts beyond the stream's tail
 * (use {@link ReadOptions#withClamp(boolean)} to start at the tail instead). It carries the tail.
 */
public final class RangeNotSatisfiableException extends S2ServiceException {
  private static final long serialVersionUID = 1L;

  RangeNotSatisfiableException(ErrorDetails details, int attempts) {
    super(details, attempts);
  }

  /**
   * The stream's tail: the seq num its next record will get, and the timestamp of its last record.
   *
   * @return the tail, or empty when the 416 body could not be read
   */
  public Optional<StreamPosition> tail() {
    Object body = details().body();
    return body instanceof StreamPosition ? Optional.of((StreamPosition) body) : Optional.empty();
  }
}
