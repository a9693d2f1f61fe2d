package io.respawn.facts.map;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A restart map could not be loaded. Carries every problem found, not only the first, in
 * the order of their lines; the message is those problems, one per line, each as
 * {@code file:line: message}.
 */
public final class MapException extends Exception {
    private final transient List<MapProblem> problems;

    public MapException(List<MapProblem> problems) {
        super(joined(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems found, at least one, in the order of their lines. */
    public List<MapProblem> problems() {
        return problems;
    }

    private static String joined(List<MapProblem> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("map-exception.problems - must name at least one problem");
        }
        return problems.stream().map(MapProblem::toString).collect(Collectors.joining("\n"));
    }
}
