package io.github.shaledb.maven;

import io.github.shaledb.engine.api.Confirmation;

import java.io.Console;
import java.util.Locale;

/** Asks at the terminal; without one, or in batch mode ({@code -B}), the answer is no. */
final class ConsoleConfirmation implements Confirmation {
    private final Console console;

    private ConsoleConfirmation(Console console) {
        this.console = console;
    }

    static Confirmation of(boolean interactive) {
        Console console = System.console();
        return interactive && console != null ? new ConsoleConfirmation(console) : Confirmation.NEVER;
    }

    @Override
    public boolean confirm(String question) {
        String answer = console.readLine("%s [y/N] ", question);
        return answer != null && switch (answer.trim().toLowerCase(Locale.ROOT)) {
            case "y", "yes" -> true;
            default -> false;
        };
    }
}
