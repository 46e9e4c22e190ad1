package io.github.shaledb.engine.sql;

import io.github.shaledb.engine.sql.IndexBuild.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IndexBuildTest {

    private static IndexBuild of(String sql) {
        return IndexBuild.of(SqlScript.parse(sql).statements().get(0));
    }

    @Test
    void createIndexConcurrentlyGivesTheStoredIndexNameAndTheTableAsWritten() {
        assertThat(of("CREATE INDEX CONCURRENTLY IF NOT EXISTS Events_At ON ONLY app.\"Events\" (at);"))
                .isEqualTo(new IndexBuild(Kind.CREATE_INDEX, "events_at", "app.\"Events\""));
        assertThat(of("create unique index /* concurrently? */ concurrently \"Odd \"\"name\" on t using btree (v)"))
                .isEqualTo(new IndexBuild(Kind.CREATE_INDEX, "Odd \"name", "t"));
        assertThat(of("-- CREATE INDEX CONCURRENTLY x ON y\ncreate index concurrently on t (v);"))
                .isEqualTo(new IndexBuild(Kind.CREATE_INDEX, null, "t"));
    }

    @Test
    void longNamesAreCutAt63BytesAsTheServerCutsThem() {
        String name = "i".repeat(70);
        assertThat(of("create index concurrently " + name + " on t (v);").index()).isEqualTo("i".repeat(63));
    }

    @Test
    void reindexConcurrentlyInEitherSpellingNamesItsTarget() {
        assertThat(of("REINDEX INDEX CONCURRENTLY public.t_v;")).isEqualTo(new IndexBuild(Kind.REINDEX_INDEX, null, "public.t_v"));
        assertThat(of("reindex (verbose, concurrently) table \"T\";")).isEqualTo(new IndexBuild(Kind.REINDEX_TABLE, null, "\"T\""));
        assertThat(of("reindex schema concurrently App;")).isEqualTo(new IndexBuild(Kind.REINDEX_SCHEMA, null, "app"));
    }

    @Test
    void statementsThatBuildNoIndexConcurrentlyAreNone() {
        assertThat(of("create index t_v on t (v);")).isNull();
        assertThat(of("reindex index t_v;")).isNull();
        assertThat(of("reindex (concurrently false) index t_v;")).isNull();
        assertThat(of("select 'create index concurrently x on t (v)';")).isNull();
        assertThat(of("drop index concurrently t_v;")).isNull();
    }
}
