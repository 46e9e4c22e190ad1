package io.github.shaledb.maven;

import io.github.shaledb.engine.api.Confirmation;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Asks at the terminal; without one, or in batch mode ({@code -B}), the answer is no. A yes/no question
 * defaults to no, its safe answer; a choice (rename or create) has no default: an empty or unknown answer
 * asks again, and the end of input answers nothing.
 */
final class ConsoleConfirmation implements Confirmation {
    /** Reads one line after printing the prompt; null at the end of input. */
    interface Terminal {
        String readLine(String prompt);

        PrintWriter writer();
    }

    private final Terminal terminal;

    ConsoleConfirmation(Terminal terminal) {
        this.terminal = terminal;
    }

    static Confirmation of(boolean interactive) {
        Console console = System.console();
        return interactive && console != null ? new ConsoleConfirmation(new Terminal() {
            @Override
            public String readLine(String prompt) {
                return console.readLine("%s", prompt);
            }

            @Override
            public PrintWriter writer() {
                return console.writer();
            }
        }) : Confirmation.NEVER;
    }

    @Override
    public boolean confirm(String question) {
        String answer = terminal.readLine(question + " [y/N] ");
        return answer != null && switch (answer.trim().toLowerCase(Locale.ROOT)) {
            case "y", "yes" -> true;
            default -> false;
        };
    }

    /** Each answer is taken in full or by its first letter; the prompt spells them out. */
    @Override
    public String choose(String question, Map<String, String> answers) {
        PrintWriter out = terminal.writer();
        out.println(question);
        answers.forEach((word, meaning) -> out.println("  " + word + " (" + word.charAt(0) + "): " + meaning));
        out.flush();
        String prompt = "Type " + String.join(" or ", answers.keySet()) + ": ";
        while (true) {
            String line = terminal.readLine(prompt);
            if (line == null) {
                return null;
            }
            String typed = line.trim().toLowerCase(Locale.ROOT);
            for (String word : answers.keySet()) {
                boolean initial = typed.length() == 1 && typed.charAt(0) == word.charAt(0)
                        && answers.keySet().stream().filter(w -> w.charAt(0) == word.charAt(0)).count() == 1;
                if (typed.equals(word) || initial) {
                    return word;
                }
            }
            out.println(typed.isEmpty() ? "Nothing was chosen: there is no default here, since one answer loses data."
                    : "'" + line.trim() + "' is not one of the answers.");
            out.flush();
        }
    }
}
