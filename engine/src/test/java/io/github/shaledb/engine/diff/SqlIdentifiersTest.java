package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashSet;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(TestPostgres.class)
class SqlIdentifiersTest {

    @Test
    void quotesOnlyWhereNeeded() {
        assertThat(SqlIdentifiers.quote("users")).isEqualTo("users");
        assertThat(SqlIdentifiers.quote("_a1")).isEqualTo("_a1");
        assertThat(SqlIdentifiers.quote("Users")).isEqualTo("\"Users\"");
        assertThat(SqlIdentifiers.quote("1a")).isEqualTo("\"1a\"");
        assertThat(SqlIdentifiers.quote("my table")).isEqualTo("\"my table\"");
        assertThat(SqlIdentifiers.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(SqlIdentifiers.quote("select")).isEqualTo("\"select\"");
        assertThat(SqlIdentifiers.quote("left")).isEqualTo("\"left\"");
        assertThat(SqlIdentifiers.quote("between")).isEqualTo("between");
        assertThat(SqlIdentifiers.quote("é")).isEqualTo("\"é\"");
        assertThat(SqlIdentifiers.quote("a1_b")).isEqualTo("a1_b");
        assertThat(SqlIdentifiers.quote("_")).isEqualTo("_");
        assertThat(SqlIdentifiers.quote("")).isEqualTo("\"\"");
        assertThat(SqlIdentifiers.quote("a-b")).isEqualTo("\"a-b\"");
        assertThat(SqlIdentifiers.quote("a$")).isEqualTo("\"a$\"");
        assertThat(SqlIdentifiers.qualified(QualifiedName.of("public", "user"))).isEqualTo("public.\"user\"");
        assertThat(SqlIdentifiers.literal("it's")).isEqualTo("'it''s'");
        assertThat(SqlIdentifiers.literal("a\\b")).isEqualTo("E'a\\\\b'");
    }

    @Test
    void reservedWordsAreTheServersReservedWords(TestDatabase db) throws Exception {
        var server = new HashSet<>(db.queryStrings("select word from pg_get_keywords() where catcode in ('R', 'T')"));
        // Quoting a word an older server does not reserve is harmless; missing one is not.
        var newerOnly = new HashSet<>(SqlIdentifiers.RESERVED);
        newerOnly.removeAll(server);
        assertThat(SqlIdentifiers.RESERVED).containsAll(server);
        assertThat(newerOnly).as("reserved only by servers newer than the test server").isSubsetOf("system_user");
    }

    @Test
    void everyReservedWordRoundTripsAsAColumnName(TestDatabase db) throws Exception {
        StringBuilder sql = new StringBuilder("create table k (");
        sql.append(String.join(", ", SqlIdentifiers.RESERVED.stream().sorted().map(w -> SqlIdentifiers.quote(w) + " int").toList()));
        db.execute(sql.append(")").toString());
        assertThat(db.queryStrings("select count(*) from information_schema.columns where table_name = 'k'"))
                .containsExactly(String.valueOf(SqlIdentifiers.RESERVED.size()));
    }
}
