package dev.s2.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The small spec the tests of the check derive their spec pairs from (fixtures/base.yaml), and
 * edits of it.
 */
final class Fixtures {
  private Fixtures() {}

  static String base() {
    return resource("dev/s2/spec/fixtures/base.yaml");
  }

  static String resource(String name) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replaces {@code old}, which must occur exactly once, so that no edit of the fixture is silently
   * lost.
   */
  static String replace(String spec, String old, String replacement) {
    int at = spec.indexOf(old);
    if (at < 0 || spec.indexOf(old, at + 1) >= 0) {
      throw new IllegalArgumentException("expected exactly one occurrence of:\n" + old);
    }
    return spec.substring(0, at) + replacement + spec.substring(at + old.length());
  }

  /**
   * {@code spec} with a paged {@code GET /basins} (list_basins) and its response schema, as a new
   * upstream could add.
   */
  static String withListBasins(String spec) {
    // Text blocks closed at the left margin keep the YAML's indentation exactly.
    String withPath =
        replace(
            spec,
            "  /metrics/{stream}:\n",
"""
  /basins:
    get:
      operationId: list_basins
      parameters:
        - name: prefix
          in: query
          required: false
          schema:
            type: string
            default: ''
        - name: start_after
          in: query
          required: false
          schema:
            type: string
            default: ''
        - name: limit
          in: query
          required: false
          schema:
            type: integer
            default: 1000
            maximum: 1000
            minimum: 0
      responses:
        '200':
          description: ''
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/ListBasinsResponse'
  /metrics/{stream}:
""");
    return replace(
        withPath,
        "    ErrorInfo:\n",
"""
    ListBasinsResponse:
      type: object
      required:
        - basins
        - has_more
      properties:
        basins:
          type: array
          items:
            type: object
            required:
              - name
              - state
            properties:
              name:
                type: string
              state:
                type: string
        has_more:
          type: boolean
    ErrorInfo:
""");
  }
}
