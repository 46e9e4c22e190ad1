package io.github.shaledb.engine.suite;

import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.introspect.Introspector;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * A schema state built straight from its SQL on a fresh database, read once (user schemas, model, dump)
 * and dropped. Many cases share a state (the plain table {@code t} is the {@code before} of dozens),
 * so each SQL text is built once per run, by whichever case needs it first.
 *
 * @param rawDump {@code pg_dump --schema-only} before normalising; null when pg_dump is not usable
 */
record DirectBuild(List<String> schemas, SchemaModel model, String rawDump) {
    private static final Map<String, CompletableFuture<DirectBuild>> BUILT = new ConcurrentHashMap<>();

    static DirectBuild of(String sql) throws Exception {
        CompletableFuture<DirectBuild> mine = new CompletableFuture<>();
        CompletableFuture<DirectBuild> existing = BUILT.putIfAbsent(sql, mine);
        if (existing == null) {
            try {
                mine.complete(build(sql));
            } catch (Exception | Error e) {
                mine.completeExceptionally(e);
                throw e;
            }
            return mine.get();
        }
        try {
            return existing.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("building a database from this SQL failed in another case:\n" + sql, e.getCause());
        }
    }

    private static DirectBuild build(String sql) throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase()) {
            CaseDatabases.execute(db, sql);
            List<String> schemas = db.queryStrings("select nspname from pg_namespace where nspname not like 'pg\\_%'"
                    + " and nspname not in ('information_schema', '" + Defaults.TRACKING_SCHEMA + "')");
            SchemaModel model;
            try (Connection c = db.connect()) {
                model = Introspector.introspect(c, List.of());
            }
            return new DirectBuild(schemas, model, PgDump.availability().usable() ? PgDump.raw(db) : null);
        }
    }
}
