package dev.s2.client;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Unwraps the exceptions of {@link java.util.concurrent.CompletableFuture} back to {@link S2Exception}s. */
final class Futures {
  private Futures() {}

  static RuntimeException unwrap(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RuntimeException) { // S2Exception, CancellationException, an action's own exception
      return (RuntimeException) cause;
    }
    return new CompletionException(cause);
  }
}
