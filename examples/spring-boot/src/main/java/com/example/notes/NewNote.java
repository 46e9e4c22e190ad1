package com.example.notes;

/** What a client posts. The table's check constraint holds the same rule; this one answers with a 400 first. */
public record NewNote(String title, String body) {
    static final int MAX_TITLE = 200;

    /** The note as stored: title trimmed, body never null. */
    public NewNote normalized() {
        String trimmed = title == null ? "" : title.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_TITLE) {
            throw new IllegalArgumentException("title must have 1 to " + MAX_TITLE + " characters");
        }
        return new NewNote(trimmed, body == null ? "" : body);
    }
}
