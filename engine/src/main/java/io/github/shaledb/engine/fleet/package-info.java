/**
 * Fleets: the targets {@code db.targets} names (databases, tenant schemas), read from a list, a file or a query. The
 * run over them is {@link io.github.shaledb.engine.run.FleetRunner}.
 */
package io.github.shaledb.engine.fleet;
