/** Internals of the embedded S2: not an API, may change without notice. */
@NullMarked
package dev.s2.testing.internal;

import org.jspecify.annotations.NullMarked;
