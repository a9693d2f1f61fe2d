package io.respawn.facts;

/** The execution status an application reports in its heartbeat. */
public enum HeartbeatStatus {
    /** Working normally. */
    OK,
    /** Working, but impaired: a suspicion, not a failure. */
    DEGRADED,
    /** The application reports that it has failed. */
    FAILED
}
