package io.respawn.agent.process;

/**
 * Where a component stands on its node. The only moves are:
 * <pre>
 * STOPPED      -> RUNNING (started) | START_FAILED
 * RUNNING      -> STOPPING (asked to stop) | EXITED (ended on its own)
 * STOPPING     -> STOPPED (its tree is gone)
 * EXITED       -> STOPPING (leftovers swept) | RUNNING | START_FAILED
 * START_FAILED -> STOPPING | RUNNING | START_FAILED
 * </pre>
 */
public enum ProcessState {
    /** Not running: never started, or stopped on command. */
    STOPPED,
    /** Its process runs. */
    RUNNING,
    /** A stop is in progress. */
    STOPPING,
    /** Its process ended without being asked to; the engine decides what follows. */
    EXITED,
    /** The last start did not produce a process (no such program or directory). */
    START_FAILED
}
