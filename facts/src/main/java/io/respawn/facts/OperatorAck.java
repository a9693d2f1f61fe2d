package io.respawn.facts;

import java.time.Instant;

/** An operator acknowledged a give-up at {@code group}: automatic restarts there may resume. */
public record OperatorAck(String id, Instant at, GroupId group, String operator, String note) implements Observation {
    public OperatorAck {
        Require.notBlank("operator-ack.id", id);
        Require.notNull("operator-ack.at", at);
        Require.notNull("operator-ack.group", group);
        operator = operator == null ? "" : operator;
        note = note == null ? "" : note;
    }
}
