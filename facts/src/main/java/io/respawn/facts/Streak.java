package io.respawn.facts;

import java.time.Instant;
import java.util.List;

/**
 * Belief: the last {@code count} observations of {@code kind} for {@code component}
 * were all bad, the first at {@code since}. The failure-inference rules replace a
 * streak with a longer one on each bad observation and delete it on a good one.
 *
 * @param evidence ids of the observations counted, oldest first (at most the last 16)
 */
public record Streak(ComponentId component, StreakKind kind, int count, Instant since, List<String> evidence) {
    static final int EVIDENCE_KEPT = 16;

    public Streak {
        Require.notNull("streak.component", component);
        Require.notNull("streak.kind", kind);
        if (count < 1) {
            throw new IllegalArgumentException("streak.count - must be at least 1: " + count);
        }
        Require.notNull("streak.since", since);
        evidence = Require.list("streak.evidence", evidence);
    }

    /** A streak of one, starting at the observation {@code id} made at {@code at}. */
    public static Streak start(ComponentId component, StreakKind kind, Instant at, String id) {
        return new Streak(component, kind, 1, at, List.of(id));
    }

    /** This streak, one observation longer. */
    public Streak extend(String id) {
        List<String> kept = new java.util.ArrayList<>(evidence);
        kept.add(id);
        if (kept.size() > EVIDENCE_KEPT) {
            kept = kept.subList(kept.size() - EVIDENCE_KEPT, kept.size());
        }
        return new Streak(component, kind, count + 1, since, kept);
    }

    public long getSinceMillis() {
        return since.toEpochMilli();
    }
}
