package io.respawn.engine.advise;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.simulate.Simulation;
import io.respawn.engine.simulate.SimulationResult;
import io.respawn.engine.simulate.SimulationSpec;
import io.respawn.facts.map.MapException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The restart-tree advisor: measures a fact log (a journal, or a simulation's log), finds
 * the edits of the restart map the measurements call for, and estimates each by simulating
 * the current and the proposed map on the same faults (a spec built from the measurements,
 * one seed). It only proposes: the caller shows the proposals and writes a map only when
 * asked to.
 */
public final class Advisor {
    /**
     * How to advise.
     *
     * @param seed     the seed of the estimating simulations
     * @param simulate how much simulated time each estimate runs; zero: no estimate
     */
    public record Settings(Thresholds thresholds, long seed, Duration simulate) {
        public static Settings defaults() {
            return new Settings(Thresholds.defaults(), 1, Duration.ofHours(12));
        }
    }

    private Advisor() {
    }

    public static Advice advise(Path log, RuleBase rules, Settings settings) {
        Measurements m = JournalStudy.of(log, rules);
        String source = m.map().source();
        SimulationSpec spec = EstimateSpec.of(m, settings.thresholds(), settings.seed(),
                settings.simulate().isZero() ? Duration.ofHours(1) : settings.simulate());
        boolean estimate = !settings.simulate().isZero();
        Optional<SimulationResult> current = estimate ? Optional.of(simulate(rules, m.mapYaml(), source, spec))
                : Optional.empty();
        String normal = MapEdit.of(m.mapYaml()).text();
        List<Proposal> proposals = new ArrayList<>();
        List<String> notApplied = new ArrayList<>();
        List<UnaryOperator<MapEdit>> applied = new ArrayList<>();
        for (Proposals.Candidate c : Proposals.find(m, settings.thresholds())) {
            String proposed;
            try {
                proposed = Proposals.apply(m.mapYaml(), source, List.of(c.edit()));
            } catch (IllegalStateException | NoSuchElementException e) {
                notApplied.add(c.kind().words() + ": " + c.title() + " - " + e.getMessage());
                continue;
            }
            Proposal p = new Proposal(c.kind(), c.title(), c.subjects(), c.evidence(), proposed,
                    diff(normal, proposed, source), Optional.empty(), Optional.empty());
            if (estimate) {
                p = p.estimated(current.orElseThrow(), simulate(rules, proposed, source + " (proposed)", spec));
            }
            proposals.add(p);
            List<UnaryOperator<MapEdit>> with = new ArrayList<>(applied);
            with.add(c.edit());
            try {
                Proposals.apply(m.mapYaml(), source, with);
                applied.add(c.edit());
            } catch (IllegalStateException | IllegalArgumentException | NoSuchElementException e) {
                notApplied.add(c.kind().words() + ": " + c.title() + " - not combined with the proposals before it: "
                        + e.getMessage());
            }
        }
        Optional<String> combinedYaml = applied.isEmpty() ? Optional.empty()
                : Optional.of(Proposals.apply(m.mapYaml(), source, applied));
        Optional<SimulationResult> combined = estimate && applied.size() > 1
                ? combinedYaml.map(y -> simulate(rules, y, source + " (all proposals)", spec)) : Optional.empty();
        return new Advice(m, settings.thresholds(), spec, current, proposals, notApplied, combinedYaml, combined);
    }

    /** A unified diff from {@code current} to {@code proposed}, two lines of context. */
    static String diff(String current, String proposed, String name) {
        List<String> a = current.lines().toList();
        List<String> b = proposed.lines().toList();
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(name, name + " (proposed)", a,
                DiffUtils.diff(a, b), 2)) + "\n";
    }

    private static SimulationResult simulate(RuleBase rules, String yaml, String source, SimulationSpec spec) {
        try {
            return Simulation.run(rules, yaml, source, spec, null);
        } catch (MapException e) {
            throw new IllegalStateException(source + " - the map does not load:\n" + e.getMessage(), e);
        }
    }
}
