package io.github.shaledb.engine.fleet;

/**
 * One target of a fleet: a database (its URL), a tenant schema of the {@code db.url} database (URL null), or a schema
 * of another database (both).
 *
 * @param name   how the target is named in output and the report; unique in the fleet
 * @param url    a JDBC or libpq URL, possibly with credentials (never printed); null for the {@code db.url} database
 * @param schema the tenant schema, or null for a database target
 * @param group  the group it belongs to, for {@code db.canary=GROUP}; null for none
 * @param origin where it was given, for messages: "db.targets item 3", "tenants.txt:12", "row 4 of the db.targets query"
 */
public record FleetTarget(String name, String url, String schema, String group, String origin) {

    /** Whether it is a schema (tenant) target rather than a whole database. */
    public boolean schemaTarget() {
        return schema != null;
    }

    /** The same target under another name. */
    FleetTarget named(String newName) {
        return new FleetTarget(newName, url, schema, group, origin);
    }
}
