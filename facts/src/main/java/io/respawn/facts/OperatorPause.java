package io.respawn.facts;

import java.time.Instant;

/**
 * An operator paused automation at {@code group} (a deploy, maintenance): facts below it are
 * still recorded, but no restart is decided there until an {@link OperatorResume}.
 */
public record OperatorPause(String id, Instant at, GroupId group, String operator, String note) implements Observation {
    public OperatorPause {
        Require.notBlank("operator-pause.id", id);
        Require.notNull("operator-pause.at", at);
        Require.notNull("operator-pause.group", group);
        operator = operator == null ? "" : operator;
        note = note == null ? "" : note;
    }
}
