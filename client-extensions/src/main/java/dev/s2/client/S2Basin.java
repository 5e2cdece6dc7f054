package dev.s2.client;

import dev.s2.api.ServerVariables;

/**
 * One basin: the operations of its endpoint ({@link #streams()}, ...), obtained from
 * {@link S2Client#basin(String)}. Cheap to create, immutable and thread-safe; it shares the client's connections,
 * retries and timeouts.
 *
 * <pre>{@code
 * S2Basin basin = client.basin("my-basin");
 * for (StreamInfo stream : basin.streams().listAll()) {
 *   System.out.println(stream.name());
 * }
 * }</pre>
 */
public final class S2Basin extends BasinOperations {
  private final String name;
  private final String endpoint;

  S2Basin(ClientRuntime rt, String name, String endpoint) {
    super(rt, ServerVariables.of("basin", name));
    this.name = name;
    this.endpoint = endpoint;
  }

  /**
   * The basin's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Where this basin's requests go: its own host (parent-zone endpoints) or the shared one (direct endpoints,
   * which then name the basin in an {@code s2-basin} header).
   *
   * @return the endpoint's URL
   */
  public String endpoint() {
    return endpoint;
  }

  @Override
  public String toString() {
    return "S2Basin{name=" + name + ", endpoint=" + endpoint + '}';
  }
}
