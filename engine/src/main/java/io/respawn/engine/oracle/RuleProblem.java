package io.respawn.engine.oracle;

/** One problem found while compiling rules: {@code file:line: message}. */
public record RuleProblem(String file, int line, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
