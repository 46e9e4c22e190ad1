package io.github.shaledb.engine.api;

import java.util.Map;

/**
 * Asks the person at the keyboard; in batch mode the answer is always no. A library user passes null or
 * {@link #NEVER} unless a person is there to answer; the verbs then decide by settings alone ({@code force},
 * {@code renames}). Called on the verb's thread.
 */
@FunctionalInterface
public interface Confirmation {
    /** Answers no to every question: batch mode. */
    Confirmation NEVER = question -> false;

    /**
     * A yes/no question whose "no" is the safe answer (nothing is lost by it).
     *
     * @param question the question, one or more lines, ending in a question mark
     * @return true for yes
     */
    boolean confirm(String question);

    /**
     * A question with several answers, none of them safe to take for granted (a rename candidate: rename, or drop
     * and create). A front end shows each answer with what it does and asks again until one is given.
     *
     * @param question the question
     * @param answers each answer's word (e.g. {@code rename}) and what it does, in the order to show them
     * @return one of the answer words, or null when nobody can answer (end of input): the caller stops then
     */
    default String choose(String question, Map<String, String> answers) {
        // A yes/no answerer (tests, scripts) takes "yes" for the first answer and "no" for the second.
        var words = answers.keySet().iterator();
        String first = words.next();
        String second = words.next();
        return confirm(question) ? first : second;
    }
}
