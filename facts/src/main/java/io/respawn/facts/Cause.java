package io.respawn.facts;

/** Why a component is believed to have failed (or is suspected). */
public enum Cause {
    /** Its heartbeat was not seen within its timeout. */
    HEARTBEAT_SILENT,
    /** Its heartbeat reported FAILED. */
    HEARTBEAT_FAILED,
    /** Its heartbeat reported DEGRADED. */
    HEARTBEAT_DEGRADED,
    /** Its process exited without being asked to. */
    EXITED,
    /** Its resident memory stayed over the limit. */
    RSS_LIMIT,
    /** Its CPU use stayed over the limit. */
    CPU_LIMIT,
    /** Its probe failed repeatedly. */
    PROBE_FAILED,
    /** A restart of its group did not complete. */
    RESTART_FAILED
}
