package com.example.notes;

import java.time.OffsetDateTime;

/** One row of the notes table (src/main/db/schema/01_notes.sql; migrations 0000 and 0001). */
public record Note(long id, String title, String body, boolean pinned, OffsetDateTime createdAt) {
}
