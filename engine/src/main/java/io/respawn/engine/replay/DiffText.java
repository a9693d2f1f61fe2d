package io.respawn.engine.replay;

import io.respawn.engine.replay.DecisionDiff.Entry;
import io.respawn.engine.replay.DecisionDiff.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link DecisionDiff} is written for people, in the manner of a unified diff: a line
 * per decision only in A ({@code -}) or only in B ({@code +}); for a changed pair
 * ({@code ~}) what differs, then both decisions. Each decision line is
 * {@link DecisionText#human}: time, type, target, rule, evidence and the log line.
 */
public final class DiffText {
    private DiffText() {
    }

    /**
     * The whole comparison: a header naming both sides, the differences in time order, and a
     * closing count.
     *
     * @param nameA what replay A ran with, e.g. {@code default rules}
     * @param nameB what replay B ran with, e.g. {@code my-rules}
     */
    public static List<String> lines(DecisionDiff.Result result, String nameA, int decisionsA, String nameB,
                                     int decisionsB) {
        List<String> lines = new ArrayList<>();
        lines.add("--- A: " + nameA + " (" + decisions(decisionsA) + ")");
        lines.add("+++ B: " + nameB + " (" + decisions(decisionsB) + ")");
        for (Entry entry : result.differences()) {
            lines.addAll(entry(entry));
        }
        lines.add(closing(result));
        return lines;
    }

    /** One difference, as one line (only in A or B) or three (changed). */
    static List<String> entry(Entry entry) {
        return switch (entry.kind()) {
            case ONLY_IN_A -> List.of("- " + DecisionText.human(entry.a()));
            case ONLY_IN_B -> List.of("+ " + DecisionText.human(entry.b()));
            case CHANGED -> List.of(
                    "~ " + DecisionText.type(entry.a().decision()) + " for "
                            + DecisionSubject.subject(entry.a().decision()) + ": " + String.join("; ", entry.changes()),
                    "    A " + DecisionText.human(entry.a()),
                    "    B " + DecisionText.human(entry.b()));
        };
    }

    /** The closing count, e.g. {@code 3 decisions differ: 1 only in A, 1 only in B, 1 changed; 12 the same}. */
    static String closing(DecisionDiff.Result result) {
        if (result.identical()) {
            return "no decision differs (" + result.same() + " the same)";
        }
        int n = result.differences().size();
        return n + (n == 1 ? " decision differs: " : " decisions differ: ")
                + result.count(Kind.ONLY_IN_A) + " only in A, " + result.count(Kind.ONLY_IN_B) + " only in B, "
                + result.count(Kind.CHANGED) + " changed; " + result.same() + " the same";
    }

    private static String decisions(int n) {
        return n == 1 ? "1 decision" : n + " decisions";
    }
}
