package dev.s2.client;

import kotlin.jvm.functions.Function0;
import kotlin.reflect.KClass;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.EventListener;
import okhttp3.Request;
import okhttp3.Response;
import okio.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * What Retrofit's call factory makes in this client: an {@link okhttp3.Call} that only carries the request
 * Retrofit built from the generated interface's annotations and arguments. It cannot be sent: {@link CallExecutor}
 * sends a copy of the request itself, so that no call can leave the client without its body limits, budget,
 * cancellation and masking.
 */
final class UnsentCall implements Call {
  static final Call.Factory FACTORY = UnsentCall::new;

  private final Request request;

  private UnsentCall(Request request) {
    this.request = request;
  }

  @Override
  public Request request() {
    return request;
  }

  @Override
  public Response execute() {
    throw notSent();
  }

  @Override
  public void enqueue(Callback responseCallback) {
    throw notSent();
  }

  private static IllegalStateException notSent() {
    return new IllegalStateException("requests of the S2 client are sent by its CallExecutor, not by Retrofit");
  }

  @Override
  public void cancel() {}

  @Override
  public boolean isExecuted() {
    return false;
  }

  @Override
  public boolean isCanceled() {
    return false;
  }

  @Override
  public Timeout timeout() {
    return Timeout.NONE;
  }

  @Override
  public void addEventListener(EventListener eventListener) {}

  @Override
  public <T> @Nullable T tag(KClass<T> type) {
    return null;
  }

  @Override
  public <T> @Nullable T tag(Class<? extends T> type) {
    return null;
  }

  @Override
  public <T> T tag(KClass<T> type, Function0<? extends T> computeIfAbsent) {
    return computeIfAbsent.invoke();
  }

  @Override
  public <T> T tag(Class<T> type, Function0<? extends T> computeIfAbsent) {
    return computeIfAbsent.invoke();
  }

  @Override
  public Call clone() {
    return new UnsentCall(request);
  }
}
