package io.respawn.cli.bench;

import io.respawn.cli.SyntheticJournal;
import io.respawn.cli.ThisJvm;
import io.respawn.engine.journal.Journal;
import io.respawn.engine.journal.JournalReader;
import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.service.EngineService;
import io.respawn.engine.service.Standby;
import io.respawn.engine.service.WarmUp;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.LogEntry;
import io.respawn.facts.map.Durations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code respawn bench recovery}: how long an engine takes to recover from a journal.
 * Writes a synthetic journal (components beating at 1 Hz, one killed and started again
 * every 5 s) through the journal as the live engine does, checkpoints included, then
 * recovers from it in a fresh JVM per run, so every figure is a cold start as after a
 * crash. Each run does what the engine does when it starts (the rules, the recovery and
 * the rehearsal, in the order and measure {@link WarmUp} gives for the journal) and reports
 * the JVM's start-up, loading the rules, the recovery itself (the checkpoint and the tail
 * applied to a new oracle), with the CPU time the recovery used in all and on the thread
 * applying the facts, the rehearsal, and the time from the JVM's start to the end of both;
 * {@code --full} also times a replay of every segment, as
 * recovery without checkpoints would be; {@code --standby} times the recovery a standby
 * engine makes when it takes over, after its rehearsal. The recovering JVMs get this JVM's options (an AOT
 * cache, a heap size).
 */
@Command(name = "recovery", mixinStandardHelpOptions = true,
        description = {"Measures recovery: writes a synthetic journal with checkpoints, then recovers from it in a",
            "fresh JVM per run and prints JVM start-up, rule loading and recovery times."})
public final class RecoveryBench implements Callable<Integer> {
    @Option(names = "--facts", defaultValue = "1000000", description = "Facts in the journal (default ${DEFAULT-VALUE}).")
    long facts;

    @Option(names = "--components", defaultValue = "10000", description = "Components (default ${DEFAULT-VALUE}).")
    int components;

    @Option(names = "--runs", defaultValue = "3", description = "Recoveries, each in a fresh JVM (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--checkpoint-every", defaultValue = "100000",
            description = "Facts between checkpoints while the journal is written (default ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(names = "--full", description = "Also time a replay of every segment without the checkpoint.")
    boolean full;

    @Option(names = "--rules", paramLabel = "DIR", description = "Directory of .drl files instead of the default rules.")
    Path rules;

    @Option(names = "--standby",
            description = "Recover as a standby engine takes over: after its rehearsal of the journal's recovery"
                    + " (`respawn engine --standby`), which is reported as the warm-up.")
    boolean standby;

    @Option(names = "--warm-up", paramLabel = "DURATION", defaultValue = "1s",
            description = "The engine's rehearsal around the recovery, as `respawn engine --warm-up`"
                    + " (default ${DEFAULT-VALUE}).")
    String warmUp;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("respawn-bench-recovery-");
        try {
            Path journal = dir.resolve("journal").resolve("journal.jsonl");
            long written = SyntheticJournal.throughJournal(journal, components, facts, checkpointEvery);
            out.printf(Locale.ROOT, "journal: %d facts, %d components, %d segments, %d MB, checkpoint every %d facts%n",
                    written, components, JournalReader.segments(journal).size(), size(journal.getParent()) >> 20,
                    checkpointEvery);
            out.flush();
            List<Run> recoveries = new ArrayList<>();
            List<Run> replays = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                Run run = child(journal, standby ? "standby" : "recover");
                recoveries.add(run);
                out.printf(Locale.ROOT, "run %d: %s%n", i, run);
                out.flush();
                if (full) {
                    Run replay = child(journal, "full");
                    replays.add(replay);
                    out.printf(Locale.ROOT, "run %d, full replay: %s%n", i, replay);
                    out.flush();
                }
            }
            summary(out, standby ? "take-over recovery" : "recovery", recoveries);
            if (full) {
                summary(out, "full replay", replays);
            }
            return 0;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** One recovery's figures, in milliseconds. */
    record Run(long jvmMs, long rulesMs, long warmUpMs, long recoveryMs, long facts, long fromCheckpoint,
               long decisions, long cpuMs, long applyCpuMs, long resumedMs) {
        static Run parse(String line) {
            long[] f = java.util.Arrays.stream(line.trim().split(" ")).mapToLong(Long::parseLong).toArray();
            return new Run(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "JVM up %d ms, rules loaded %d ms, recovery %d ms (%d facts, %d"
                    + " from the checkpoint, %d decisions; CPU %d ms in all, %d ms on the applying thread), warm-up"
                    + " %d ms; resumed %d ms after the JVM started",
                    jvmMs, rulesMs, recoveryMs, facts, fromCheckpoint, decisions, cpuMs, applyCpuMs, warmUpMs,
                    resumedMs);
        }
    }

    private Run child(Path journal, String mode) throws IOException, InterruptedException {
        List<String> command = ThisJvm.command(option -> true, List.of(), Child.class.getName(),   // an AOT cache too
                List.of(journal.toString(), mode, rules == null ? "-" : rules.toString(), warmUp));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String last = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("result ")) {
                    last = line.substring("result ".length());
                }
            }
        }
        int code = process.waitFor();
        if (code != 0 || last == null) {
            throw new IllegalStateException("bench recovery - the recovering JVM failed: exit code " + code);
        }
        return Run.parse(last);
    }

    private static void summary(PrintWriter out, String what, List<Run> runs) {
        out.printf(Locale.ROOT, "%s: median %s over %d runs; applying thread CPU median %s; JVM start-up median %d ms,"
                        + " rule loading median %d ms, warm-up median %d ms; resumed after the JVM started: median %s%n",
                what, spread(runs, Run::recoveryMs), runs.size(), spread(runs, Run::applyCpuMs),
                median(runs, Run::jvmMs), median(runs, Run::rulesMs), median(runs, Run::warmUpMs),
                spread(runs, Run::resumedMs));
        out.flush();
    }

    private static long median(List<Run> runs, ToLongFunction<Run> figure) {
        long[] sorted = runs.stream().mapToLong(figure).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** {@code 123 ms (range 100-150)}. */
    private static String spread(List<Run> runs, ToLongFunction<Run> figure) {
        long[] sorted = runs.stream().mapToLong(figure).sorted().toArray();
        return String.format(Locale.ROOT, "%d ms (range %d-%d)", sorted[sorted.length / 2], sorted[0],
                sorted[sorted.length - 1]);
    }

    /**
     * The recovering JVM, started with {@code JOURNAL recover|standby|full RULES_DIR|- WARM_UP}: prints {@code result JVM_MS
     * RULES_MS WARM_UP_MS RECOVERY_MS FACTS FROM_CHECKPOINT DECISIONS CPU_MS APPLY_CPU_MS RESUMED_MS}.
     */
    public static final class Child {
        private Child() {
        }

        public static void main(String[] args) {
            long mainAt = System.currentTimeMillis();
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            long jvmMs = mainAt - jvmStart;
            Path journal = Path.of(args[0]);
            boolean full = args[1].equals("full");
            boolean standby = args[1].equals("standby");
            long t0 = System.nanoTime();
            RuleBase rules = RuleBase.load(args[2].equals("-") ? null : Path.of(args[2]));
            long t1 = System.nanoTime();
            Duration budget = Durations.parse(args[3]);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long[] decisions = {0};
            long bytes;
            long firings;
            long facts;
            long fromCheckpoint = 0;
            long rehearsedBefore = 0;
            long cpu0;
            long apply0;
            if (standby) {
                long rehearsal = System.nanoTime();
                Standby.rehearse(new EngineService.Settings(journal, rules, null, null, null, Duration.ofSeconds(1))
                        .withWarmUp(budget), () -> null);                        // as a standby does, then waits
                rehearsedBefore = System.nanoTime() - rehearsal;
            }
            try (Oracle oracle = new Oracle(rules, null);
                 Journal open = full ? null : Journal.open(journal)) {
                bytes = full ? segmentBytes(journal) : open.bytesToRecover();
                if (!standby) {
                    long rehearsal = System.nanoTime();
                    WarmUp.beforeRecovery(rules, budget, bytes);                // as the engine does
                    rehearsedBefore = System.nanoTime() - rehearsal;
                }
                cpu0 = os.getProcessCpuTime();
                apply0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                oracle.addListener(d -> decisions[0]++);
                if (full) {
                    facts = 0;
                    try (JournalReader reader = JournalReader.open(List.of(journal), FactLogReader.BadLines.SKIP,
                            e -> { })) {
                        LogEntry entry;
                        while ((entry = reader.next()) != null) {
                            oracle.accept(entry.fact());
                            facts++;
                        }
                    }
                } else {
                    Journal.Recovered read = open.recover(oracle::accept, oracle::restore);
                    facts = read.facts();
                    fromCheckpoint = read.fromCheckpoint();
                }
                firings = oracle.firings();
            }
            long t3 = System.nanoTime();
            long applyMs = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - apply0) / 1_000_000;
            long cpuMs = (os.getProcessCpuTime() - cpu0) / 1_000_000;
            if (!standby) {
                WarmUp.afterRecovery(rules, budget, bytes, firings);             // as the engine does
            }
            long warmUpMs = (rehearsedBefore + System.nanoTime() - t3) / 1_000_000;
            long resumedMs = System.currentTimeMillis() - jvmStart;
            long recoveryMs = (t3 - t1 - rehearsedBefore) / 1_000_000;   // the session and the journal opened too
            System.out.printf(Locale.ROOT, "result %d %d %d %d %d %d %d %d %d %d%n", jvmMs, (t1 - t0) / 1_000_000,
                    warmUpMs, recoveryMs, facts, fromCheckpoint, decisions[0], cpuMs, applyMs, resumedMs);
            System.exit(0);
        }

        /** The bytes of every segment of {@code journal}, which a full replay reads. */
        private static long segmentBytes(Path journal) {
            return JournalReader.segments(journal).stream().mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
