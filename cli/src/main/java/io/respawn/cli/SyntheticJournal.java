package io.respawn.cli;

import io.respawn.engine.journal.FsyncPolicy;
import io.respawn.engine.journal.Journal;
import io.respawn.engine.journal.Retention;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.MapInForce;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.Observation;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.FactLogWriter;
import io.respawn.facts.log.LogEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a synthetic journal for benchmarks: {@code components} components in groups of
 * ten under one root, all started at once, each beating every second (spread evenly over
 * the second) for {@code seconds}; every {@code crashEvery}-th second one component is
 * killed and started again 200 ms later, as an agent would after the restart decision.
 */
public final class SyntheticJournal {
    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    private SyntheticJournal() {
    }

    public static long write(Path file, int components, int seconds, int crashEvery) {
        long facts = 0;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             FactLogWriter log = new FactLogWriter(out)) {
            log.append(new MapInForce("m1", T0, "synthetic.yaml", map(components)));
            long[] pid = new long[components];
            long[] seq = new long[components];
            for (int c = 0; c < components; c++) {
                pid[c] = 1000 + c;
                log.append(new ProcessStarted("s" + c, T0, id(c), "n1", pid[c], null, null));
                facts++;
            }
            long n = 0;
            int restarting = -1;
            Instant restartAt = null;
            for (int s = 1; s <= seconds; s++) {
                int victim = crashEvery > 0 && s % crashEvery == 0 ? (s / crashEvery * 7919) % components : -1;
                for (int c = 0; c < components; c++) {
                    Instant at = T0.plusMillis(s * 1000L + (c * 1000L) / components);
                    if (restarting >= 0 && !at.isBefore(restartAt)) {
                        log.append(new ProcessStarted("r" + n, restartAt, id(restarting), "n1", pid[restarting], null,
                                null));
                        facts++;
                        restarting = -1;
                    }
                    if (c == restarting) {
                        continue;
                    }
                    log.append(new Heartbeat("h" + (n++), at, id(c), "n1:" + pid[c], HeartbeatStatus.OK, ++seq[c],
                            null));
                    facts++;
                    if (c == victim) {
                        log.append(new ProcessExited("x" + s, at, id(c), "n1", pid[c], null, 9, false, null));
                        pid[c] += components;
                        seq[c] = 0;
                        restarting = c;
                        restartAt = at.plusMillis(200);
                        facts++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + " - cannot write synthetic journal", e);
        }
        return facts + 1;
    }

    /**
     * Writes {@code facts} facts of the synthetic journal ({@code components} components,
     * a kill every 5 s) through an engine journal at {@code journal}, as the live engine
     * does, checkpoints every {@code checkpointEvery} facts included; returns the facts
     * written. The plain log it is made from is written beside it and deleted.
     */
    public static long throughJournal(Path journal, int components, long facts, long checkpointEvery) {
        Path synthetic = journal.resolveSibling("synthetic.jsonl");
        try {
            Files.createDirectories(journal.getParent());
            int seconds = (int) Math.max(1, (facts + components - 1) / components);
            write(synthetic, components, seconds, 5);
            long count = 0;
            Journal.Settings settings = new Journal.Settings(FsyncPolicy.NEVER, Journal.Settings.DEFAULT_SEGMENT_BYTES,
                    Retention.ALL, checkpointEvery);
            try (Journal target = Journal.open(journal, settings);
                 FactLogReader reader = FactLogReader.open(synthetic)) {
                List<Observation> batch = new ArrayList<>();
                LogEntry entry;
                while ((entry = reader.next()) != null && count < facts) {
                    batch.add(entry.fact());
                    count++;
                    if (batch.size() == 100) {
                        target.write(batch);
                        batch.clear();
                    }
                }
                target.write(batch);
            }
            Files.delete(synthetic);
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(journal + " - cannot write synthetic journal", e);
        }
    }

    private static ComponentId id(int c) {
        return ComponentId.of("c" + c);
    }

    private static String map(int components) {
        StringBuilder yaml = new StringBuilder("""
                version: 1
                defaults:
                  node: n1
                  startupGrace: 2s
                  heartbeat: {interval: 1s, timeout: 3s}
                  cureWindow: 10s
                root:
                  group: root
                  children:
                """);
        for (int c = 0; c < components; c++) {
            if (c % 10 == 0) {
                yaml.append("    - group: g").append(c / 10).append("\n      children:\n");
            }
            yaml.append("        - component: c").append(c).append("\n          command: [sleep, \"86400\"]\n");
        }
        return yaml.toString();
    }
}
