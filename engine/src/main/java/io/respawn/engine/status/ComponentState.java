package io.respawn.engine.status;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the board says of a component (and, worst first, of a group). The words are what
 * the API, the dashboard and the command line show.
 */
public enum ComponentState {
    /** Its group (or one above) gave up: nothing below restarts until an operator acknowledges. */
    GIVEN_UP("given-up"),
    /** Automation is paused at its group (or one above): facts recorded, no restart decided. */
    PAUSED("paused"),
    /** A restart covering it was decided and has not started it again yet. */
    RESTARTING("restarting"),
    /** A sign of trouble (a DEGRADED or FAILED heartbeat, a failure concluded) while its process runs. */
    SUSPECTED("suspected"),
    /** Not running, and no restart decided: not started yet, exited, or not to be restarted. */
    STOPPED("stopped"),
    /** Its process runs and nothing is wrong. */
    RUNNING("running");

    private final String word;

    ComponentState(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }

    /** The worse of two states: the one listed first. */
    static ComponentState worse(ComponentState a, ComponentState b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
