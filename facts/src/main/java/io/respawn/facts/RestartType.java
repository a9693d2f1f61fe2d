package io.respawn.facts;

/** When a component is restarted after it fails (as in OTP). */
public enum RestartType {
    /** Always restarted, even after a clean exit. */
    PERMANENT,
    /** Restarted only after an abnormal exit or another failure; a clean exit (code 0) is final. */
    TRANSIENT,
    /** Never restarted. */
    TEMPORARY
}
