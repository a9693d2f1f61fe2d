package io.respawn.engine.simulate;

import java.util.List;

/**
 * A simulation spec could not be read. The message is every problem found, one per line,
 * each as {@code file:line: message} ({@code file: message} for the whole file).
 */
public final class SpecException extends Exception {
    private final transient List<String> problems;

    SpecException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order of their lines, each as {@code file:line: message}. */
    public List<String> problems() {
        return problems;
    }
}
