package io.respawn.facts;

/**
 * The restart policy of one restart group, from the restart map.
 *
 * @param parent       the enclosing group, or null for the root
 * @param depth        0 for the root, 1 for its children, ...
 * @param cureWindowMs a restart cured if no member fails within this long after it was ready
 * @param intensity    at most this many restarts of the group ...
 * @param periodMs     ... within this long; one more escalates to the parent
 */
public record GroupPolicy(GroupId group, GroupId parent, int depth, long cureWindowMs, int intensity,
                          long periodMs) {
    public GroupPolicy {
        Require.notNull("group-policy.group", group);
        Require.notNegative("group-policy.depth", depth);
        Require.notNegative("group-policy.cureWindowMs", cureWindowMs);
        if (intensity < 1) {
            throw new IllegalArgumentException("group-policy.intensity - must be at least 1: " + intensity);
        }
        Require.notNegative("group-policy.periodMs", periodMs);
    }

    public boolean isRoot() {
        return parent == null;
    }
}
