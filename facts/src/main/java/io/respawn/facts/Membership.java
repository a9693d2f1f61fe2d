package io.respawn.facts;

/**
 * {@code component} lies below {@code group} in the restart tree (at any depth), so
 * restarting {@code group} restarts it. One per component and enclosing group.
 */
public record Membership(ComponentId component, GroupId group) {
    public Membership {
        Require.notNull("membership.component", component);
        Require.notNull("membership.group", group);
    }
}
