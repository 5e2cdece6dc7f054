package dev.s2.client;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * The outermost of the client's interceptors. It records that OkHttp started the attempt (for an asynchronous
 * call, that the dispatcher let it out of its queue: {@link CallExecutor} then knows whether a call that ran out
 * of time ever started), and it turns any {@link RuntimeException} from below (OkHttp's internals, an
 * interceptor) into a {@link StackFailure}: OkHttp rethrows runtime exceptions on its dispatcher threads, where
 * they would escape as uncaught stack traces and leave the call's future incomplete.
 */
final class AttemptInterceptor implements Interceptor {

  @Override
  public Response intercept(Chain chain) throws IOException {
    CallExecutor.AttemptTag tag = chain.request().tag(CallExecutor.AttemptTag.class);
    if (tag != null) {
      tag.markStarted();
    }
    try {
      return chain.proceed(chain.request());
    } catch (RuntimeException e) {
      throw new StackFailure(e);
    }
  }

  /** A runtime exception from inside the HTTP stack, carried as the I/O failure OkHttp expects. */
  static final class StackFailure extends IOException {
    private static final long serialVersionUID = 1L;

    StackFailure(RuntimeException cause) {
      super(cause.toString(), cause);
    }
  }
}
