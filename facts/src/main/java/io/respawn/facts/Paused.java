package io.respawn.facts;

import java.time.Instant;
import java.util.List;

/**
 * Belief, held only while its evidence holds (inserted logically): automation at
 * {@code group} is paused by an operator since {@code since}. Facts below it are still
 * recorded, but no restart is decided there until an {@link OperatorResume} for the group.
 */
public record Paused(GroupId group, Instant since, String operator, String note, String rule, List<String> evidence) {
    public Paused {
        Require.notNull("paused.group", group);
        Require.notNull("paused.since", since);
        operator = operator == null ? "" : operator;
        note = note == null ? "" : note;
        Require.notBlank("paused.rule", rule);
        evidence = Require.list("paused.evidence", evidence);
    }
}
