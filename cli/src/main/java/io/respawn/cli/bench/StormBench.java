package io.respawn.cli.bench;

import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.facts.Alert;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Decision;
import io.respawn.facts.MapInForce;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.Restart;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.RestartResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code respawn bench storm}: a restart storm through the rules. Every component of a
 * synthetic map fails at one moment; the benchmark plays the agents, reporting each
 * restart's outcome (oldest first, 10 ms apart on the journal clock) until every group has
 * been restarted, and measures the engine's wall and CPU time for the storm (the failures
 * in, a decision for each out) and for the whole (every restart decided). It counts the
 * restarts in flight itself and fails if the budget was ever exceeded, a group was
 * restarted twice or not at all.
 */
@Command(name = "storm", mixinStandardHelpOptions = true,
        description = {"Measures a restart storm: N components fail at one moment; prints the engine's time to",
            "decide every restart with the restart budget honoured (median and range over runs)."})
public final class StormBench implements Callable<Integer> {
    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");
    private static final long STORM_MS = 1_000;
    private static final long OUTCOME_EVERY_MS = 10;

    @Option(names = "--components", defaultValue = "1000", description = "Components failing (default ${DEFAULT-VALUE}).")
    int components;

    @Option(names = "--per-group", defaultValue = "1",
            description = "Components per group below the root (default ${DEFAULT-VALUE}: each alone in its group).")
    int perGroup;

    @Option(names = "--budget", defaultValue = "8", description = "restartBudget.inFlight of the map (default ${DEFAULT-VALUE}).")
    int budget;

    @Option(names = "--mass-failure", defaultValue = "none", paramLabel = "none|{window: D, threshold: N}",
            description = "massFailure of the map (default ${DEFAULT-VALUE}: every group restarted on its own).")
    String massFailure;

    @Option(names = "--warmup", defaultValue = "2", description = "Runs not measured (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--rules", paramLabel = "DIR", description = "Directory of .drl files instead of the default rules.")
    Path rules;

    @Spec
    CommandSpec spec;

    /** One run's figures; times in nanoseconds. */
    record Run(long stormWall, long stormCpu, long allWall, long allCpu, int stormRestarts, int restarts, int alerts,
               int maxInFlight) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        int groups = (components + perGroup - 1) / perGroup;
        out.printf(Locale.ROOT, "storm: %d components in %d groups fail at once; restart budget %d; massFailure %s%n",
                components, groups, budget, massFailure);
        out.printf(Locale.ROOT, "load: %s%n", load());
        out.flush();
        RuleBase ruleBase = RuleBase.load(rules);
        List<Run> measured = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            Run run = run(ruleBase, groups);
            boolean counted = i >= warmup;
            if (counted) {
                measured.add(run);
            }
            out.printf(Locale.ROOT, "%s %d: storm %d failures -> %d restarts + %d waiting in %.1f ms (cpu %.1f ms);"
                            + " all %d restarts decided in %.1f ms (cpu %.1f ms); max in flight %d%n",
                    counted ? "run" : "warm-up", i + 1, components, run.stormRestarts(), run.alerts(),
                    ms(run.stormWall()), ms(run.stormCpu()), run.restarts(), ms(run.allWall()), ms(run.allCpu()),
                    run.maxInFlight());
            out.flush();
        }
        out.printf(Locale.ROOT, "storm (failures in, a decision each): %s%n", summary(measured, Run::stormWall));
        out.printf(Locale.ROOT, "every restart decided: %s; cpu %s%n", summary(measured, Run::allWall),
                summary(measured, Run::allCpu));
        out.printf(Locale.ROOT, "budget honoured: max in flight %d (budget %d); load after: %s%n",
                measured.stream().mapToInt(Run::maxInFlight).max().orElse(0), budget, load());
        return 0;
    }

    private Run run(RuleBase ruleBase, int groups) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Decision> decisions = new ArrayList<>();
        try (Oracle oracle = new Oracle(ruleBase, null)) {
            oracle.addListener(decisions::add);
            oracle.accept(new MapInForce("m1", T0, "storm.yaml", map(groups)));
            for (int c = 1; c <= components; c++) {
                oracle.accept(new ProcessStarted("s" + c, T0, component(c), "n1", c, null, null));
            }
            long wall0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            Instant storm = T0.plusMillis(STORM_MS);
            for (int c = 1; c <= components; c++) {
                oracle.accept(new ProcessExited("e" + c, storm, component(c), "n1", c, null, 9, false, null));
            }
            long stormWall = System.nanoTime() - wall0;
            long stormCpu = threads.getCurrentThreadCpuTime() - cpu0;
            int alerts = (int) decisions.stream().filter(d -> d instanceof Alert).count();
            int stormRestarts = (int) decisions.stream().filter(d -> d instanceof Restart).count();
            int maxInFlight = drain(oracle, decisions, groups);
            long allWall = System.nanoTime() - wall0;
            long allCpu = threads.getCurrentThreadCpuTime() - cpu0;
            int restarts = (int) decisions.stream().filter(d -> d instanceof Restart).count();
            return new Run(stormWall, stormCpu, allWall, allCpu, stormRestarts, restarts, alerts, maxInFlight);
        }
    }

    /**
     * Plays the agents: reports the outcome of the oldest restart in flight, one every 10 ms
     * of journal time, until none is left. Returns the most restarts ever in flight.
     */
    private int drain(Oracle oracle, List<Decision> decisions, int groups) {
        Deque<Restart> inFlight = new ArrayDeque<>();
        Set<String> restarted = new HashSet<>();
        int seen = 0;
        int max = 0;
        Instant at = T0.plusMillis(STORM_MS);
        while (true) {
            for (; seen < decisions.size(); seen++) {
                if (decisions.get(seen) instanceof Restart r) {
                    if (!restarted.add(r.group().name())) {
                        throw new IllegalStateException(r.group() + " - restarted twice in one storm: " + r.id());
                    }
                    inFlight.add(r);
                    max = Math.max(max, inFlight.size());
                }
            }
            if (max > budget) {
                throw new IllegalStateException("restart budget exceeded: " + max + " in flight (budget " + budget + ")");
            }
            Restart done = inFlight.poll();
            if (done == null) {
                break;
            }
            at = at.plusMillis(OUTCOME_EVERY_MS);
            oracle.accept(new RestartOutcome("o-" + done.group(), at, done.id(), done.group(),
                    RestartResult.SUCCEEDED, OUTCOME_EVERY_MS, List.of(), "", at));
        }
        boolean blames = !"none".equals(massFailure.strip());
        if (!blames && restarted.size() != groups) {
            throw new IllegalStateException("not every group was restarted: " + restarted.size() + " of " + groups);
        }
        return max;
    }

    private String map(int groups) {
        StringBuilder yaml = new StringBuilder()
                .append("version: 1\n")
                .append("defaults: {node: n1, startupGrace: 2s, cureWindow: 10s}\n")
                .append("restartBudget: {inFlight: ").append(budget).append(", timeout: 60s}\n")
                .append("massFailure: ").append(massFailure).append('\n')
                .append("root:\n  group: root\n  children:\n");
        int c = 0;
        for (int g = 1; g <= groups; g++) {
            yaml.append("    - group: g").append(g).append("\n      children:\n");
            for (int i = 0; i < perGroup && c < components; i++) {
                yaml.append("        - {component: c").append(++c).append(", command: [sleep, \"86400\"]}\n");
            }
        }
        return yaml.toString();
    }

    private static ComponentId component(int c) {
        return ComponentId.of("c" + c);
    }

    private static String summary(List<Run> runs, java.util.function.ToLongFunction<Run> figure) {
        List<Long> values = new ArrayList<>(runs.stream().map(figure::applyAsLong).toList());
        Collections.sort(values);
        return String.format(Locale.ROOT, "median %.1f ms (range %.1f-%.1f ms, %d runs)", ms(values.get(values.size() / 2)),
                ms(values.get(0)), ms(values.get(values.size() - 1)), values.size());
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
    private static String load() {
        try {
            String[] avg = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.format(Locale.ROOT, "load average %s, %s, %s on %d cpus", avg[0], avg[1], avg[2],
                    Runtime.getRuntime().availableProcessors());
        } catch (IOException | RuntimeException e) {
            return "load average unknown (" + e.getMessage() + ")";
        }
    }
}
