package io.respawn.facts;

import java.time.Instant;

/**
 * The result of one end-to-end probe run against a component. {@link ProbeStatus#ERROR}
 * means the probe could not run; it is never evidence that the component failed.
 *
 * @param probe the probe's name in the restart map
 */
public record ProbeResult(String id, Instant at, ComponentId component, String probe, ProbeStatus status,
                          long latencyMs, String detail, Instant observedAt) implements Observation {
    public ProbeResult {
        Require.notBlank("probe-result.id", id);
        Require.notNull("probe-result.at", at);
        Require.notNull("probe-result.component", component);
        Require.notBlank("probe-result.probe", probe);
        Require.notNull("probe-result.status", status);
        Require.notNegative("probe-result.latencyMs", latencyMs);
        detail = detail == null ? "" : detail;
    }
}
