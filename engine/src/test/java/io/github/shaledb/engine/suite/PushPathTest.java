package io.github.shaledb.engine.suite;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.PushResult;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.diff.DiffCases;
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
 * The change cases (another third than {@link GenerateMigratePathTest}; all with {@code -Dshale.allCases=true}) through
 * the user's local path: a database in the {@code before} state with rows,
 * the {@code after} schema file, {@code push} in batch mode (renames as {@code db.renames} hints, drops
 * accepted with {@code db.force}); the database must then be exactly one built from {@code after}, with
 * the rows, and a second push must find nothing to do.
 */
class PushPathTest {
    /** Case name → the engine bug it meets (see the suite's report); the case is skipped with that reason. */
    static final Map<String, String> KNOWN_FAILURES = Map.of();
    /** Case name → the engine bug only pg_dump sees; the case is skipped with that reason when the dump judge runs. */
    static final Map<String, String> KNOWN_DUMP_FAILURES = Map.of();

    @ParameterizedTest(name = "{0}")
    @Execution(ExecutionMode.CONCURRENT)
    @MethodSource("io.github.shaledb.engine.diff.DiffCases#pushPathCases")
    void pushReachesTheTarget(String name, String before, String after, String seed, String countQuery,
                              @TempDir Path directory) throws Exception {
        assumeFalse(KNOWN_FAILURES.containsKey(name), () -> "known failure: " + KNOWN_FAILURES.get(name));
        String unsupported = DiffCases.unsupportedReason(name);
        assumeTrue(unsupported == null, () -> "not possible on this server: " + unsupported);
        assumeFalse(KNOWN_DUMP_FAILURES.containsKey(name) && PgDump.availability().usable(),
                () -> "known failure under pg_dump: " + KNOWN_DUMP_FAILURES.get(name));
        push(before, after, seed, countQuery, name.startsWith("rename"), directory);
    }

    /**
     * Before (+ seed) on the target, after as the schema file, pushed; target = after, rows kept, then in sync.
     *
     * @param renames pass every rename candidate as a {@code db.renames} hint; otherwise db.force drops and adds
     */
    static void push(String before, String after, String seed, String countQuery, boolean renames, Path directory)
            throws Exception {
        Shale shale = new Shale(ShaleListener.NONE);
        try (CaseDatabases databases = new CaseDatabases(before, after)) {
            CaseDatabases.execute(databases.target, before);
            CaseDatabases.execute(databases.target, seed);
            String rows = databases.count(countQuery);
            SchemaProject project = new SchemaProject(directory, databases);
            project.schemaFile(after);

            PushResult pushed = shale.push(project.settings().force(true).renames(renames ? databases.renameHints() : null).build(), null);
            assertThat(pushed.applied()).as("push applied its plan:\n" + pushed.plan()).isEqualTo(databases.changes());
            databases.assertTargetMatches(databases.after, false, "pushing:\n" + pushed.plan());
            assertThat(databases.count(countQuery)).as("rows after pushing:\n" + pushed.plan()).isEqualTo(rows);

            PushResult again = shale.push(project.settings().build(), null);
            assertThat(again.plan()).as("a second push after:\n" + pushed.plan()).isEmpty();
        }
    }
}
