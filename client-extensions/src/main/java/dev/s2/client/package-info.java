/**
 * The S2 Java SDK: {@link dev.s2.client.S2Client} and what it returns and throws.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}; optional values
 * are {@link java.util.Optional}s.
 */
@NullMarked
package dev.s2.client;

import org.jspecify.annotations.NullMarked;
