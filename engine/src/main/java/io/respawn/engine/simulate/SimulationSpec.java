package io.respawn.engine.simulate;

import io.respawn.facts.ComponentId;
import io.respawn.facts.Require;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a simulation runs: for how long, with which seed, how long each component's
 * restart takes, which faults arrive, and whether a (simulated) operator steps in after a
 * give-up. Names are resolved against the map the spec was read with; a component
 * without a restart time of its own takes {@code defaultRestart}.
 *
 * @param source   where the spec was read from, for messages
 * @param restarts restart time per component: from the restart command to the process started again
 * @param operator after a give-up, how long until an operator acknowledges and restarts the group by hand
 *                 (fixing whatever the fault was); empty: nobody comes, the group stays down
 */
public record SimulationSpec(String source, long seed, Duration duration, Delay defaultRestart,
                             Map<ComponentId, Delay> restarts, List<FaultClass> faults,
                             Optional<Duration> operator) {
    public SimulationSpec {
        Require.notBlank("spec.source", source);
        Require.notNull("spec.duration", duration);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("spec.duration - must be greater than 0: " + duration);
        }
        Require.notNull("spec.defaultRestart", defaultRestart);
        restarts = Map.copyOf(Require.notNull("spec.restarts", restarts));
        faults = Require.list("spec.faults", faults);
        Require.notNull("spec.operator", operator);
    }

    /** How long a restart of {@code component} takes. */
    public Delay restartOf(ComponentId component) {
        return restarts.getOrDefault(component, defaultRestart);
    }

    /** The same spec with another seed (everything else kept). */
    public SimulationSpec withSeed(long other) {
        return new SimulationSpec(source, other, duration, defaultRestart, restarts, faults, operator);
    }

    /** The same spec run for another duration. */
    public SimulationSpec withDuration(Duration other) {
        return new SimulationSpec(source, seed, other, defaultRestart, restarts, faults, operator);
    }

    /** Restart times in a stable order, for printing. */
    public Map<ComponentId, Delay> restartsSorted() {
        Map<ComponentId, Delay> sorted = new LinkedHashMap<>();
        restarts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
