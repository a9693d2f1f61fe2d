package io.respawn.facts.map;

import io.respawn.facts.GroupId;
import io.respawn.facts.Require;
import java.time.Duration;
import java.util.List;

/**
 * A restart group: a node of the restart tree. Restarting it restarts every component
 * below it. Values are as resolved from the map, defaults inherited.
 *
 * @param cureWindow a restart of the group cured if no member fails within this long after it was ready
 * @param intensity  how many restarts within a period the group takes before the restart escalates
 * @param children   the groups and components directly below, in the order declared
 * @param backoff    how long a restart waits after the group's previous ones within its period
 */
public record Group(GroupId id, Duration cureWindow, Intensity intensity, List<Child> children, Backoff backoff)
        implements Child {
    public Group {
        Require.notNull("group.id", id);
        Require.notNegative("group.cureWindow", cureWindow);
        Require.notNull("group.intensity", intensity);
        Require.notNull("group.backoff", backoff);
        children = Require.list("group.children", children);
        if (children.isEmpty()) {
            throw new IllegalArgumentException("group.children - must hold at least one group or component: " + id);
        }
    }

    /** A group with no back-off. */
    public Group(GroupId id, Duration cureWindow, Intensity intensity, List<Child> children) {
        this(id, cureWindow, intensity, children, Backoff.NONE);
    }

    @Override
    public String name() {
        return id.name();
    }
}
