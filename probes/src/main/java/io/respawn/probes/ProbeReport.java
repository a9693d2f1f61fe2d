package io.respawn.probes;

import io.respawn.facts.ComponentId;
import io.respawn.facts.ProbeResult;
import io.respawn.facts.ProbeStatus;
import io.respawn.facts.Require;
import java.time.Duration;
import java.time.Instant;

/**
 * What one run of one probe found.
 *
 * @param probe     the probe's name in the restart map
 * @param status    PASS, FAIL (the component answered wrongly or not in time) or ERROR (the
 *                  probe could not run: never evidence against the component)
 * @param latency   from the moment the run was due to its outcome; a run that timed out
 *                  reports its timeout (give or take a millisecond)
 * @param detail    a short line in plain words: what was expected and what came, or why the
 *                  probe could not run, with the command's output as evidence
 * @param startedAt when the run was due, by the runner's clock
 */
public record ProbeReport(ComponentId component, String probe, ProbeStatus status, Duration latency, String detail,
                          Instant startedAt) {
    public ProbeReport {
        Require.notNull("probe-report.component", component);
        Require.notBlank("probe-report.probe", probe);
        Require.notNull("probe-report.status", status);
        Require.notNegative("probe-report.latency", latency);
        Require.notNull("probe-report.detail", detail);
        Require.notNull("probe-report.startedAt", startedAt);
    }

    /** When the outcome was known: {@code startedAt + latency}. */
    public Instant observedAt() {
        return startedAt.plus(latency);
    }

    /** This report as the fact the engine receives, observed when its outcome was known. */
    public ProbeResult toFact(String id, Instant at) {
        return new ProbeResult(id, at, component, probe, status, latency.toMillis(), detail, observedAt());
    }

    @Override
    public String toString() {
        return component + "/" + probe + " " + status + " in " + latency.toMillis() + "ms: " + detail;
    }
}
