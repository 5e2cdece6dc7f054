package dev.s2.client;

import java.util.concurrent.CompletableFuture;

/**
 * The future of an asynchronous call. Cancelling it, or any future derived from it with {@code thenApply},
 * {@code handle} and the like (they are {@code CallFuture}s too), stops the call: its HTTP request in flight is
 * cancelled and no retry follows. A plain {@link CompletableFuture} would only cancel the derived future and let
 * the request run on, which is how an operation that maps its result ({@code listAsync} mapping the response to
 * a page) used to lose cancellation.
 *
 * @param <T> the value type
 */
final class CallFuture<T> extends CompletableFuture<T> {
  private final Runnable stop;

  CallFuture(Runnable stop) {
    this.stop = stop;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CallFuture<>(stop);
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      stop.run();
    }
    return cancelled;
  }
}
