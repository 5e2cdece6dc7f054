/**
 * The request and response bodies of the S2 API, generated from its OpenAPI spec: immutable values
 * with builders.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}; fields the spec
 * makes optional are read as {@link java.util.Optional}s or the spec's default. Hand-written (the
 * rest of this package is generated at build time).
 */
@NullMarked
package dev.s2.model;

import org.jspecify.annotations.NullMarked;
