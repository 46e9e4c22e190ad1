package io.github.shaledb.engine.run;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.migrations.Migration;
import io.github.shaledb.engine.migrations.MigrationDirectory;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import java.util.List;
class TmpBenchTest extends SchemaTestBase {
    @Test
    void bench(TestDatabase db) throws Exception {
        MigrationsFolder f = folder();
        int n = 400;
        for (int i = 0; i < n; i++) {
            f.add("m" + i, "create table t" + i + " (id bigint primary key, name text, ref bigint);\n--> statement-breakpoint\n"
                + "create index t" + i + "_name on t" + i + " (name);\n--> statement-breakpoint\n"
                + (i > 0 ? "alter table t" + i + " add constraint t" + i + "_fk foreign key (ref) references t" + (i - 1) + " (id);\n--> statement-breakpoint\n" : "")
                + "alter table t" + (i > 0 ? i - 1 : 0) + " add column c" + i + " int;", null);
        }
        List<Migration> all = MigrationDirectory.read(project.resolve("src/main/db/migrations")).migrations();
        for (boolean trace : new boolean[] {false, true, false, true}) {
            long t0 = System.nanoTime();
            try (LintScratch scratch = LintScratch.start(RunSettings.of(shadowSettings(db).build()), ShaleListener.NONE)) {
                long t1 = System.nanoTime();
                for (Migration m : all) {
                    if (trace) { scratch.trace(m, SqlScript.parse(m.sql())); } else { scratch.replay(m, SqlScript.parse(m.sql())); }
                }
                if (!trace) { scratch.trace(all.get(0), SqlScript.parse("select 1;")); }
                System.out.println("BENCH trace=" + trace + " total " + (System.nanoTime() - t1) / 1_000_000 + " ms, replay "
                    + scratch.replayMillis() + " ms, trace " + scratch.traceMillis() + " ms, stopped=" + scratch.stopped());
            }
        }
    }
}
