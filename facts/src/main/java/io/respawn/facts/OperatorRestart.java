package io.respawn.facts;

import java.time.Instant;

/** An operator asked for {@code group} to be restarted by hand. */
public record OperatorRestart(String id, Instant at, GroupId group, String operator, String note)
        implements Observation {
    public OperatorRestart {
        Require.notBlank("operator-restart.id", id);
        Require.notNull("operator-restart.at", at);
        Require.notNull("operator-restart.group", group);
        operator = operator == null ? "" : operator;
        note = note == null ? "" : note;
    }
}
