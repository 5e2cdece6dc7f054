package dev.s2.client;

import dev.s2.model.StreamPosition;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Whether a read session is caught up, and the futures waiting for it (as the caught-up state of S2's Go and
 * Rust SDKs): caught up to a tail once every record before it was taken; behind again after records that do not
 * reach a reported tail, or a reconnection; ended with the session. Thread-safe.
 */
final class CaughtUpState {
  private @Nullable StreamPosition tail;
  private boolean ended;
  private CompletableFuture<StreamPosition> next = new CompletableFuture<>();

  synchronized boolean isCaughtUp() {
    return tail != null;
  }

  /** The consumer has taken every record before {@code reached}. */
  void caughtUp(StreamPosition reached) {
    CompletableFuture<StreamPosition> f;
    synchronized (this) {
      if (ended) {
        return;
      }
      tail = reached;
      f = next;
    }
    f.complete(reached); // no-op when a future caught-up state already completed it: its tail never changes
  }

  /** The consumer holds, or will get, records beyond the last tail it was caught up to. */
  synchronized void behind() {
    if (ended || tail == null) {
      return;
    }
    tail = null;
    next = new CompletableFuture<>();
  }

  /** The session ended: cleanly (error null; a caught-up state is kept) or with an error. */
  void end(@Nullable Throwable error) {
    CompletableFuture<StreamPosition> f;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      if (error != null) {
        tail = null;
      }
      f = next;
    }
    if (error != null) {
      f.completeExceptionally(error);
    } else {
      f.completeExceptionally(new IllegalStateException("the read session ended before catching up"));
    }
  }

  /** The current caught-up tail, or a copy of the future of the next one. */
  synchronized CompletableFuture<StreamPosition> future() {
    if (tail != null) {
      return CompletableFuture.completedFuture(tail);
    }
    return next.copy();
  }
}
