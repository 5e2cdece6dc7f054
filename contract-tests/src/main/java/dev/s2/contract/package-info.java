/**
 * Contract tooling of the S2 Java SDK, driven by the OpenAPI spec in the {@code s2-api-spec}
 * artifact: WireMock stub mappings derived from the spec for every operation and every declared
 * response (package-private {@code StubDeriver}, {@code SchemaSynthesizer}, {@code SseFraming}),
 * which the tests of this module replay through the SDK client. Nothing here is public API.
 */
package dev.s2.contract;
