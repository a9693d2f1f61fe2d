package io.respawn.facts.map;

import io.respawn.facts.BackoffPolicy;
import io.respawn.facts.ComponentPolicy;
import io.respawn.facts.DeclaredDependency;
import io.respawn.facts.DependencyScope;
import io.respawn.facts.GroupId;
import io.respawn.facts.GroupPolicy;
import io.respawn.facts.Membership;
import java.util.ArrayList;
import java.util.List;

/** The policy facts a rule session needs from a map, in declaration order. */
final class PolicyFacts {
    private PolicyFacts() {
    }

    /**
     * A {@link GroupPolicy} per group, a {@link ComponentPolicy} per component, a
     * {@link Membership} per component and enclosing group (nearest group first), and the
     * {@link io.respawn.facts.DependencyPolicy}, then a {@link BackoffPolicy} per group, the
     * {@link io.respawn.facts.StormPolicy}, each {@link io.respawn.facts.DeclaredDependency}, and
     * the {@link DependencyScope} of each.
     */
    static List<Object> of(RestartMap map) {
        List<Object> facts = new ArrayList<>();
        for (Group group : map.groups()) {
            GroupId parent = map.parentOf(group.id()).orElse(null);
            facts.add(new GroupPolicy(group.id(), parent, depth(map, group.id()), group.cureWindow().toMillis(),
                    group.intensity().restarts(), group.intensity().period().toMillis()));
        }
        for (Component component : map.components()) {
            facts.add(policy(component, map.smallestGroupOf(component.id())));
        }
        for (Component component : map.components()) {
            for (GroupId group = map.smallestGroupOf(component.id()); group != null;
                 group = map.parentOf(group).orElse(null)) {
                facts.add(new Membership(component.id(), group));
            }
        }
        facts.add(map.dependencyPolicy());
        for (Group group : map.groups()) {
            facts.add(new BackoffPolicy(group.id(), group.backoff().initial().toMillis(),
                    group.backoff().max().toMillis()));
        }
        facts.add(map.stormPolicy());
        facts.addAll(map.dependencies());
        for (DeclaredDependency dependency : map.dependencies()) {
            List<GroupId> holding = new ArrayList<>();
            for (GroupId group = map.smallestGroupOf(dependency.dependsOn()); group != null;
                 group = map.parentOf(group).orElse(null)) {
                holding.add(group);
            }
            facts.add(new DependencyScope(dependency.dependent(), map.smallestGroupOf(dependency.dependent()),
                    dependency.dependsOn(), holding.get(0), holding));
        }
        return List.copyOf(facts);
    }

    private static ComponentPolicy policy(Component component, GroupId group) {
        Limits limits = component.limits();
        return new ComponentPolicy(component.id(), group, component.node(), component.restartType(),
                component.heartbeat().map(h -> h.timeout().toMillis()).orElse(0L),
                component.startupGrace().toMillis(), limits.rssBytes(), limits.rssSamples(), limits.cpuPercent(),
                limits.cpuFor().toMillis(), component.probeThresholds().failures(),
                component.probeThresholds().errors(), component.probes().size());
    }

    private static int depth(RestartMap map, GroupId group) {
        int depth = 0;
        for (GroupId g = map.parentOf(group).orElse(null); g != null; g = map.parentOf(g).orElse(null)) {
            depth++;
        }
        return depth;
    }
}
