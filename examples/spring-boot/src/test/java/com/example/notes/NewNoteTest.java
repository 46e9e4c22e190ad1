package com.example.notes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A plain unit test: Surefire runs it in the test phase, before any database exists. */
class NewNoteTest {

    @Test
    void trimsTheTitleAndDefaultsTheBody() {
        assertThat(new NewNote("  groceries ", null).normalized()).isEqualTo(new NewNote("groceries", ""));
    }

    @Test
    void refusesABlankOrOverlongTitle() {
        assertThatThrownBy(() -> new NewNote("   ", "x").normalized())
                .hasMessage("title must have 1 to 200 characters");
        assertThatThrownBy(() -> new NewNote("x".repeat(201), "x").normalized())
                .hasMessage("title must have 1 to 200 characters");
    }
}
