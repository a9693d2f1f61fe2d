package io.respawn.facts.map;

import io.respawn.facts.Require;

/**
 * One thing wrong with a restart map, at a line of its file.
 *
 * @param source  where the map was read from, as given (a path or a name)
 * @param line    1-based line of the offending key or value; 0 when the problem is the whole file
 *                (it cannot be read, it is empty)
 * @param message what is wrong, naming the offending value
 */
public record MapProblem(String source, int line, String message) {
    public MapProblem {
        Require.notBlank("map-problem.source", source);
        Require.notNegative("map-problem.line", line);
        Require.notBlank("map-problem.message", message);
    }

    /** {@code source:line: message}, or {@code source: message} for a problem with the whole file. */
    @Override
    public String toString() {
        return line == 0 ? source + ": " + message : source + ":" + line + ": " + message;
    }
}
