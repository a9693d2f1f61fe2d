package io.respawn.facts;

/** What a streak of consecutive observations counts. */
public enum StreakKind {
    /** OS samples with RSS over the limit. */
    RSS_OVER,
    /** OS samples with CPU over the limit. */
    CPU_OVER,
    /** Probe results FAIL. */
    PROBE_FAIL,
    /** Probe results ERROR. */
    PROBE_ERROR
}
