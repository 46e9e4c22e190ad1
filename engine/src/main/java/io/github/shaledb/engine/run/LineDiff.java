package io.github.shaledb.engine.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A unified-style line diff of two texts, for showing how a migration changed. Longest common subsequence over
 * the lines between the common prefix and suffix; when that middle is too large to compare line by line, it is
 * shown as removed and added whole. The output is cut after {@link #MAX_OUTPUT_LINES} lines.
 */
final class LineDiff {
    static final int CONTEXT = 3;
    static final int MAX_OUTPUT_LINES = 200;
    /** Cells of the LCS table: 4 million ints, 16 MB. */
    private static final long MAX_CELLS = 4_000_000L;

    private enum Op { SAME, REMOVED, ADDED }

    private record Line(Op op, String text) {
    }

    private LineDiff() {
    }

    /**
     * The diff of {@code before} to {@code after} as lines: {@code @@ -a,b +c,d @@} hunk headers, then the lines
     * prefixed with a space (context), {@code -} or {@code +}. Empty when the texts are equal.
     */
    static List<String> unified(String before, String after) {
        if (before.equals(after)) {
            return List.of();
        }
        String[] a = lines(before);
        String[] b = lines(after);
        if (Arrays.equals(a, b)) {
            return List.of("(only the line endings or the newline at the end differ)");
        }
        List<Line> lines = compare(a, b);
        return format(lines);
    }

    /** The lines without their terminators; a newline at the end starts no further line. */
    private static String[] lines(String text) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        return lines.length > 1 && lines[lines.length - 1].isEmpty() ? Arrays.copyOf(lines, lines.length - 1) : lines;
    }

    private static List<Line> compare(String[] a, String[] b) {
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix].equals(b[prefix])) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix
                && a[a.length - 1 - suffix].equals(b[b.length - 1 - suffix])) {
            suffix++;
        }
        List<Line> lines = new ArrayList<>(a.length + b.length);
        for (int i = 0; i < prefix; i++) {
            lines.add(new Line(Op.SAME, a[i]));
        }
        int n = a.length - prefix - suffix;
        int m = b.length - prefix - suffix;
        if ((long) n * m <= MAX_CELLS) {
            middleByLcs(a, b, prefix, n, m, lines);
        } else {
            for (int i = 0; i < n; i++) {
                lines.add(new Line(Op.REMOVED, a[prefix + i]));
            }
            for (int j = 0; j < m; j++) {
                lines.add(new Line(Op.ADDED, b[prefix + j]));
            }
        }
        for (int k = 0; k < suffix; k++) {
            lines.add(new Line(Op.SAME, a[a.length - suffix + k]));
        }
        return lines;
    }

    private static void middleByLcs(String[] a, String[] b, int offset, int n, int m, List<Line> out) {
        // lcs[i][j]: length of the LCS of a[offset+i..] and b[offset+j..].
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a[offset + i].equals(b[offset + j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[offset + i].equals(b[offset + j])) {
                out.add(new Line(Op.SAME, a[offset + i]));
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(new Line(Op.REMOVED, a[offset + i]));
                i++;
            } else {
                out.add(new Line(Op.ADDED, b[offset + j]));
                j++;
            }
        }
    }

    private static List<String> format(List<Line> lines) {
        List<String> out = new ArrayList<>();
        int total = 0;
        int k = 0;
        while (k < lines.size()) {
            if (lines.get(k).op() == Op.SAME) {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            // Extend the hunk while the next change is within twice the context.
            int end = k;
            int lastChange = k;
            while (end < lines.size()) {
                if (lines.get(end).op() != Op.SAME) {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(lines.size(), lastChange + CONTEXT + 1);
            List<Line> hunk = lines.subList(start, end);
            out.add(header(lines, start, hunk));
            for (Line line : hunk) {
                if (total == MAX_OUTPUT_LINES) {
                    out.add("… (diff cut after " + MAX_OUTPUT_LINES + " lines)");
                    return out;
                }
                out.add((line.op() == Op.SAME ? " " : line.op() == Op.REMOVED ? "-" : "+") + line.text());
                total++;
            }
            k = end;
        }
        return out;
    }

    private static String header(List<Line> lines, int start, List<Line> hunk) {
        int oldCount = (int) hunk.stream().filter(l -> l.op() != Op.ADDED).count();
        int newCount = (int) hunk.stream().filter(l -> l.op() != Op.REMOVED).count();
        return "@@ -" + (firstLine(lines, start, true) + (oldCount == 0 ? 0 : 1)) + "," + oldCount
                + " +" + (firstLine(lines, start, false) + (newCount == 0 ? 0 : 1)) + "," + newCount + " @@";
    }

    /** The 0-based line number in the old (or new) text at which the hunk starting at {@code start} begins. */
    private static int firstLine(List<Line> lines, int start, boolean old) {
        int count = 0;
        for (int k = 0; k < start; k++) {
            Op op = lines.get(k).op();
            if (op == Op.SAME || (old ? op == Op.REMOVED : op == Op.ADDED)) {
                count++;
            }
        }
        return count;
    }
}
