package io.respawn.engine.advise;

import io.respawn.engine.simulate.SimulationResult;
import io.respawn.facts.ComponentId;
import java.util.List;
import java.util.Optional;

/**
 * One proposed edit of the restart map, with the evidence for it and what simulating the
 * current and the proposed map on the same faults gave.
 *
 * @param subjects     the components it moves
 * @param evidence     plain sentences, each a measurement from the journal
 * @param proposedYaml the whole proposed map
 * @param diff         a unified diff from the current map to the proposed one (both in normal form)
 * @param before       the current map simulated; empty if no estimate was made
 * @param after        the proposed map simulated on the same faults
 */
public record Proposal(Kind kind, String title, List<ComponentId> subjects, List<String> evidence,
                       String proposedYaml, String diff, Optional<SimulationResult> before,
                       Optional<SimulationResult> after) {
    /** The three edits of Candea et al., DSN 2002. */
    public enum Kind {
        /** A component that fails often gets a group of its own, out of a slow group. */
        DEPTH_AUGMENTATION("depth augmentation"),
        /** Components that fail together move into one group. */
        CONSOLIDATION("group consolidation"),
        /** A component rarely cured by its own group's restart moves up to where restarts cure it. */
        PROMOTION("node promotion");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public Proposal {
        subjects = List.copyOf(subjects);
        evidence = List.copyOf(evidence);
    }

    Proposal estimated(SimulationResult current, SimulationResult proposed) {
        return new Proposal(kind, title, subjects, evidence, proposedYaml, diff, Optional.of(current),
                Optional.of(proposed));
    }
}
