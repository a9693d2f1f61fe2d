package io.respawn.facts;

import java.util.List;

/**
 * Policy: where the two ends of a {@link DeclaredDependency} sit in the restart tree —
 * {@code dependent}'s smallest group, {@code dependsOn}'s smallest group, and every group
 * that holds {@code dependsOn} (nearest first). One per declared dependency.
 *
 * <p>The rules that blame a shared dependency (ST-01, ST-28 to ST-30) ask these questions
 * of every failure they see. Asked of {@link ComponentPolicy} and {@link Membership}, they
 * would put a join over every component of the map into each of those rules, and the rule
 * session keeps an entry per fact at every such join: about a kilobyte per component for
 * a feature most maps do not use. Asked of this fact, they cost one entry per dependency.
 */
public record DependencyScope(ComponentId dependent, GroupId dependentGroup, ComponentId dependsOn,
                              GroupId dependsOnGroup, List<GroupId> dependsOnGroups) {
    public DependencyScope {
        Require.notNull("dependency-scope.dependent", dependent);
        Require.notNull("dependency-scope.dependentGroup", dependentGroup);
        Require.notNull("dependency-scope.dependsOn", dependsOn);
        Require.notNull("dependency-scope.dependsOnGroup", dependsOnGroup);
        dependsOnGroups = List.copyOf(Require.notNull("dependency-scope.dependsOnGroups", dependsOnGroups));
    }
}
