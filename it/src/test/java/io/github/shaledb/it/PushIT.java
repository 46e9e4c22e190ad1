package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(TestPostgres.class)
class PushIT {

    @Test
    void dryRunChangesNothingThenPushApplies(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("push-workflow");

        MavenBuild.Result dry = project.mvn("db:push").database(database).property("db.dryRun", true).log("dry.log").run();

        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.log()).containsIgnoringCase("create table").contains("nothing was changed");
        assertThat(db.tables()).isEmpty();

        MavenBuild.Result push = project.mvn("db:push").database(database).run();

        assertThat(push.exitCode()).as(push.toString()).isZero();
        assertThat(push.log().lines().filter(l -> l.contains("Pushed")).toList()).as("the result, printed once")
                .singleElement().asString().matches("\\[INFO] Pushed \\d+ statements?; no migration was recorded\\.");
        assertThat(db.tables()).containsExactly("public.users");
        assertThat(db.strings("select indexname from pg_indexes where tablename = 'users' order by 1"))
                .containsExactly("users_email_idx", "users_pkey");
        assertThat(db.trackingTableExists()).isFalse();
    }

    @Test
    void dataLossIsRefusedInBatchModeThenForced(TestDatabase database) throws Exception {
        Db db = new Db(database);
        db.execute("create table users (id bigint primary key, email text not null);"
                + "create table legacy (id int); insert into legacy values (1), (2);");
        ItProject project = ItProject.copy("push-workflow");

        MavenBuild.Result refused = project.mvn("db:push").database(database).log("refused.log").run();

        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.log()).contains("BUILD FAILURE").contains("nothing was applied")
                .contains("table public.legacy has 2 row(s)").contains("-Ddb.force=true");
        assertThat(db.tables()).containsExactly("public.legacy", "public.users");
        assertThat(db.strings("select count(*) from pg_indexes where indexname = 'users_email_idx'")).containsExactly("0");

        MavenBuild.Result forced = project.mvn("db:push").database(database).property("db.force", true).log("forced.log").run();

        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(db.tables()).containsExactly("public.users");
    }
}
