package io.github.shaledb.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shaledb.engine.sql.SqlStatement.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlStatementPositionTest {

    @Test
    void serverPositionMapsToLineAndColumnInTheScript() {
        String sql = "CREATE TABLE a (id int);\n\n  CREATE TABLE b (\n    id intt\n  );";
        SqlStatement second = SqlScript.parse(sql).statements().get(1);

        // PostgreSQL: type "intt" does not exist, position 25 = the "i" of intt in the text sent.
        int serverPosition = second.text().indexOf("intt") + 1;

        assertThat(serverPosition).isEqualTo(25);
        assertThat(second.positionOf(serverPosition)).isEqualTo(new Position(4, 8));
        assertThat(second.positionOf(1)).isEqualTo(new Position(3, 3));
        assertThat(second.positionOf(17)).isEqualTo(new Position(3, 19));
        assertThat(second.positionOf(18)).isEqualTo(new Position(4, 1));
    }

    @Test
    void serverPositionCountsCodePointsNotJavaChars() {
        String sql = "SELECT 1;\nINSERT INTO t VALUES ('\ud83d\ude00\ud83d\ude00', '\u00e9') RETURNING nope;";
        SqlStatement insert = SqlScript.parse(sql).statements().get(1);
        // In code points the text is "INSERT INTO t VALUES ('😀😀', 'é') RETURNING nope;".
        int serverPosition = insert.text().codePointCount(0, insert.text().indexOf("nope")) + 1;

        assertThat(serverPosition).isEqualTo(44);
        assertThat(insert.positionOf(serverPosition)).isEqualTo(new Position(2, 44));
        assertThat(insert.positionOf(24)).isEqualTo(new Position(2, 24)); // the first emoji
        assertThat(insert.positionOf(25)).isEqualTo(new Position(2, 25)); // the second emoji
        assertThat(insert.positionOf(26)).isEqualTo(new Position(2, 26)); // the closing quote
    }

    @Test
    void emojiOnAnEarlierLineDoesNotShiftTheErrorLine() {
        SqlStatement statement = SqlScript.parse("SELECT '\ud83d\ude00\ud83d\ude00'\n  , nope;").statements().get(0);

        // Code points: S E L E C T space ' 😀 😀 ' newline space space , space n: "nope" is at position 17.
        assertThat(statement.positionOf(17)).isEqualTo(new Position(2, 5));
    }

    @Test
    void statementOnAColumnAfterAnEmojiStartsCountingThere() {
        String sql = "SELECT '\ud83d\ude80'; SELECT nope;";
        SqlStatement second = SqlScript.parse(sql).statements().get(1);

        assertThat(second.column()).isEqualTo(13);
        assertThat(second.positionOf(8)).isEqualTo(new Position(1, 20));
    }

    @Test
    void positionsAcrossCrlfLineBreaks() {
        String sql = "-- migration\r\nCREATE TABLE t (\r\n  id int,\r\n  name txt\r\n);";
        SqlStatement statement = SqlScript.parse(sql).statements().get(0);
        int serverPosition = statement.text().indexOf("txt") + 1;

        assertThat(statement.line()).isEqualTo(2);
        assertThat(statement.positionOf(serverPosition)).isEqualTo(new Position(4, 8));
    }

    @Test
    void outOfRangePositionsClampToTheStatementStartAndEnd() {
        SqlStatement statement = SqlScript.parse("\n  SELECT (1").statements().get(0);

        assertThat(statement.positionOf(0)).isEqualTo(new Position(2, 3));
        assertThat(statement.positionOf(-5)).isEqualTo(new Position(2, 3));
        // "syntax error at end of input" points just past the last character.
        assertThat(statement.positionOf(10)).isEqualTo(new Position(2, 12));
        assertThat(statement.positionOf(500)).isEqualTo(new Position(2, 12));
    }

    @Test
    void positionInsideBreakpointSeparatedStatement() {
        String sql = "CREATE TABLE a (id int);\n--> statement-breakpoint\nALTER TABLE a\n  ADD COLUMN x nosuchtype;";
        List<SqlStatement> statements = SqlScript.parse(sql).statements();
        SqlStatement alter = statements.get(1);

        assertThat(alter.line()).isEqualTo(3);
        assertThat(alter.positionOf(alter.text().indexOf("nosuchtype") + 1)).isEqualTo(new Position(4, 16));
    }
}
