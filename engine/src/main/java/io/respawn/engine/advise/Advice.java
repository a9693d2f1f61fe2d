package io.respawn.engine.advise;

import io.respawn.engine.simulate.SimulationResult;
import io.respawn.engine.simulate.SimulationSpec;
import java.util.List;
import java.util.Optional;

/**
 * What the advisor found in a journal.
 *
 * @param thresholds  when an edit was proposed
 * @param spec        the simulation spec built from the measurements, used for every estimate
 * @param proposals   the edits proposed, each with its evidence, diff and estimate
 * @param notApplied  edits called for that could not be made safely, with why
 * @param combinedYaml the current map with every proposal applied in order (empty when there is none)
 * @param combined    the combined map simulated on the same faults
 */
public record Advice(Measurements measurements, Thresholds thresholds, SimulationSpec spec, Optional<SimulationResult> current,
                     List<Proposal> proposals, List<String> notApplied, Optional<String> combinedYaml,
                     Optional<SimulationResult> combined) {
    public Advice {
        proposals = List.copyOf(proposals);
        notApplied = List.copyOf(notApplied);
    }
}
