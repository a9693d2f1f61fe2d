package io.respawn.facts.map;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the problems of one map as they are found, so that a reader can carry on and
 * report them all. The same message at the same line is kept once (an inherited default
 * can be wrong for every component below it).
 */
final class Problems {
    private final String source;
    private final Set<MapProblem> found = new LinkedHashSet<>();

    Problems(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    void add(int line, String message) {
        found.add(new MapProblem(source, Math.max(line, 0), message));
    }

    boolean any() {
        return !found.isEmpty();
    }

    /** Throws the problems found so far, sorted by line (in the order found within a line). */
    void throwIfAny() throws MapException {
        if (any()) {
            List<MapProblem> sorted = new ArrayList<>(found);
            sorted.sort(Comparator.comparingInt(MapProblem::line));
            throw new MapException(sorted);
        }
    }
}
