package io.respawn.cli;

import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.simulate.Simulation;
import io.respawn.engine.simulate.SimulationReport;
import io.respawn.engine.simulate.SimulationResult;
import io.respawn.engine.simulate.SimulationSpec;
import io.respawn.engine.simulate.SpecReader;
import io.respawn.facts.log.FactLogWriter;
import io.respawn.facts.map.Durations;
import io.respawn.facts.map.RestartMap;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code respawn simulate}: a restart map and the rules against simulated components, in simulated time. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Runs a restart map and the rules against simulated components in simulated time:",
            "restart times and faults come from a simulation spec (docs/simulation.md). Prints the time to",
            "recover per fault class (mean, p90, p99), restarts per level and give-ups. With --against-map",
            "and/or --against-rules, runs the same faults (same seed) a second time and compares."})
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--map", paramLabel = "FILE", required = true, description = "The restart map (YAML).")
    Path map;

    @Option(names = "--spec", paramLabel = "FILE", required = true, description = "The simulation spec (YAML).")
    Path spec;

    @Option(names = "--rules", paramLabel = "DIR", description = "Directory of .drl files instead of the default rules.")
    Path rules;

    @Option(names = "--against-map", paramLabel = "FILE", description = "A second map to run the same faults against.")
    Path againstMap;

    @Option(names = "--against-rules", paramLabel = "DIR", description = "Second rules to run the same faults against.")
    Path againstRules;

    @Option(names = "--seed", paramLabel = "N", description = "Seed to use instead of the spec's.")
    Long seed;

    @Option(names = "--duration", paramLabel = "TIME", description = "Simulated time to run instead of the spec's (e.g. 24h).")
    String duration;

    @Option(names = "--log", paramLabel = "FILE", description = "Write the fact log of the (first) run here; respawn replay reproduces it.")
    Path log;

    @Option(names = "--against-log", paramLabel = "FILE", description = "Write the fact log of the second run here.")
    Path againstLog;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        RestartMap reference = RestartMap.load(map);
        SimulationSpec s = SpecReader.load(spec, reference);
        if (seed != null) {
            s = s.withSeed(seed);
        }
        if (duration != null) {
            s = s.withDuration(Durations.parse(duration));
        }
        RuleBase rulesA = RuleBase.load(rules);
        SimulationResult a = run(rulesA, map, s, log);
        if (againstMap == null && againstRules == null) {
            out.print(SimulationReport.of(a));
        } else {
            Path mapB = againstMap != null ? againstMap : map;
            RuleBase rulesB = againstRules != null ? RuleBase.load(againstRules) : rulesA;
            out.print(SimulationReport.compare(a, run(rulesB, mapB, s, againstLog)));
        }
        out.flush();
        return 0;
    }

    private static SimulationResult run(RuleBase rules, Path map, SimulationSpec spec, Path log) throws Exception {
        String yaml = Files.readString(map, StandardCharsets.UTF_8);
        if (log == null) {
            return Simulation.run(rules, yaml, map.toString(), spec, null);
        }
        try (FactLogWriter writer = new FactLogWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            return Simulation.run(rules, yaml, map.toString(), spec, writer::append);
        } catch (UncheckedIOException e) {
            throw new IOException(log + " - cannot write the fact log: " + e.getCause().getMessage(), e);
        }
    }
}
