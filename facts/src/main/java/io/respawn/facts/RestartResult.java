package io.respawn.facts;

/** How a restart ended, as reported by the agent that carried it out. */
public enum RestartResult {
    /** Every member was stopped and started again. */
    SUCCEEDED,
    /** Some member could not be stopped or started. */
    FAILED
}
