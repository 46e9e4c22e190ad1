package io.github.shaledb.engine.suite;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.CheckResult;
import io.github.shaledb.engine.api.Confirmation;
import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.api.LintResult;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.api.RollbackResult;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.diff.DiffCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The change cases (an eighth of them; all with {@code -Dshale.allCases=true}, see {@link DiffCases#generatePathCases})
 * through the user's release path: the {@code before} schema file generated and
 * migrated, rows seeded, the {@code after} schema file generated (one migration, or several when some
 * statements cannot run in a transaction: each must run wholly inside one or wholly outside) and migrated
 * — the target must then be exactly a database built from {@code after}, with the rows — then rolled back, which must give
 * exactly a database built from {@code before}; and {@code check} must pass on the project (on a quarter of the cases, see {@link #checked}).
 * The cases run concurrently: each has its own target database, project folder and scratch databases.
 */
class GenerateMigratePathTest {
    /** Case name → the engine bug it meets (see the suite's report); the case is skipped with that reason. */
    static final Map<String, String> KNOWN_FAILURES = Map.of();
    /** Case name → the engine bug only pg_dump sees; the case is skipped with that reason when the dump judge runs. */
    static final Map<String, String> KNOWN_DUMP_FAILURES = Map.of();

    private final Shale shale = new Shale(ShaleListener.NONE);

    @ParameterizedTest(name = "{0}")
    @Execution(ExecutionMode.CONCURRENT)
    @MethodSource("io.github.shaledb.engine.diff.DiffCases#generatePathCases")
    void generateMigrateRollbackCheck(String name, String before, String after, String seed, String countQuery,
                                      @TempDir Path directory) throws Exception {
        assumeFalse(KNOWN_FAILURES.containsKey(name), () -> "known failure: " + KNOWN_FAILURES.get(name));
        String unsupported = DiffCases.unsupportedReason(name);
        assumeTrue(unsupported == null, () -> "not possible on this server: " + unsupported);
        assumeFalse(KNOWN_DUMP_FAILURES.containsKey(name) && PgDump.availability().usable(),
                () -> "known failure under pg_dump: " + KNOWN_DUMP_FAILURES.get(name));
        // The person at the keyboard accepts the renames of the rename cases and no others.
        Confirmation renames = question -> name.startsWith("rename");
        try (CaseDatabases databases = new CaseDatabases(before, after)) {
            SchemaProject project = new SchemaProject(directory, databases);
            project.schemaFile(before);
            GenerateResult first = shale.generate(project.settings().name("before").build(), renames);
            if (first.written()) {
                shale.migrate(project.settings().build());
            }
            CaseDatabases.execute(databases.target, seed);
            databases.assertTargetMatches(databases.before, false, "migrating the first migration:\n" + project.migrations());
            String rows = databases.count(countQuery);

            project.schemaFile(after);
            GenerateResult second = shale.generate(project.settings().name("after").build(), renames);
            boolean changed = databases.changes();
            assertThat(second.written()).as("a migration was written for a changed schema").isEqualTo(changed);
            if (changed) {
                project.assertEachMigrationKeepsItsTransaction(second.tags());
                // db:lint of what db:generate wrote, as a user runs it before migrating: nothing may count.
                LintResult lint = shale.lint(project.settings().lintTrace(false).build());
                assertThat(lint.linted()).as("migrations db:lint judges").containsExactlyElementsOf(second.tags());
                assertThat(lint.active()).as("db:lint findings on what db:generate wrote:\n" + project.migrations())
                        .isEmpty();
                assertThat(second.lint().active()).as("the findings db:generate printed").isEmpty();
                MigrateResult migrated = shale.migrate(project.settings().build());
                assertThat(migrated.applied()).as("migrations applied").extracting(MigrateResult.AppliedMigration::tag)
                        .containsExactlyElementsOf(second.tags());
                databases.assertTargetMatches(databases.after, false, "migrating:\n" + project.migrations());
                assertThat(databases.count(countQuery)).as("rows after migrating").isEqualTo(rows);

                // A change with statements that cannot run in a transaction is written as several migrations.
                RollbackResult rolledBack = shale.rollback(project.settings().count(second.tags().size()).build());
                assertThat(rolledBack.rolledBack()).as("migrations rolled back").hasSize(second.tags().size());
                databases.assertTargetMatches(databases.before, true, "rolling back:\n" + project.migrations());
                assertThat(databases.count(countQuery)).as("rows after rolling back").isEqualTo(rows);
            }

            if (checked(name)) {
                CheckResult check = shale.check(project.settings().build());
                assertThat(check.problems()).as("db:check on the project:\n" + project.migrations()).isEmpty();
            }
        }
    }

    /**
     * db:check replays every migration and down script to its snapshot, which the steps above already
     * judge against direct builds; it runs on a fixed quarter of the cases (all with
     * {@code -Dshale.checkAll=true}) to keep the suite within its time, and CheckTest covers its problems.
     */
    private static boolean checked(String name) {
        return Boolean.getBoolean("shale.checkAll") || Math.floorMod(name.hashCode(), 4) == 0;
    }

    /** The second judge itself: equal schemas dump alike (comments, \restrict lines dropped), different ones do not. */
    @Test
    void pgDumpTellsSchemasApart() throws Exception {
        assumeTrue(PgDump.availability().usable(), () -> "pg_dump comparison skipped: " + PgDump.availability().reason());
        String sql = "create table t (id int primary key, a text);";
        try (CaseDatabases databases = new CaseDatabases(sql, sql.replace("a text", "a text not null"))) {
            CaseDatabases.execute(databases.target, sql);
            String dump = PgDump.schemaOnly(databases.target, false);
            assertThat(dump).isEqualTo(PgDump.normalise(databases.before.rawDump(), false))
                    .doesNotContain("\\restrict").doesNotStartWith("--")
                    .isNotEqualTo(PgDump.normalise(databases.after.rawDump(), false));
        }
    }
}
