package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.github.shaledb.it.ItProject.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/** Tenant schemas named by a query against db.url: migrated, rolled back in part, and their status counted. */
@ExtendWith(TestPostgres.class)
class FleetQueryIT {
    /** Every tracking row of a tenant, in id order: name, hash, created_at; the history a rerun must continue. */
    private static List<String> history(Db db, String schema) throws Exception {
        return db.strings("select name || ' ' || hash || ' ' || created_at from " + schema + ".__drizzle_migrations order by id");
    }

    private static List<String> expectedHistory(ItProject project, int migrations) throws Exception {
        Path m = project.migrations();
        List<String> rows = new ArrayList<>(List.of("0000_orders " + sha256(m.resolve("0000_orders/migration.sql")) + " 1735732800000",
                "0001_note " + sha256(m.resolve("0001_note/migration.sql")) + " 1735732860000"));
        return rows.subList(0, migrations);
    }

    @Test
    void tenantsFromAQueryRollBackAndShowTheirStatus(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("fleet-query-rollback");
        db.execute("create table public.customers (slug text, plan text);"
                + " insert into public.customers values ('tenant_q1', 'pro'), ('tenant_q2', 'free'), ('tenant_q3', 'pro')");
        String query = "sql:select slug from public.customers order by slug";

        MavenBuild.Result migrate = project.mvn("db:migrate").database(database).property("db.targets", query).run();
        MavenBuild.Result rollback = project.mvn("db:rollback").database(database)
                .property("db.targets", "sql:select slug from public.customers where plan = 'pro'").log("rollback.log").run();
        MavenBuild.Result status = project.mvn("db:status").database(database).property("db.targets", query)
                .property("db.failOnPending", true).log("status.log").run();

        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(rollback.log()).containsPattern("rolled back +2");
        assertThat(history(db, "tenant_q1")).containsExactlyElementsOf(expectedHistory(project, 1));
        assertThat(history(db, "tenant_q2")).containsExactlyElementsOf(expectedHistory(project, 2));
        assertThat(db.strings("select count(*) from information_schema.columns where table_schema = 'tenant_q3'"
                + " and column_name = 'note'")).containsExactly("0");
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(1);
        assertThat(status.log()).contains("0000_orders: 3 applied", "0001_note: 1 applied, 2 pending",
                "2 of 3 targets have migrations not applied (tenant_q1, tenant_q3).");
    }
}
