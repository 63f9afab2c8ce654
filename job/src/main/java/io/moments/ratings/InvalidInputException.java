package io.moments.ratings;

import java.util.List;

/**
 * Input the label tools cannot use (a rating line that fails its schema, a rating of an event that is
 * not in the sessions): every problem, each naming its file and line. A usage problem, not a bug: the
 * commands print the message, not a stack trace.
 */
public final class InvalidInputException extends Exception {

    /** At most this many problems are listed; the message says how many more there were. */
    static final int SHOWN = 20;

    private final List<String> problems;

    public InvalidInputException(List<String> problems) {
        super(message(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(SHOWN, problems.size()); i++) {
            b.append(i == 0 ? "" : "\n").append(problems.get(i));
        }
        if (problems.size() > SHOWN) {
            b.append("\n... and ").append(problems.size() - SHOWN).append(" more");
        }
        return b.toString();
    }
}
