package io.github.shaledb.engine.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlStatementNormalizedTest {

    @Test
    void commentsAndWhitespaceBetweenTokensDoNotCount() {
        assertThat(SqlScript.parse("-- users\ncreate  table\tusers (\n  id int /* key */ primary key\n);").normalizedStatements())
                .isEqualTo(SqlScript.parse("create table users(id int primary key);").normalizedStatements())
                .containsExactly("create table users ( id int primary key ) ;");
    }

    @Test
    void literalsAndTokenBoundariesDo() {
        assertThat(SqlScript.parse("select 'a  b';").normalizedStatements())
                .isNotEqualTo(SqlScript.parse("select 'a b';").normalizedStatements());
        assertThat(SqlScript.parse("create function f() returns int as $$ select 1 -- one\n $$ language sql;").normalizedStatements())
                .isNotEqualTo(SqlScript.parse("create function f() returns int as $$ select 1\n $$ language sql;").normalizedStatements());
        assertThat(SqlScript.parse("select 1::text <= '2';").normalizedStatements()).containsExactly("select 1 :: text <= '2' ;");
        assertThat(SqlScript.parse("select 1 <= 2;").normalizedStatements())
                .isNotEqualTo(SqlScript.parse("select 1 < = 2;").normalizedStatements());
        assertThat(SqlScript.parse("select a/*x*/b;").normalizedStatements()).containsExactly("select a b ;");
    }
}
