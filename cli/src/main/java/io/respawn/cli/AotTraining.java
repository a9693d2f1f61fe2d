package io.respawn.cli;

import io.respawn.engine.journal.Journal;
import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.service.WarmUp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The training run behind {@code respawn aot}: what an engine does when it starts, in a
 * JVM that writes an AOT cache when it ends. It compiles the rules, rehearses as the engine
 * does, writes a synthetic journal of {@value #COMPONENTS} components (a kill every 5 s,
 * checkpoints) through the journal as the live engine does, and recovers it into a new
 * rule session. Its last checkpoint is 90,000 facts before its end, a tail as long as the
 * default {@code --checkpoint-every} allows, so the recovery trained is the one that costs
 * most (trained on a 20,000-fact tail, a 1,000-component recovery took 2.15 s instead of
 * 1.7–1.9 s; docs/BENCHMARKS.md). The journal is not the one the engine will recover, so
 * the cache holds no state: only the classes and the method profiles of that work.
 */
public final class AotTraining {
    static final int COMPONENTS = 2_000;
    static final long FACTS = 290_000;
    static final long CHECKPOINT_EVERY = 100_000;

    private AotTraining() {
    }

    /** {@code RULES_DIR|default}. */
    public static void main(String[] args) throws IOException {
        long began = System.nanoTime();
        RuleBase rules = RuleOptions.load(Path.of(args[0]));
        step(1, "rules compiled", began);
        long at = System.nanoTime();
        WarmUp.run(rules, Duration.ofSeconds(2));
        step(2, "rehearsal", at);
        Path dir = Files.createTempDirectory("respawn-aot-");
        try {
            at = System.nanoTime();
            Path journal = dir.resolve("journal.jsonl");
            long written = SyntheticJournal.throughJournal(journal, COMPONENTS, FACTS, CHECKPOINT_EVERY);
            step(3, String.format(Locale.ROOT, "a synthetic journal of %,d facts (%,d components) written", written,
                    COMPONENTS), at);
            at = System.nanoTime();
            try (Oracle oracle = new Oracle(rules, null); Journal open = Journal.open(journal)) {
                Journal.Recovered read = open.recover(oracle::accept, oracle::restore);
                step(4, String.format(Locale.ROOT, "recovered %,d facts (%,d from the checkpoint)", read.facts(),
                        read.fromCheckpoint()), at);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (UncheckedIOException e) {
                // a temporary directory left behind is not worth failing the training for
            }
        }
    }

    private static void step(int n, String what, long since) {
        System.out.printf(Locale.ROOT, "aot: training %d/4: %s in %.1f s%n", n, what,
                (System.nanoTime() - since) / 1e9);
        System.out.flush();
    }
}
