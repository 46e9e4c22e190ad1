package io.github.shaledb.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptSplitTest {

    private static List<String> texts(String sql) {
        return SqlScript.parse(sql).statements().stream().map(SqlStatement::text).toList();
    }

    @Test
    void drizzleKitOutputSplitsAtBreakpointsAndSemicolons() {
        String sql = """
            CREATE TABLE "users" (
            \t"id" serial PRIMARY KEY NOT NULL,
            \t"email" text NOT NULL
            );
            --> statement-breakpoint
            CREATE TABLE "posts" (
            \t"id" serial PRIMARY KEY NOT NULL,
            \t"author_id" integer
            );
            --> statement-breakpoint
            ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
            CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");
            """;

        List<SqlStatement> statements = SqlScript.parse(sql).statements();

        assertThat(statements).extracting(SqlStatement::text).containsExactly(
            "CREATE TABLE \"users\" (\n\t\"id\" serial PRIMARY KEY NOT NULL,\n\t\"email\" text NOT NULL\n);",
            "CREATE TABLE \"posts\" (\n\t\"id\" serial PRIMARY KEY NOT NULL,\n\t\"author_id\" integer\n);",
            "ALTER TABLE \"posts\" ADD CONSTRAINT \"posts_author_id_users_id_fk\" FOREIGN KEY (\"author_id\") "
                + "REFERENCES \"public\".\"users\"(\"id\") ON DELETE cascade ON UPDATE no action;",
            "CREATE UNIQUE INDEX \"users_email_idx\" ON \"users\" USING btree (\"email\");");
        assertThat(statements).extracting(SqlStatement::line).containsExactly(1, 6, 11, 12);
        assertThat(statements).extracting(SqlStatement::column).containsExactly(1, 1, 1, 1);
        assertThat(statements).extracting(SqlStatement::offset)
            .containsExactly(0, sql.indexOf("CREATE TABLE \"posts\""), sql.indexOf("ALTER TABLE"),
                sql.indexOf("CREATE UNIQUE"));
    }

    @Test
    void breakpointWithoutSemicolonEndsTheStatementAtItsLastToken() {
        String sql = "CREATE TABLE a (id int)  /* trailing */  \n   --> statement-breakpoint   \n\tCREATE TABLE b (id int)\n";

        List<SqlStatement> statements = SqlScript.parse(sql).statements();

        assertThat(statements).extracting(SqlStatement::text)
            .containsExactly("CREATE TABLE a (id int)", "CREATE TABLE b (id int)");
        assertThat(statements.get(1).offset()).isEqualTo(sql.indexOf("CREATE TABLE b"));
        assertThat(statements.get(1).line()).isEqualTo(3);
        assertThat(statements.get(1).column()).isEqualTo(2);
    }

    @Test
    void breakpointEndsTheStatementEvenInsideUnbalancedParentheses() {
        assertThat(texts("SELECT (1\n--> statement-breakpoint\nSELECT 2;"))
            .containsExactly("SELECT (1", "SELECT 2;");
    }

    @Test
    void breakpointAfterCodeOnTheSameLineSplitsAsDrizzleDoes() {
        // drizzle-kit writes "...;--> statement-breakpoint"; its migrator splits on the marker text.
        assertThat(texts("ALTER TABLE a ADD COLUMN b int--> statement-breakpoint\nSELECT 2"))
            .containsExactly("ALTER TABLE a ADD COLUMN b int", "SELECT 2");
    }

    @Test
    void breakpointOnCrlfLines() {
        List<SqlStatement> statements = SqlScript.parse("SELECT 1\r\n--> statement-breakpoint\r\nSELECT 2;\r\n").statements();

        assertThat(statements).extracting(SqlStatement::text).containsExactly("SELECT 1", "SELECT 2;");
        assertThat(statements).extracting(SqlStatement::line).containsExactly(1, 3);
    }

    @Test
    void breakpointInsideAStringOrDollarBodyIsText() {
        String sql = "SELECT '\n--> statement-breakpoint\n';\nSELECT $$\n--> statement-breakpoint\n$$;";

        assertThat(texts(sql)).containsExactly(
            "SELECT '\n--> statement-breakpoint\n';",
            "SELECT $$\n--> statement-breakpoint\n$$;");
    }

    @Test
    void breakpointMarkerWithOtherTextIsAnOrdinaryComment() {
        assertThat(texts("SELECT 1\n--> statement-breakpoint here\n+ 1;\n-- > statement-breakpoint\nSELECT 2;"))
            .containsExactly("SELECT 1\n--> statement-breakpoint here\n+ 1;", "SELECT 2;");
    }

    @Test
    void leadingCommentsAreSkippedAndInnerCommentsKept() {
        String sql = "-- header; not a statement\n/* block; */\n  SELECT 1 -- one; two\n  + /* x; */ 2; -- after\n";

        List<SqlStatement> statements = SqlScript.parse(sql).statements();

        assertThat(statements).hasSize(1);
        SqlStatement statement = statements.get(0);
        assertThat(statement.text()).isEqualTo("SELECT 1 -- one; two\n  + /* x; */ 2;");
        assertThat(statement.offset()).isEqualTo(sql.indexOf("SELECT"));
        assertThat(statement.line()).isEqualTo(3);
        assertThat(statement.column()).isEqualTo(3);
    }

    @Test
    void nestedBlockCommentsHideSemicolons() {
        assertThat(texts("/* outer /* inner; */ still comment; */ SELECT 1; SELECT /* a /* b */ ; */ 2;"))
            .containsExactly("SELECT 1;", "SELECT /* a /* b */ ; */ 2;");
    }

    @Test
    void emptyStatementsAndCommentOnlyChunksAreDropped() {
        assertThat(texts(";;  ; -- nothing\n/* nothing */;\n--> statement-breakpoint\n-- only a comment\n")).isEmpty();
        assertThat(texts("")).isEmpty();
        assertThat(texts(";SELECT 1;;SELECT 2")).containsExactly("SELECT 1;", "SELECT 2");
    }

    @Test
    void semicolonsInsideStringsAndIdentifiersDoNotSplit() {
        assertThat(texts("INSERT INTO t VALUES ('a;b', 'it''s; fine');\nCREATE TABLE \"weird;ident\"\"x\" (\"c;\" int);"))
            .containsExactly(
                "INSERT INTO t VALUES ('a;b', 'it''s; fine');",
                "CREATE TABLE \"weird;ident\"\"x\" (\"c;\" int);");
    }

    @Test
    void escapeStringsHonourBackslashes() {
        String sql = "SELECT E'it\\'s; here', e'back\\\\';SELECT 'plain\\';SELECT 3;";

        assertThat(texts(sql)).containsExactly(
            "SELECT E'it\\'s; here', e'back\\\\';",
            "SELECT 'plain\\';",
            "SELECT 3;");
    }

    @Test
    void prefixedStringsAndUnicodeIdentifiers() {
        assertThat(texts("SELECT B'10;1', X'1F;', N'n;', U&'d\\0061t;a' UESCAPE '!', U&\"a;b\";SELECT date'2020-01-01;';"))
            .containsExactly(
                "SELECT B'10;1', X'1F;', N'n;', U&'d\\0061t;a' UESCAPE '!', U&\"a;b\";",
                "SELECT date'2020-01-01;';");
    }

    @Test
    void plpgsqlFunctionWithDollarBodiesAndNestedTags() {
        String function = """
            CREATE OR REPLACE FUNCTION audit() RETURNS trigger AS $fn$
            BEGIN
              EXECUTE $q$INSERT INTO log VALUES ('$$;'); $q$;
              PERFORM $$ nested; $$;
              RETURN NEW;
            END;
            $fn$ LANGUAGE plpgsql;""";
        String sql = function + "\nDO $$ BEGIN RAISE NOTICE 'x;'; END $$;\nSELECT $1, a$b$c FROM t;";

        assertThat(texts(sql)).containsExactly(
            function,
            "DO $$ BEGIN RAISE NOTICE 'x;'; END $$;",
            "SELECT $1, a$b$c FROM t;");
    }

    @Test
    void dollarTagsAreCaseSensitiveAndCannotStartWithDigit() {
        assertThat(texts("SELECT $A$ ; $a$ ; $A$; SELECT $1;$2; SELECT $_x1$;$_x1$;"))
            .containsExactly("SELECT $A$ ; $a$ ; $A$;", "SELECT $1;", "$2;", "SELECT $_x1$;$_x1$;");
    }

    @Test
    void beginAtomicBodyKeepsItsSemicolonsIncludingCaseEnd() {
        String function = """
            CREATE FUNCTION grade(score int) RETURNS text
            LANGUAGE sql
            BEGIN ATOMIC
              INSERT INTO audit VALUES (score);
              SELECT CASE WHEN score > 90 THEN 'A' WHEN score > 50 THEN 'B' ELSE 'C' END;
              SELECT (CASE score WHEN 1 THEN 'one' END);
            END;""";
        String procedure = """
            create or replace procedure tidy()
            language sql
            begin atomic
              delete from t where a = 1;
              update t set b = case when b then false else true end;
            end;""";
        String sql = function + "\n" + procedure + "\nBEGIN;\nSELECT CASE WHEN true THEN 1 END;\nCOMMIT;";

        assertThat(texts(sql)).containsExactly(function, procedure, "BEGIN;", "SELECT CASE WHEN true THEN 1 END;", "COMMIT;");
    }

    @Test
    void parenthesesHideSemicolons() {
        assertThat(texts("SELECT (1;2);SELECT ((3));SELECT 4) ;SELECT 5;"))
            .containsExactly("SELECT (1;2);", "SELECT ((3));", "SELECT 4) ;", "SELECT 5;");
    }

    @Test
    void unterminatedConstructsRunToTheEndOfInput() {
        assertThat(texts("SELECT 1; SELECT 'open; SELECT 2;\n")).containsExactly("SELECT 1;", "SELECT 'open; SELECT 2;\n");
        assertThat(texts("SELECT 1; SELECT $x$ body; ")).containsExactly("SELECT 1;", "SELECT $x$ body; ");
        assertThat(texts("SELECT 1; SELECT \"open;")).containsExactly("SELECT 1;", "SELECT \"open;");
        assertThat(texts("SELECT 1; SELECT E'\\")).containsExactly("SELECT 1;", "SELECT E'\\");
        // Kept rather than trimmed, so the server reports the open comment instead of running half.
        assertThat(texts("SELECT 1 /* open; SELECT 2;")).containsExactly("SELECT 1 /* open; SELECT 2;");
        assertThat(texts("SELECT 1; /* open /* */ SELECT 2;")).containsExactly("SELECT 1;", "/* open /* */ SELECT 2;");
        assertThat(texts("SELECT (1; SELECT 2;")).containsExactly("SELECT (1; SELECT 2;");
    }

    @Test
    void crlfAndLoneCarriageReturnsCountAsLineBreaks() {
        String sql = "-- header\r\nSELECT 1;\r\n\r\n  SELECT\r\n2;\rSELECT 3;";

        List<SqlStatement> statements = SqlScript.parse(sql).statements();

        assertThat(statements).extracting(SqlStatement::text).containsExactly("SELECT 1;", "SELECT\r\n2;", "SELECT 3;");
        assertThat(statements).extracting(SqlStatement::line).containsExactly(2, 4, 6);
        assertThat(statements).extracting(SqlStatement::column).containsExactly(1, 3, 1);
        assertThat(statements).extracting(SqlStatement::offset).containsExactly(11, 26, 37);
    }

    @Test
    void columnsCountCodePointsAfterEmojiAndMultibyteText() {
        String sql = "SELECT 'h\u00e9\ud83d\ude00'; SELECT 2;\n\u00e9\u00e9; SELECT 3;";

        List<SqlStatement> statements = SqlScript.parse(sql).statements();

        assertThat(statements).extracting(SqlStatement::text)
            .containsExactly("SELECT 'h\u00e9\ud83d\ude00';", "SELECT 2;", "\u00e9\u00e9;", "SELECT 3;");
        // The emoji is two Java chars but one column: counting chars would give column 16.
        assertThat(statements.get(1).offset()).isEqualTo(15);
        assertThat(statements.get(1).column()).isEqualTo(15);
        assertThat(statements.get(3).line()).isEqualTo(2);
        assertThat(statements.get(3).column()).isEqualTo(5);
    }

    @Test
    void byteOrderMarkIsSkippedButOffsetsIndexTheGivenString() {
        String sql = "\uFEFFSELECT 1;\nSELECT 2;";

        List<SqlStatement> statements = SqlScript.parse(sql).statements();

        assertThat(statements).extracting(SqlStatement::text).containsExactly("SELECT 1;", "SELECT 2;");
        assertThat(statements.get(0).offset()).isEqualTo(1);
        assertThat(statements.get(0).line()).isEqualTo(1);
        assertThat(statements.get(0).column()).isEqualTo(1);
        assertThat(statements.get(1).offset()).isEqualTo(11);
        assertThat(statements.get(1).line()).isEqualTo(2);
    }

    @Test
    void textIsAlwaysTheSubstringAtItsOffset() {
        String sql = "\uFEFF-- c\r\nSELECT 1 ; /* x */ SELECT 'a;' || $$b;$$\n--> statement-breakpoint\nDROP TABLE t";

        for (SqlStatement statement : SqlScript.parse(sql).statements()) {
            assertThat(sql.substring(statement.offset(), statement.offset() + statement.text().length()))
                .isEqualTo(statement.text());
        }
        assertThat(texts(sql)).containsExactly("SELECT 1 ;", "SELECT 'a;' || $$b;$$", "DROP TABLE t");
    }

    @Test
    void pgDumpRestrictLinesAreSkippedAndOtherMetaCommandsListedWithTheirLine() {
        String sql = """
            --
            -- PostgreSQL database dump
            --

            \\restrict Zq3kAbC9dEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijklmnopq

            SET statement_timeout = 0;
            SELECT pg_catalog.set_config('search_path', '', false);
            CREATE TABLE public.t (a text DEFAULT 'C:\\temp', b text DEFAULT E'\\\\x');
              \\connect other
            CREATE FUNCTION public.f() RETURNS text LANGUAGE sql AS $$ SELECT '\\set x' $$;
            \\unrestrict Zq3kAbC9dEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijklmnopq
            """;

        SqlScript script = SqlScript.parse(sql);

        assertThat(script.statements()).extracting(SqlStatement::text).containsExactly(
            "SET statement_timeout = 0;",
            "SELECT pg_catalog.set_config('search_path', '', false);",
            "CREATE TABLE public.t (a text DEFAULT 'C:\\temp', b text DEFAULT E'\\\\x');",
            "CREATE FUNCTION public.f() RETURNS text LANGUAGE sql AS $$ SELECT '\\set x' $$;");
        assertThat(script.metaCommands()).containsExactly(
            new SqlScript.MetaCommand("\\connect other", sql.indexOf("\\connect"), 10, 3));
    }

    @Test
    void aMetaCommandEndsTheStatementBeforeIt() {
        SqlScript script = SqlScript.parse("SELECT 1\n\\gset\n;\nSELECT 2;");

        assertThat(script.statements()).extracting(SqlStatement::text).containsExactly("SELECT 1", "SELECT 2;");
        assertThat(script.metaCommands()).extracting(SqlScript.MetaCommand::text).containsExactly("\\gset");
    }

    @Test
    void tenMegabyteScriptSplitsIntoEveryStatement() {
        String chunk = """
            CREATE TABLE "t" ("id" serial PRIMARY KEY, "note" text DEFAULT 'a;b');
            --> statement-breakpoint
            CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql; -- done;
            /* comment ; */ INSERT INTO t (note) VALUES (E'x\\';y'), ('z');
            """;
        StringBuilder builder = new StringBuilder();
        int chunks = 0;
        while (builder.length() < 10 * 1024 * 1024) {
            builder.append(chunk);
            chunks++;
        }
        String sql = builder.toString();
        // Correctness at size only; speed is for benchmarks, not unit tests.
        SqlScript script = SqlScript.parse(sql);

        assertThat(script.statements()).hasSize(3 * chunks);
        assertThat(script.statements().get(3 * chunks - 1).line()).isEqualTo(4 * chunks);
    }
}
