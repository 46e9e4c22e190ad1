package io.github.shaledb.engine.sql;

/**
 * The 1-based line and column of positions in a text, walked forward only so that a whole
 * script costs one pass. Line breaks are {@code \r\n}, {@code \n} and a lone {@code \r};
 * columns count characters (code points), so an emoji is one column, as PostgreSQL counts it.
 */
final class LineCounter {

    private final CharSequence text;
    private int index;
    private int line;
    private int column;
    private boolean afterCarriageReturn;

    LineCounter(CharSequence text, int start, int line, int column) {
        this.text = text;
        this.index = start;
        this.line = line;
        this.column = column;
    }

    LineCounter(CharSequence text, int start) {
        this(text, start, 1, 1);
    }

    /** Moves to {@code target} (a char index, not before the current one; clamped to the text). */
    void advanceTo(int target) {
        int end = Math.min(target, text.length());
        while (index < end) {
            step(text.charAt(index));
            index++;
        }
    }

    /** Moves forward over {@code count} code points, or to the end of the text. */
    void advanceCodePoints(int count) {
        int remaining = count;
        while (remaining > 0 && index < text.length()) {
            step(text.charAt(index));
            index++;
            if (isPairedLowSurrogate(index)) {
                index++;
            }
            remaining--;
        }
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }

    private void step(char c) {
        if (c == '\n') {
            if (!afterCarriageReturn) {
                newLine();
            }
        } else if (c == '\r') {
            newLine();
        } else if (!isPairedLowSurrogate(index)) {
            column++;
        }
        afterCarriageReturn = c == '\r';
    }

    private boolean isPairedLowSurrogate(int at) {
        return at > 0 && at < text.length()
            && Character.isLowSurrogate(text.charAt(at))
            && Character.isHighSurrogate(text.charAt(at - 1));
    }

    private void newLine() {
        line++;
        column = 1;
    }
}
