package io.respawn.engine.status;

import io.respawn.engine.status.Rows.ComponentRow;
import io.respawn.engine.status.Rows.GroupRow;
import io.respawn.engine.status.Views.ComponentView;
import io.respawn.engine.status.Views.GroupView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Immutable views of the board's rows at one moment: the states as shown, uptimes measured at {@code now}. */
record Snapshots(Map<String, ComponentRow> components, Map<String, GroupRow> groups, String root, Instant now) {

    GroupView tree() {
        return root == null ? null : group(groups.get(root));
    }

    private GroupView group(GroupRow row) {
        List<GroupView> below = new ArrayList<>();
        ComponentState state = null;
        for (String name : row.groups) {
            GroupView child = group(groups.get(name));
            below.add(child);
            state = state == null ? child.state() : ComponentState.worse(state, child.state());
        }
        List<ComponentView> members = new ArrayList<>();
        for (String name : row.components) {
            ComponentView member = component(components.get(name));
            members.add(member);
            state = state == null ? member.state() : ComponentState.worse(state, member.state());
        }
        if (inherited(row.name, g -> g.givenUp)) {
            state = ComponentState.GIVEN_UP;
        } else if (inherited(row.name, g -> g.paused) && state != ComponentState.GIVEN_UP) {
            state = ComponentState.PAUSED;
        }
        return new GroupView(row.name, state == null ? ComponentState.RUNNING : state, row.paused, row.givenUp,
                row.restarts, List.copyOf(below), List.copyOf(members));
    }

    ComponentView component(ComponentRow row) {
        long uptime = row.startedAt == null ? 0 : Math.max(0, Duration.between(row.startedAt, now).toMillis());
        return new ComponentView(row.name, row.group, state(row), row.node, row.pid, row.startedAt, uptime,
                row.restarts, row.lastFailure, row.lastExit);
    }

    /** The state shown: a component not running below a given-up or paused group shows that instead. */
    ComponentState state(ComponentRow row) {
        if (row.base == ComponentState.RUNNING || row.base == ComponentState.RESTARTING) {
            return row.base;
        } else if (inherited(row.group, g -> g.givenUp)) {
            return ComponentState.GIVEN_UP;
        } else if (inherited(row.group, g -> g.paused)) {
            return ComponentState.PAUSED;
        }
        return row.base;
    }

    Map<ComponentState, Integer> counts() {
        Map<ComponentState, Integer> counts = new EnumMap<>(ComponentState.class);
        for (ComponentState state : ComponentState.values()) {
            counts.put(state, 0);
        }
        for (ComponentRow row : components.values()) {
            counts.merge(state(row), 1, Integer::sum);
        }
        return counts;
    }

    /** Whether {@code group} or a group above it has the flag. */
    private boolean inherited(String group, Predicate<GroupRow> flag) {
        for (GroupRow row = groups.get(group); row != null; row = row.parent == null ? null : groups.get(row.parent)) {
            if (flag.test(row)) {
                return true;
            }
        }
        return false;
    }
}
