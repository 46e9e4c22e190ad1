package io.github.shaledb.maven;

import io.github.shaledb.engine.api.Confirmation;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The terminal questions: a rename candidate has no default answer, a yes/no question defaults to its safe no. */
class ConsoleConfirmationTest {
    private static final String QUESTION = "Column public.users.display_name: created, or renamed from public.users.full_name?";
    /** As the engine asks about a column rename candidate. */
    private static final Map<String, String> ANSWERS = new LinkedHashMap<>();

    static {
        ANSWERS.put("rename", "rename public.users.full_name to display_name, keeping its data");
        ANSWERS.put("create", "drop public.users.full_name and its data, and create display_name as a new, empty column");
    }

    /** Answers the prompts with the given lines, then the end of input; records prompts and output. */
    private static final class ScriptedTerminal implements ConsoleConfirmation.Terminal {
        final Deque<String> lines;
        final List<String> prompts = new ArrayList<>();
        final StringWriter output = new StringWriter();

        ScriptedTerminal(String... lines) {
            this.lines = new ArrayDeque<>(Arrays.asList(lines));
        }

        @Override
        public String readLine(String prompt) {
            prompts.add(prompt);
            return lines.poll();
        }

        @Override
        public PrintWriter writer() {
            return new PrintWriter(output, true);
        }
    }

    @Test
    void aRenameCandidateSpellsOutBothAnswersAndAsksAgainUntilOneIsGiven() {
        ScriptedTerminal terminal = new ScriptedTerminal("", "y", "c");

        String answer = new ConsoleConfirmation(terminal).choose(QUESTION, ANSWERS);

        assertThat(answer).isEqualTo("create");
        assertThat(terminal.prompts).containsExactly("Type rename or create: ", "Type rename or create: ",
                "Type rename or create: ");
        assertThat(terminal.output.toString()).contains(QUESTION)
                .contains("  rename (r): rename public.users.full_name to display_name, keeping its data")
                .contains("  create (c): drop public.users.full_name and its data")
                .contains("Nothing was chosen: there is no default here")
                .contains("'y' is not one of the answers.");
    }

    @Test
    void theWholeWordOrItsInitialIsAnAnswer() {
        assertThat(new ConsoleConfirmation(new ScriptedTerminal(" Rename ")).choose(QUESTION, ANSWERS)).isEqualTo("rename");
        assertThat(new ConsoleConfirmation(new ScriptedTerminal("r")).choose(QUESTION, ANSWERS)).isEqualTo("rename");
        assertThat(new ConsoleConfirmation(new ScriptedTerminal("CREATE")).choose(QUESTION, ANSWERS)).isEqualTo("create");
    }

    @Test
    void theEndOfInputAnswersNothingRatherThanTheDataLosingChoice() {
        ScriptedTerminal terminal = new ScriptedTerminal("");

        assertThat(new ConsoleConfirmation(terminal).choose(QUESTION, ANSWERS)).isNull();
        assertThat(terminal.prompts).hasSize(2);
    }

    @Test
    void aYesNoQuestionDefaultsToNo() {
        assertThat(new ConsoleConfirmation(new ScriptedTerminal("")).confirm("End session 4711?")).isFalse();
        assertThat(new ConsoleConfirmation(new ScriptedTerminal()).confirm("End session 4711?")).isFalse();
        assertThat(new ConsoleConfirmation(new ScriptedTerminal("yes")).confirm("End session 4711?")).isTrue();
    }

    @Test
    void batchModeNeverConfirms() {
        assertThat(ConsoleConfirmation.of(false)).isSameAs(Confirmation.NEVER);
    }

    @Test
    void withoutAConsoleEvenAnInteractiveSessionNeverConfirms() {
        // Newer JDKs may hand forked test JVMs a console; the rule is only checkable without one.
        assumeTrue(System.console() == null);
        assertThat(ConsoleConfirmation.of(true)).isSameAs(Confirmation.NEVER);
    }
}
