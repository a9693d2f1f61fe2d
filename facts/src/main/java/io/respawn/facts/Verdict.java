package io.respawn.facts;

/** An operator's verdict on an inferred dependency. */
public enum Verdict {
    /** Accepted into the restart map: no longer reported as a proposal. */
    ACCEPTED,
    /** Rejected: withdrawn, and not inferred again from the same evidence. */
    REJECTED
}
