package io.respawn.cli;

import io.respawn.cli.bench.StormBench;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.replay.Replay;
import io.respawn.engine.replay.ReplaySummary;
import io.respawn.facts.log.FactLogReader;
import java.io.IOException;
import com.sun.management.OperatingSystemMXBean;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code respawn bench}: replay throughput of a synthetic journal, JSON parsing included;
 * its subcommands measure live ingest ({@link IngestBench}), heap per component
 * ({@link MemoryBench}), a restart storm ({@link StormBench}) and recovery time
 * ({@link io.respawn.cli.bench.RecoveryBench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {IngestBench.class, MemoryBench.class, StormBench.class, io.respawn.cli.bench.RecoveryBench.class},
        description = {"Measures replay throughput: writes a synthetic journal (components beating at 1 Hz,",
            "a crash now and then), replays it through the rules after warm-up runs, and prints facts/s.",
            "'bench ingest' measures live ingest from simulated agents, 'bench memory' heap per component."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--components", defaultValue = "1000", description = "Components (default ${DEFAULT-VALUE}).")
    int components;

    @Option(names = "--seconds", defaultValue = "60", description = "Recorded seconds (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--crash-every", defaultValue = "5", description = "Kill one component every N seconds (default ${DEFAULT-VALUE}).")
    int crashEvery;

    @Option(names = "--warmup", defaultValue = "1", description = "Runs not measured (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--rules", paramLabel = "DIR", description = "Directory of .drl files instead of the default rules.")
    Path rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path journal = Files.createTempFile("respawn-bench-", ".jsonl");
        try {
            long facts = SyntheticJournal.write(journal, components, seconds, crashEvery);
            out.printf(Locale.ROOT, "journal: %d components, %d s, %d facts, %d MB%n", components, seconds, facts,
                    Files.size(journal) >> 20);
            out.flush();
            Replay replay = new Replay(RuleBase.load(rules), null,
                    FactLogReader.BadLines.STOP);
            List<Double> rates = new ArrayList<>();
            List<Double> cpuRates = new ArrayList<>();
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            for (int i = 0; i < warmup + runs; i++) {
                long cpuBefore = os.getProcessCpuTime();
                ReplaySummary s = replay.run(journal, d -> { }, e -> { });
                long cpuNanos = os.getProcessCpuTime() - cpuBefore;
                double rate = s.facts() / (s.wall().toNanos() / 1e9);
                double cpuRate = s.facts() / (cpuNanos / 1e9);
                boolean measured = i >= warmup;
                if (measured) {
                    rates.add(rate);
                    cpuRates.add(cpuRate);
                }
                out.printf(Locale.ROOT, "%s %d: %d facts, %d decisions in %d ms = %.0f facts/s (%.0f per CPU-second"
                        + " of the JVM)%n", measured ? "run" : "warm-up", i + 1, s.facts(), s.decisions(),
                        s.wall().toMillis(), rate, cpuRate);
                out.flush();
            }
            Collections.sort(rates);
            Collections.sort(cpuRates);
            out.printf(Locale.ROOT, "median %.0f facts/s over %d runs (%.0f per CPU-second of the JVM)%n",
                    rates.get(rates.size() / 2), rates.size(), cpuRates.get(cpuRates.size() / 2));
            return 0;
        } finally {
            Files.deleteIfExists(journal);
        }
    }
}
