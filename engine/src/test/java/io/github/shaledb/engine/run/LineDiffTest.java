package io.github.shaledb.engine.run;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LineDiffTest {

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
    }

    @Test
    void oneChangedLineWithThreeLinesOfContextEachSide() {
        String before = lines(1, 10);
        String after = before.replace("line 5", "line five");

        assertThat(LineDiff.unified(before, after)).containsExactly("@@ -2,7 +2,7 @@",
                " line 2", " line 3", " line 4", "-line 5", "+line five", " line 6", " line 7", " line 8");
    }

    @Test
    void distantChangesAreSeparateHunks() {
        String before = lines(1, 30);
        String after = before.replace("line 2\n", "").replace("line 25", "line 25\nnew");

        assertThat(LineDiff.unified(before, after)).containsExactly(
                "@@ -1,5 +1,4 @@", " line 1", "-line 2", " line 3", " line 4", " line 5",
                "@@ -23,6 +22,7 @@", " line 23", " line 24", " line 25", "+new", " line 26", " line 27", " line 28");
    }

    @Test
    void equalTextsHaveNoDiffAndLineEndingsAreNamed() {
        assertThat(LineDiff.unified("a\nb", "a\nb")).isEmpty();
        assertThat(LineDiff.unified("a\nb", "a\nb\n")).containsExactly("(only the line endings or the newline at the end differ)");
        assertThat(LineDiff.unified("a\nb\n", "a\r\nb\r\n")).containsExactly("(only the line endings or the newline at the end differ)");
    }

    @Test
    void aLargeDiffIsCut() {
        List<String> diff = LineDiff.unified(lines(1, 5000), lines(1, 5000).replace("line", "row"));

        assertThat(diff).hasSize(LineDiff.MAX_OUTPUT_LINES + 2).endsWith("… (diff cut after 200 lines)");
        assertThat(diff.get(0)).isEqualTo("@@ -1,5000 +1,5000 @@");
    }
}
