package io.github.shaledb.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** mvn db:lint on a project whose last migration builds an index without CONCURRENTLY on a table that exists. */
class LintIT {
    private static final String MIGRATION = "src/main/db/migrations/0001_index_orders_customer/migration.sql";

    @Test
    void anUnsafeStatementFailsTheBuildAtItsLineUntilAnIgnoreLineGivesAReason() throws Exception {
        ItProject project = ItProject.copy("lint-create-index");
        // Tracing off: the lock is Shale's table's ("expected"); traced it would read "(observed)" and the
        // "Locks not traced" line would go.
        MavenBuild.Result failing = project.mvn("db:lint").property("db.lint.trace", false)
                .property("db.lintSince", "0000_create_orders")
                .property("db.lint.report", "target/shale-lint.sarif").log("failing.log").run();

        assertThat(failing.exitCode()).as(failing.toString()).isNotZero();
        assertThat(failing.log()).contains("[ERROR] " + MIGRATION + ":2:1 create-index-not-concurrently (")
                .contains("[ERROR]   CREATE INDEX orders_customer_idx ON orders (customer_id);")
                .contains("[ERROR]   lock: SHARE on public.orders (expected)")
                .contains("[ERROR]   see https://shaledb.github.io/shale/lint/create-index-not-concurrently.html")
                .contains("Locks not traced on a scratch database")
                .contains("db:lint: 1 migration(s) (after 0000_create_orders), 1 error")
                .contains("BUILD FAILURE").contains("db:lint found 1 error(s)").contains("-- db:lint-ignore RULE-ID reason");
        Path sarif = project.path("target/shale-lint.sarif");
        assertThat(sarif).exists();
        assertThat(Files.readString(sarif)).contains("\"ruleId\" : \"create-index-not-concurrently\"")
                .contains(MIGRATION + "\"").contains("\"startLine\" : 2").doesNotContain("suppressions");

        Path file = project.path(MIGRATION);
        Files.writeString(file, Files.readString(file).replace("CREATE INDEX",
                "-- db:lint-ignore create-index-not-concurrently orders holds 40 rows until the launch\nCREATE INDEX"));
        MavenBuild.Result passing = project.mvn("db:lint").property("db.lint.trace", false)
                .property("db.lintSince", "0000_create_orders")
                .property("db.lint.report", "target/shale-lint.sarif").log("passing.log").run();

        assertThat(passing.exitCode()).as(passing.toString()).isZero();
        assertThat(passing.log()).contains("[INFO] ignored: " + MIGRATION + ":3:1 create-index-not-concurrently"
                        + " — orders holds 40 rows until the launch")
                .contains("db:lint: 1 migration(s) (after 0000_create_orders), 0 errors, 0 warnings, 1 ignored")
                .doesNotContain("[ERROR]");
        assertThat(Files.readString(sarif)).contains("\"justification\" : \"orders holds 40 rows until the launch\"");
    }
}
