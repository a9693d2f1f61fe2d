package io.respawn.facts;

/**
 * Thresholds for dependency inference, from the restart map's
 * {@code dependencyInference} section.
 *
 * @param windowMs    a failure this soon after another component's restart was ready counts as evidence
 * @param occurrences how many such failures infer a dependency
 */
public record DependencyPolicy(long windowMs, int occurrences) {
    public DependencyPolicy {
        Require.notNegative("dependency-policy.windowMs", windowMs);
        if (occurrences < 1) {
            throw new IllegalArgumentException("dependency-policy.occurrences - must be at least 1: " + occurrences);
        }
    }
}
