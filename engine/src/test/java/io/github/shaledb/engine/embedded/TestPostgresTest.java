package io.github.shaledb.engine.embedded;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

@ExtendWith(TestPostgres.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestPostgresTest {
    private static TestDatabase first;

    @Test
    @Order(1)
    void firstTestGetsAnEmptyDatabaseOfItsOwn(TestDatabase database) throws Exception {
        first = database;
        assertThat(database.tables()).isEmpty();

        database.execute("create schema app; create table app.users (id int); create table public.orders (id int)");

        assertThat(database.tables()).containsExactly("app.users", "public.orders");
        assertThat(database.queryStrings("select current_database()")).containsExactly(database.name());
    }

    @Test
    @Order(2)
    void secondTestGetsAnotherFreshDatabaseAndTheFirstIsDropped(TestDatabase database) throws Exception {
        assertThat(first).isNotNull();
        assertThat(database.name()).isNotEqualTo(first.name());
        assertThat(database.tables()).isEmpty();
        assertThat(database.queryStrings("select datname from pg_database where datname = '" + first.name() + "'"))
                .isEmpty();
    }

    @Test
    @Order(3)
    void newDatabaseGivesEverythingAForkedBuildNeeds() throws Exception {
        try (TestDatabase database = TestPostgres.newDatabase()) {
            assertThat(database.jdbcUrl()).startsWith("jdbc:postgresql://" + database.host() + ":" + database.port()
                    + "/" + database.name());
            assertThat(database.queryForList("select 1, 'one'")).containsExactly(List.of(1, "one"));
        }
    }

    @Test
    @Order(4)
    void serverVersionFollowsThePgVersionProperty() {
        String pgVersion = System.getProperty("pg.version");
        assumeThat(pgVersion).isNotNull();
        assumeThat(TestPostgres.external()).isFalse();

        String major = pgVersion.substring(0, pgVersion.indexOf('.'));

        assertThat(TestPostgres.serverVersion()).startsWith("PostgreSQL " + major + ".");
    }
}
