/**
 * The tracking table {@code drizzle.__drizzle_migrations}.
 *
 * <p><strong>Internal; not API; may change in any release.</strong> Library users call
 * {@link io.github.shaledb.engine.Shale} and the types of {@link io.github.shaledb.engine.api} only.
 */
package io.github.shaledb.engine.tracking;
