package org.openapitools.codegen;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.Map;

/**
 * Runs openapi-generator's normalizer (whose entry point is package-private) as its generator does,
 * for tests.
 */
public final class NormalizerAccess {
  private NormalizerAccess() {}

  public static void normalize(OpenAPI api) {
    OpenAPINormalizer.createNormalizer(api, Map.of()).normalize();
  }
}
