package io.respawn.facts;

import java.time.Instant;

/** An operator resumed automation at {@code group}, paused by an {@link OperatorPause}. */
public record OperatorResume(String id, Instant at, GroupId group, String operator, String note) implements Observation {
    public OperatorResume {
        Require.notBlank("operator-resume.id", id);
        Require.notNull("operator-resume.at", at);
        Require.notNull("operator-resume.group", group);
        operator = operator == null ? "" : operator;
        note = note == null ? "" : note;
    }
}
