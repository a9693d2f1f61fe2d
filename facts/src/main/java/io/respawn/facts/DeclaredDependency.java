package io.respawn.facts;

/**
 * Policy: the restart map says {@code dependent} depends on {@code dependsOn} (its
 * {@code dependencies:} section), so a restart that restarts {@code dependsOn} and not
 * {@code dependent} also restarts {@code dependent}, after it. Accepting an inferred
 * dependency writes one into the map.
 */
public record DeclaredDependency(ComponentId dependent, ComponentId dependsOn) {
    public DeclaredDependency {
        Require.notNull("declared-dependency.dependent", dependent);
        Require.notNull("declared-dependency.dependsOn", dependsOn);
        if (dependent.equals(dependsOn)) {
            throw new IllegalArgumentException("declared-dependency - a component cannot depend on itself: " + dependent);
        }
    }

    /** A stable name for this policy fact, for the evidence of the decisions it leads to. */
    public String id() {
        return "dependency/" + dependent.name() + "/" + dependsOn.name();
    }
}
