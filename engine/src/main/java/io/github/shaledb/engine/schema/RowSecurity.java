package io.github.shaledb.engine.schema;

/**
 * Row-level security of a table ({@code relrowsecurity}, {@code relforcerowsecurity}): only tables where one
 * of the two is on are listed, so a table that is not listed has neither.
 *
 * @param enabled {@code ENABLE ROW LEVEL SECURITY}: its policies apply to everyone but its owner and superusers
 * @param forced  {@code FORCE ROW LEVEL SECURITY}: to its owner too
 */
public record RowSecurity(QualifiedName table, boolean enabled, boolean forced) {
}
