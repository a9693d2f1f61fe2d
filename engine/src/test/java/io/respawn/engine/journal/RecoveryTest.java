package io.respawn.engine.journal;

import static io.respawn.engine.journal.JournalFacts.T0;
import static io.respawn.engine.journal.JournalFacts.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.facts.AgentLink;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Decision;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.Observation;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.Tick;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.LogEntry;
import io.respawn.facts.log.CheckpointRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery from a checkpoint and the tail after it must leave the oracle exactly where a
 * replay of the whole journal leaves it: the same decisions with the same ids, the same
 * facts in the session, the same clock and next due time, the same heartbeat fold state.
 */
class RecoveryTest {
    private static final int COMPONENTS = 30;
    private static RuleBase rules;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileRules() {
        rules = RuleBase.defaults();
    }

    /** What an oracle ends with. */
    private record End(List<String> decisions, List<String> session, long now, long nextDue,
                       List<CheckpointRecord.Liveness> heartbeats, long heartbeatsIgnored) {
    }

    private static End replay(Consumer<Oracle> source) {
        try (Oracle oracle = new Oracle(rules, null)) {
            List<String> decisions = new ArrayList<>();
            oracle.addListener(d -> decisions.add(d.id() + " " + d.rule()));
            source.accept(oracle);
            List<String> session = new ArrayList<>();
            for (Object fact : oracle.facts(Object.class)) {
                session.add(String.valueOf(fact));
            }
            session.sort(Comparator.naturalOrder());
            return new End(decisions, session, oracle.now().toEpochMilli(), oracle.nextDueMillis(),
                    oracle.heartbeatState(), oracle.heartbeatsIgnored());
        }
    }

    private static End fullReplay(Path journal) {
        return replay(oracle -> {
            try (JournalReader reader = JournalReader.open(List.of(journal), FactLogReader.BadLines.STOP, e -> { })) {
                LogEntry entry;
                while ((entry = reader.next()) != null) {
                    oracle.accept(entry.fact());
                }
            }
        });
    }

    private static End recover(Path journal, Journal.Recovered[] read) {
        return replay(oracle -> {
            try (Journal open = Journal.open(journal, Journal.Settings.defaults())) {
                read[0] = open.recover(oracle::accept, oracle::restore);
            }
        });
    }

    private static List<String> checkpointLines(Path journal) {
        try {
            return Files.readAllLines(new Segments(journal).checkpoint(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long linesWith(List<String> lines, String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }

    private static long count(Path journal) {
        long facts = 0;
        try (JournalReader reader = JournalReader.open(List.of(journal), FactLogReader.BadLines.STOP, e -> { })) {
            while (reader.next() != null) {
                facts++;
            }
        }
        return facts;
    }

    @Test
    void checkpointAndTail_giveTheStateAndDecisionsOfAFullReplay() {
        Path file = dir.resolve("journal.jsonl");
        try (Journal journal = Journal.open(file, new Journal.Settings(FsyncPolicy.NEVER, 256 << 10, Retention.ALL,
                5_000))) {
            write(journal, 240);
        }
        End full = fullReplay(file);
        Journal.Recovered[] read = {null};
        End recovered = recover(file, read);
        assertThat(read[0].checkpointUsed()).isTrue();
        long total = count(file);
        long covered = total - read[0].fromSegments();
        assertThat(read[0].fromSegments()).as("tail after the last checkpoint").isLessThan(5_000);
        assertThat(read[0].fromCheckpoint()).as("every routine beat and tick dropped from " + covered + " facts")
                .isLessThan(covered / 10);
        List<String> checkpoint = checkpointLines(file);
        assertThat(linesWith(checkpoint, "\"type\":\"heartbeat\"")).as("only first beats and status changes")
                .isLessThanOrEqualTo(linesWith(checkpoint, "\"type\":\"process-started\"") + 2 * 240 / 40 + 2);
        assertThat(linesWith(checkpoint, "\"checkpoint\":\"heartbeat-silent\"")).as("the hangs' silences")
                .isGreaterThanOrEqualTo(covered / 30 / 23 - 1).isPositive();
        assertThat(linesWith(checkpoint, "\"checkpoint\":\"heartbeat-state\"")).isEqualTo(COMPONENTS);
        assertThat(full.decisions()).as("restarts, an escalation and a give-up")
                .hasSizeGreaterThan(8)
                .anyMatch(d -> d.contains(" RS-10 "))
                .anyMatch(d -> d.contains(" ESC-01 "))
                .anyMatch(d -> d.contains(" GU-01 "));
        assertThat(recovered.decisions()).isEqualTo(full.decisions());
        assertThat(recovered.session()).isEqualTo(full.session());
        assertThat(recovered.now()).isEqualTo(full.now());
        assertThat(recovered.nextDue()).isEqualTo(full.nextDue());
        assertThat(recovered.heartbeats()).isEqualTo(full.heartbeats());
        assertThat(recovered.heartbeatsIgnored()).isEqualTo(full.heartbeatsIgnored());
    }

    @Test
    void recoveryAfterRetentionRemovedOldSegments_stillMatchesAFullReplay() {
        Path file = dir.resolve("journal.jsonl");
        Path whole = dir.resolve("whole").resolve("journal.jsonl");
        Journal.Settings small = new Journal.Settings(FsyncPolicy.NEVER, 64 << 10, new Retention(1, null, null), 2_000);
        try (Journal journal = Journal.open(file, small);
             Journal copy = Journal.open(whole, new Journal.Settings(FsyncPolicy.NEVER, 64 << 10, Retention.ALL, 0))) {
            write(fact -> {
                journal.write(List.of(fact));
                copy.write(List.of(fact));
            }, 150);
        }
        assertThat(new Segments(file).sealed().firstKey()).as("old segments removed").isGreaterThan(1L);
        End full = fullReplay(whole);
        End recovered = recover(file, new Journal.Recovered[1]);
        assertThat(recovered).isEqualTo(full);
    }

    @Test
    void recoveryWithoutACheckpoint_replaysEverySegment() {
        Path file = dir.resolve("journal.jsonl");
        try (Journal journal = Journal.open(file, new Journal.Settings(FsyncPolicy.NEVER, 64 << 10, Retention.ALL, 0))) {
            write(journal, 60);
        }
        End full = fullReplay(file);
        Journal.Recovered[] read = {null};
        End recovered = recover(file, read);
        assertThat(read[0].checkpointUsed()).isFalse();
        assertThat(recovered).isEqualTo(full);
    }

    private static void write(Journal journal, int seconds) {
        write(fact -> journal.write(List.of(fact)), seconds);
    }

    /**
     * {@code seconds} of a node: every component beats each second; every 9 s one is killed
     * and started again 300 ms later; every 23 s one hangs for 5 s (its silence is a failure)
     * and is started again; one turns DEGRADED now and then; the agent's link drops for 2 s
     * at 100 s; the engine ticks every second.
     */
    private static void write(Consumer<Observation> out, int seconds) {
        List<Observation> facts = new ArrayList<>();
        long[] pid = new long[COMPONENTS];
        long[] seq = new long[COMPONENTS];
        long[] silentUntil = new long[COMPONENTS];
        long n = 0;
        for (int c = 0; c < COMPONENTS; c++) {
            pid[c] = 1000 + c;
            facts.add(new ProcessStarted("n1/i1/" + (++n), T0.plusMillis(c), id(c), "n1", pid[c], null, null));
        }
        for (int s = 1; s <= seconds; s++) {
            facts.add(new Tick("engine/1/" + s, T0.plusMillis(s * 1000L + 999)));
            if (s == 100) {
                facts.add(new AgentLink("engine/link/down", T0.plusMillis(s * 1000L + 500), "n1",
                        AgentLink.LinkState.DOWN));
                facts.add(new AgentLink("engine/link/up", T0.plusMillis(s * 1000L + 2500), "n1",
                        AgentLink.LinkState.UP));
            }
            int killed = s % 9 == 0 ? (s * 7) % COMPONENTS : -1;
            int hung = s % 23 == 0 ? (s * 11) % COMPONENTS : -1;
            for (int c = 0; c < COMPONENTS; c++) {
                long at = s * 1000L + c * 30L;
                if ((s >= 100 && s <= 102) || at < silentUntil[c]) {
                    continue;
                }
                HeartbeatStatus status = c == 4 && s % 40 >= 30 ? HeartbeatStatus.DEGRADED : HeartbeatStatus.OK;
                facts.add(new Heartbeat("n1/i1/" + (++n), T0.plusMillis(at), id(c), "n1:" + pid[c], status, ++seq[c],
                        null));
                if (c == killed || c == hung) {
                    long restartAt = c == killed ? at + 300 : at + 5000;
                    if (c == killed) {
                        facts.add(new ProcessExited("n1/i1/" + (++n), T0.plusMillis(at + 10), id(c), "n1", pid[c],
                                null, 9, false, null));
                    } else {
                        facts.add(new ProcessExited("n1/i1/" + (++n), T0.plusMillis(restartAt - 50), id(c), "n1",
                                pid[c], null, 9, true, null));
                    }
                    pid[c] += COMPONENTS;
                    seq[c] = 0;
                    silentUntil[c] = restartAt + 1;
                    facts.add(new ProcessStarted("n1/i1/" + (++n), T0.plusMillis(restartAt), id(c), "n1", pid[c],
                            null, null));
                }
            }
        }
        facts.sort(Comparator.comparing(Observation::at));
        out.accept(map("m1", COMPONENTS));
        facts.forEach(out);
    }

    private static ComponentId id(int c) {
        return ComponentId.of("c" + c);
    }
}
