package dev.s2.client;

import dev.s2.api.ServerVariables;

/**
 * One basin: the operations of its endpoint ({@link #streams()}, ...), obtained from {@link
 * S2Client#basin(String)}. Cheap to create, immutable and thread-safe; it shares the client's
 * connections, retries and timeouts.
 *
 * <pre>{@code
 * S2Basin basin = client.basin("my-basin");
 * for (StreamInfo stream : basin.streams().listAll()) {
 *   System.out.println(stream.name());
 * }
 * }</pre>
 */
public final class S2Basin extends BasinOperations {
  private final ClientRuntime rt;
  private final ServerVariables server;
  private final String name;
  private final String endpoint;

  S2Basin(ClientRuntime rt, String name, String endpoint) {
    this(rt, ServerVariables.of("basin", name), name, endpoint);
  }

  private S2Basin(ClientRuntime rt, ServerVariables server, String name, String endpoint) {
    super(rt, server);
    this.rt = rt;
    this.server = server;
    this.name = name;
    this.endpoint = endpoint;
  }

  /**
   * A handle on one stream of this basin: append, read, check the tail.
   *
   * @param stream the stream's name, 1 to 512 bytes of UTF-8
   * @return the handle
   * @throws IllegalArgumentException if the name is null, empty, too long, or {@code .}/{@code ..}
   */
  public S2Stream stream(String stream) {
    GetStreamConfigParams.builder().stream(
        stream); // the spec's checks of a stream name, with their messages
    return new S2Stream(rt, server, name, stream);
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
   * Where this basin's requests go: its own host (parent-zone endpoints) or the shared one (direct
   * endpoints, which then name the basin in an {@code s2-basin} header).
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
