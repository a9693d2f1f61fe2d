package io.respawn.cli;

import io.respawn.engine.advise.Advice;
import io.respawn.engine.advise.AdviceReport;
import io.respawn.engine.advise.Advisor;
import io.respawn.engine.advise.Thresholds;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.facts.map.Durations;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code respawn advise LOG}: measures a journal and proposes edits of the restart tree, applying none. */
@Command(name = "advise", mixinStandardHelpOptions = true,
        description = {"Measures a recorded journal (or a simulation's fact log): restart times, cure rate at",
            "each level, co-failures; proposes edits of the restart map (depth augmentation, group",
            "consolidation, node promotion) with the evidence and the change in recovery time simulated on",
            "the same faults. Changes nothing; --write FILE writes the proposed map to a new file."})
final class AdviseCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LOG", description = "The journal or fact log to measure.")
    Path log;

    @Option(names = "--rules", paramLabel = "DIR", description = "Directory of .drl files instead of the default rules.")
    Path rules;

    @Option(names = "--window", paramLabel = "TIME", defaultValue = "2s",
            description = "Failures this close count as a co-failure (default ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--simulate", paramLabel = "TIME", defaultValue = "12h",
            description = "Simulated time per estimate (default ${DEFAULT-VALUE}); 0s: no estimate.")
    String simulate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the estimates (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--write", paramLabel = "FILE",
            description = "Write the map with every proposal applied to FILE, a new file (never the map in use).")
    Path write;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        Thresholds thresholds = Thresholds.defaults().withCoFailWindow(Durations.parse(window));
        Advice advice = Advisor.advise(log, RuleBase.load(rules),
                new Advisor.Settings(thresholds, seed, Durations.parse(simulate)));
        out.print(AdviceReport.of(advice));
        if (write != null) {
            if (advice.combinedYaml().isEmpty()) {
                out.println("nothing written to " + write + ": there is no proposal");
            } else {
                Files.writeString(write, "# Proposed by respawn advise from " + log + "; review before use.\n"
                        + advice.combinedYaml().get(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                out.println("proposed map written to " + write);
            }
        }
        out.flush();
        return 0;
    }
}
