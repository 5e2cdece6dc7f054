package dev.s2.testing;

import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts one {@link EmbeddedS2} per test class, injects it into parameters
 * of type {@code EmbeddedS2} (constructors, test and lifecycle methods), clears its fault rules
 * after each test, and stops it after the class. Nested classes share their outer class's server.
 * Requires {@code junit-jupiter-api} on the test classpath (this artifact declares it optional).
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedS2Extension.class)
 * class MyTest {
 *   @Test
 *   void appends(EmbeddedS2 s2) { ... }
 * }
 *
 * class MyConfiguredTest {
 *   @RegisterExtension
 *   static final EmbeddedS2Extension S2 = EmbeddedS2Extension.configure(b -> b.basins("my-basin-1"));
 *
 *   @Test
 *   void reads() {
 *     URI endpoint = S2.server().basinEndpoint();
 *   }
 * }
 * }</pre>
 *
 * <p>Registered in an instance (non-static) field, it starts one server per test instead.
 */
public final class EmbeddedS2Extension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmbeddedS2.class);
  private static final String SERVER = "server";

  private final Consumer<EmbeddedS2.Builder> configuration;
  private volatile @Nullable EmbeddedS2 current;

  /** The extension with the default settings (what {@code @ExtendWith} uses). */
  public EmbeddedS2Extension() {
    this(builder -> {});
  }

  private EmbeddedS2Extension(Consumer<EmbeddedS2.Builder> configuration) {
    this.configuration = configuration;
  }

  /**
   * An extension whose servers are built with these settings (for {@code @RegisterExtension}).
   *
   * @param configuration changes to the default builder
   * @return the extension
   */
  public static EmbeddedS2Extension configure(Consumer<EmbeddedS2.Builder> configuration) {
    return new EmbeddedS2Extension(Objects.requireNonNull(configuration, "configuration"));
  }

  /**
   * The running server of the current test class.
   *
   * @return the server
   * @throws IllegalStateException outside a test class's lifetime
   */
  public EmbeddedS2 server() {
    EmbeddedS2 s2 = current;
    if (s2 == null) {
      throw new IllegalStateException(
          "no embedded S2 is running: use server() from a test or lifecycle method");
    }
    return s2;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startIfAbsent(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    startIfAbsent(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    EmbeddedS2 s2 = find(context);
    if (s2 != null) {
      s2.faults().clear();
    }
    stopIfOwned(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stopIfOwned(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedS2.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    EmbeddedS2 s2 = find(context);
    if (s2 == null) {
      s2 = startIfAbsent(context);
    }
    if (s2 == null) {
      throw new ParameterResolutionException("no embedded S2 for " + context.getDisplayName());
    }
    return s2;
  }

  private @Nullable EmbeddedS2 find(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(SERVER, EmbeddedS2.class);
  }

  private EmbeddedS2 startIfAbsent(ExtensionContext context) {
    EmbeddedS2 existing = find(context);
    if (existing != null) {
      current = existing;
      return existing;
    }
    EmbeddedS2.Builder builder = EmbeddedS2.builder();
    configuration.accept(builder);
    EmbeddedS2 s2 = builder.start();
    context.getStore(NAMESPACE).put(SERVER, s2);
    context.getStore(NAMESPACE).put(ownerKey(context), Boolean.TRUE);
    current = s2;
    return s2;
  }

  private void stopIfOwned(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    if (store.remove(ownerKey(context)) == null) {
      return;
    }
    EmbeddedS2 s2 = store.remove(SERVER, EmbeddedS2.class);
    if (s2 != null) {
      s2.close();
      if (current == s2) {
        current = null;
      }
    }
  }

  private static String ownerKey(ExtensionContext context) {
    return "owner:" + context.getUniqueId();
  }
}
