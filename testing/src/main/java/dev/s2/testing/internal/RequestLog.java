package dev.s2.testing.internal;

import dev.s2.testing.Operation;
import dev.s2.testing.RecordedRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counts requests per operation and keeps the latest ones (a bounded log). Thread-safe. */
public final class RequestLog {
  private final AtomicLongArray counts = new AtomicLongArray(Operation.values().length);
  private final AtomicLong sequence = new AtomicLong();
  private final Deque<RecordedRequest> recent = new ArrayDeque<>();
  private final int capacity;

  public RequestLog(int capacity) {
    this.capacity = capacity;
  }

  long nextSequence() {
    return sequence.getAndIncrement();
  }

  void add(RecordedRequest request) {
    counts.incrementAndGet(request.operation().ordinal());
    synchronized (recent) {
      recent.addLast(request);
      while (recent.size() > capacity) {
        recent.removeFirst();
      }
    }
  }

  public long count(Operation operation) {
    return counts.get(operation.ordinal());
  }

  public List<RecordedRequest> recent() {
    synchronized (recent) {
      return List.copyOf(new ArrayList<>(recent));
    }
  }

  public void clear() {
    for (int i = 0; i < counts.length(); i++) {
      counts.set(i, 0);
    }
    synchronized (recent) {
      recent.clear();
    }
  }
}
