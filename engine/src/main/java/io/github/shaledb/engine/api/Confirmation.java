package io.github.shaledb.engine.api;

/** Asks the person at the keyboard; in batch mode the answer is always no. */
@FunctionalInterface
public interface Confirmation {
    Confirmation NEVER = question -> false;

    boolean confirm(String question);
}
