/**
 * Contract tooling of the S2 Java SDK, driven by the OpenAPI spec in the {@code s2-api-spec} artifact.
 *
 * <p>Stub mappings are derived from the spec for every operation and every declared response (package-private
 * {@code StubDeriver}); {@link dev.s2.contract.S2MockServer} is the embedded local S2 mock built from the same
 * derived stubs, which the example program runs against when no access token is set.
 */
package dev.s2.contract;
