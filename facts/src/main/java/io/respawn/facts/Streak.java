package io.respawn.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Belief: the last {@code count} observations of {@code kind} about {@code component}
 * (and {@code subject}: the probe's name, or empty for OS samples) were all bad, the
 * first at {@code since}, the latest at {@code last}. The failure-inference rules
 * replace a streak with a longer one on each bad observation and delete it on a good one.
 *
 * @param evidence ids of the observations counted, oldest first (at most the last 16)
 */
public record Streak(ComponentId component, StreakKind kind, String subject, int count, Instant since, Instant last,
                     List<String> evidence) {
    static final int EVIDENCE_KEPT = 16;

    public Streak {
        Require.notNull("streak.component", component);
        Require.notNull("streak.kind", kind);
        subject = subject == null ? "" : subject;
        if (count < 1) {
            throw new IllegalArgumentException("streak.count - must be at least 1: " + count);
        }
        Require.notNull("streak.since", since);
        Require.notNull("streak.last", last);
        evidence = Require.list("streak.evidence", evidence);
    }

    /** A streak of one: the observation {@code id} about {@code component}, made at {@code at}. */
    public static Streak start(ComponentId component, StreakKind kind, String subject, Instant at, String id) {
        return new Streak(component, kind, subject, 1, at, at, List.of(id));
    }

    /** This streak, one observation longer. */
    public Streak extend(Instant at, String id) {
        List<String> kept = new ArrayList<>(evidence);
        kept.add(id);
        if (kept.size() > EVIDENCE_KEPT) {
            kept = kept.subList(kept.size() - EVIDENCE_KEPT, kept.size());
        }
        return new Streak(component, kind, subject, count + 1, since, at, kept);
    }

    /** How long the streak has lasted, first to latest observation. */
    public long getLastedMillis() {
        return last.toEpochMilli() - since.toEpochMilli();
    }
}
