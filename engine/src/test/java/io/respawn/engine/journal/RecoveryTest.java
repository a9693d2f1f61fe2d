package io.respawn.engine.journal;

import static io.respawn.engine.journal.JournalFacts.T0;
import static io.respawn.engine.journal.JournalFacts.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.replay.Replay;
import io.respawn.facts.AgentLink;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Decision;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.MapInForce;
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
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

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

    /**
     * Cut at several places, so the checkpoint falls before, inside and after each twist of
     * {@link #writeTwists}: a component silent at the moment of the checkpoint, a silence at
     * exactly the time of a fact the checkpoint drops, a new map (shorter timeout, a
     * component gone, one new), a new PID without an exit while the old one still beats, a
     * heartbeat ignored for its stale sequence number that is the last fact of its agent run,
     * a link cut.
     */
    @ParameterizedTest(name = "checkpoint every {0} facts")
    @ValueSource(ints = {211, 500, 777, 1_300})
    void checkpointCutAnywhere_givesTheStateOfAFullReplay(int every) {
        Path file = dir.resolve("journal.jsonl");
        try (Journal journal = Journal.open(file, new Journal.Settings(FsyncPolicy.NEVER, 64 << 10, Retention.ALL,
                every))) {
            writeTwists(fact -> journal.write(List.of(fact)), 170);
        }
        End full = fullReplay(file);
        Journal.Recovered[] read = {null};
        End recovered = recover(file, read);

        assertThat(read[0].checkpointUsed()).isTrue();
        assertThat(full.heartbeatsIgnored()).as("stale PID, stale sequence, a component the map dropped")
                .isGreaterThan(5);
        assertThat(full.heartbeats()).as("c5 silent since 42 s")
                .anySatisfy(state -> assertThat(state.component().name()).isEqualTo("c5"));
        assertThat(recovered).isEqualTo(full);
    }

    @Test
    void journalWrittenOnAfterARecovery_checkpointsWhatStillGivesAFullReplaysState() {
        Path file = dir.resolve("journal.jsonl");
        Journal.Settings every400 = new Journal.Settings(FsyncPolicy.NEVER, 64 << 10, Retention.ALL, 400);
        List<Observation> facts = new ArrayList<>();
        writeTwists(facts::add, 170);
        int half = facts.size() / 2;
        try (Journal journal = Journal.open(file, every400)) {
            facts.subList(0, half).forEach(fact -> journal.write(List.of(fact)));
        }
        try (Journal journal = Journal.open(file, every400)) {
            journal.recover(fact -> { }, record -> { });        // the compactor takes the checkpoint back
            facts.subList(half, facts.size()).forEach(fact -> journal.write(List.of(fact)));
        }
        Journal.Recovered[] read = {null};
        End recovered = recover(file, read);
        assertThat(read[0].fromSegments()).as("a checkpoint written after the restart").isLessThan(400);
        assertThat(recovered).isEqualTo(fullReplay(file));
    }

    @Test
    void checkpointReplayedOnItsOwn_givesTheDecisionsOfTheJournalItCovers() {
        Path file = dir.resolve("journal.jsonl");
        List<Observation> facts = new ArrayList<>();
        writeTwists(facts::add, 100);
        try (Journal journal = Journal.open(file, new Journal.Settings(FsyncPolicy.NEVER, 64 << 10, Retention.ALL,
                facts.size()))) {
            facts.forEach(fact -> journal.write(List.of(fact)));     // one checkpoint, after the last fact
        }
        List<String> replayed = new ArrayList<>();
        new Replay(rules, null, FactLogReader.BadLines.STOP).run(new Segments(file).checkpoint(),
                d -> replayed.add(d.decision().id() + " " + d.decision().rule()), e -> { });
        assertThat(replayed).isNotEmpty().isEqualTo(fullReplay(file).decisions());
    }

    /** A journal of {@link #writeTwists} over 100 s, checkpointed every 500 facts. */
    private Path checkpointedJournal() {
        Path file = dir.resolve("journal.jsonl");
        try (Journal journal = Journal.open(file, new Journal.Settings(FsyncPolicy.NEVER, 64 << 10, Retention.ALL,
                500))) {
            writeTwists(fact -> journal.write(List.of(fact)), 100);
        }
        return file;
    }

    /** Makes the checkpoint's first heartbeat-state line unreadable (a negative sequence number); returns its index. */
    private static int spoilAStateLine(List<String> lines) {
        int state = lines.indexOf(lines.stream().filter(l -> l.contains("heartbeat-state")).findFirst().orElseThrow());
        lines.set(state, lines.get(state).replace("\"seq\":", "\"seq\":-").replace("--", "-"));
        return state;
    }

    /** Spoils a state line of the checkpoint and seals it as it is; returns the spoiled line's index. */
    private static int sealASpoiledCheckpoint(Path file) throws IOException {
        List<String> lines = new ArrayList<>(checkpointLines(file));
        int state = spoilAStateLine(lines);
        String body = String.join("\n", lines.subList(1, lines.size())) + "\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String first = lines.get(0).replaceAll(" bytes=.*", " " + Checkpoints.Seal.of(bytes, 0));
        Files.writeString(new Segments(file).checkpoint(), first + "\n" + body, StandardCharsets.UTF_8);
        return state;
    }

    /** Recovers {@code file} and checks it ends as a full replay does, with or without its checkpoint. */
    private static void assertRecoversAsAFullReplay(Path file, boolean checkpointUsed) {
        Journal.Recovered[] read = {null};
        End recovered = recover(file, read);
        assertThat(read[0].checkpointUsed()).isEqualTo(checkpointUsed);
        assertThat(recovered).isEqualTo(fullReplay(file));
    }

    @Test
    void damagedCheckpoint_isIgnored_andEverySegmentReplayed() throws IOException {
        Path file = checkpointedJournal();
        Path checkpoint = new Segments(file).checkpoint();
        List<String> lines = new ArrayList<>(checkpointLines(file));
        spoilAStateLine(lines);
        Files.write(checkpoint, lines, StandardCharsets.UTF_8);

        assertRecoversAsAFullReplay(file, false);
    }

    @Test
    void checkpointCutShort_doesNotMatchItsSeal_andEverySegmentIsReplayed() throws IOException {
        Path file = checkpointedJournal();
        Path checkpoint = new Segments(file).checkpoint();
        byte[] bytes = Files.readAllBytes(checkpoint);
        int cut = bytes.length - 1;
        while (bytes[cut - 1] != '\n') {
            cut--;                                            // whole lines only: the end record is gone
        }
        Files.write(checkpoint, java.util.Arrays.copyOf(bytes, cut - 1));

        assertRecoversAsAFullReplay(file, false);
    }

    @Test
    void checkpointWithoutASeal_isReadWholeAndUsed() throws IOException {
        Path file = checkpointedJournal();
        Path checkpoint = new Segments(file).checkpoint();
        List<String> lines = new ArrayList<>(checkpointLines(file));
        assertThat(lines.get(0)).matches("# checkpoint segment=\\d+ offset=\\d+ bytes=\\d+ crc32c=[0-9a-f]{8}");
        lines.set(0, lines.get(0).replaceAll(" bytes=.*", ""));      // as written before the seal
        Files.write(checkpoint, lines, StandardCharsets.UTF_8);

        assertRecoversAsAFullReplay(file, true);
    }

    /** Name and size of every file in the directory. */
    private static java.util.Map<String, Long> listing(Path dir) throws IOException {
        java.util.Map<String, Long> files = new java.util.TreeMap<>();
        try (var list = Files.list(dir)) {
            for (Path f : list.toList()) {
                files.put(f.getFileName().toString(), Files.size(f));
            }
        }
        return files;
    }

    @Test
    void rehearsal_whileAnEngineHoldsTheJournalMidLine_endsAsAFullReplay_writesNothing_warnsOfNothing()
            throws IOException {
        Path file = checkpointedJournal();
        End full = fullReplay(file);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(Recovery.class);
        log.start();
        logger.addAppender(log);
        try (Journal holder = Journal.open(file, Journal.Settings.defaults())) {
            Files.writeString(file, "{\"type\":\"heartbeat\",\"id\":\"half", StandardOpenOption.APPEND);
            java.util.Map<String, Long> before = listing(dir);
            Journal.Recovered[] read = {null};

            End rehearsed = replay(oracle -> read[0] = Journal.rehearseRecovery(file, oracle::accept,
                    oracle::restore));

            assertThat(read[0].checkpointUsed()).isTrue();
            assertThat(read[0].skipped()).as("the line being written").isEqualTo(1);
            assertThat(rehearsed).isEqualTo(full);
            assertThat(listing(dir)).isEqualTo(before);
            assertThat(log.list).isEmpty();
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void rehearsal_ofASealedCheckpointThatDoesNotRead_stops_andLeavesTheCheckpointWhereItIs() throws IOException {
        Path file = checkpointedJournal();
        Path checkpoint = new Segments(file).checkpoint();
        sealASpoiledCheckpoint(file);

        assertThatThrownBy(() -> replay(oracle -> Journal.rehearseRecovery(file, oracle::accept, oracle::restore)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the checkpoint does not read");
        assertThat(checkpoint).exists();
        assertThat(Path.of(checkpoint + ".bad")).doesNotExist();
    }

    @Test
    void sealedCheckpointThatDoesNotRead_stopsRecovery_isMovedAside_andTheNextStartReplaysEverySegment()
            throws IOException {
        Path file = checkpointedJournal();
        Path checkpoint = new Segments(file).checkpoint();
        int state = sealASpoiledCheckpoint(file);

        Journal.Recovered[] read = {null};
        assertThatThrownBy(() -> recover(file, read))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(checkpoint + ":" + (state + 1))
                .hasMessageContaining("moved aside to " + checkpoint + ".bad");
        assertThat(checkpoint).doesNotExist();
        assertThat(Path.of(checkpoint + ".bad")).exists();

        assertRecoversAsAFullReplay(file, false);
    }

    @Test
    void bytesToRecover_areTheCheckpointAndWhatFollowsItsPosition_orEverySegmentWithoutOne() throws IOException {
        Path file = checkpointedJournal();
        Segments segments = new Segments(file);
        Checkpoints.Position at = new Checkpoints(segments).position().orElseThrow();
        java.util.TreeMap<Long, Path> all = new java.util.TreeMap<>(segments.sealed());
        all.put(all.isEmpty() ? 1 : all.lastKey() + 1, file);
        assertThat(all).as("the journal has several segments").hasSizeGreaterThan(2);
        long after = 0;
        long every = 0;
        for (var segment : all.entrySet()) {
            long size = Files.size(segment.getValue());
            every += size;
            if (segment.getKey() >= at.segment()) {
                after += size - (segment.getKey() == at.segment() ? at.offset() : 0);
            }
        }

        assertThat(bytesToRecover(file)).isEqualTo(Files.size(segments.checkpoint()) + after);
        Files.delete(segments.checkpoint());
        assertThat(bytesToRecover(file)).isEqualTo(every);
    }

    private static long bytesToRecover(Path file) {
        try (Journal journal = Journal.open(file, Journal.Settings.defaults())) {
            return journal.bytesToRecover();
        }
    }

    @Test
    void unreadableLineInTheTail_isSkipped_withItsLineNumberInTheWholeSegment() throws IOException {
        Path file = checkpointedJournal();
        Checkpoints.Position at = new Checkpoints(new Segments(file)).position().orElseThrow();
        Path segment = new Segments(file).sealed().getOrDefault(at.segment(), file);
        List<String> lines = new ArrayList<>(Files.readAllLines(segment, StandardCharsets.UTF_8));
        long before = 0;
        int index = 0;
        for (long bytes = 0; bytes < at.offset(); index++) {
            bytes += lines.get(index).getBytes(StandardCharsets.UTF_8).length + 1;
            before++;
        }
        int spoiled = index + 3;                              // the third line after the checkpoint's position
        assertThat(before).as("the checkpoint's position is not at the segment's start").isPositive();
        lines.set(spoiled, "{\"type\":\"heartbeat\",\"id\":\"cut");
        Files.write(segment, lines, StandardCharsets.UTF_8);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(Recovery.class);
        log.start();
        logger.addAppender(log);
        Journal.Recovered[] read = {null};
        try {
            recover(file, read);
        } finally {
            logger.detachAppender(log);
        }

        assertThat(read[0].checkpointUsed()).isTrue();
        assertThat(read[0].skipped()).isEqualTo(1);
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).startsWith("journal line skipped: " + segment + ":" + (spoiled + 1)
                        + ": "));
    }

    /**
     * {@code seconds} of a node with 12 components beating each second and ticks each
     * second, and these twists: c5 hangs at 40 s for good (its silence at 42.150 s, the time
     * of a tick; the restart decided for it is never carried out); at 60 s a new map shortens
     * the timeout to 2 s, drops c11 (whose beats go on, ignored) and adds c12 (started at
     * 61 s); at 80 s c3 is started again with a new PID without an exit, and its old process
     * beats on until 84 s (ignored); at 90.5 s an agent run of its own sends one heartbeat of
     * c2 with a stale sequence number and status FAILED (ignored; the last fact of its run);
     * c7 turns DEGRADED at 120 s; the link is down from 130.5 s to 132.5 s.
     */
    private static void writeTwists(Consumer<Observation> out, int seconds) {
        int components = 12;
        List<Observation> facts = new ArrayList<>();
        long[] pid = new long[components + 1];
        long[] seq = new long[components + 1];
        long[] n = {0};
        for (int c = 0; c < components; c++) {
            pid[c] = 1000 + c;
            facts.add(new ProcessStarted("n1/i1/" + (++n[0]), T0.plusMillis(c), id(c), "n1", pid[c], null, null));
        }
        pid[12] = 1012;
        facts.add(new Tick("engine/exact", T0.plusMillis(42_150)));
        facts.add(mapAt("m2", 60_000, "2s", 12));          // c0..c10 and c12
        facts.add(new ProcessStarted("n1/i1/" + (++n[0]), T0.plusMillis(61_000), id(12), "n1", pid[12], null, null));
        facts.add(new ProcessStarted("n1/i1/" + (++n[0]), T0.plusMillis(80_000), id(3), "n1", 2003, null, null));
        facts.add(new Heartbeat("n1/i0/1", T0.plusMillis(90_500), id(2), "n1:" + pid[2], HeartbeatStatus.FAILED, 3,
                null));
        facts.add(new AgentLink("engine/link/down", T0.plusMillis(130_500), "n1", AgentLink.LinkState.DOWN));
        facts.add(new AgentLink("engine/link/up", T0.plusMillis(132_500), "n1", AgentLink.LinkState.UP));
        for (int s = 1; s <= seconds; s++) {
            facts.add(new Tick("engine/1/" + s, T0.plusMillis(s * 1000L + 999)));
            for (int c = 0; c <= components; c++) {
                long at = s * 1000L + c * 30L;
                boolean hung = c == 5 && s >= 40;
                boolean linkDown = s >= 131 && s <= 132;
                if (hung || linkDown || (c == 12 && s <= 61)) {
                    continue;
                }
                HeartbeatStatus status = c == 7 && s >= 120 ? HeartbeatStatus.DEGRADED : HeartbeatStatus.OK;
                if (c == 3 && s >= 80) {
                    facts.add(new Heartbeat("n1/i1/" + (++n[0]), T0.plusMillis(at + 5), id(3), "n1:2003", status,
                            s - 79, null));
                    if (s > 84) {
                        continue;                               // the old process is gone at last
                    }
                }
                facts.add(new Heartbeat("n1/i1/" + (++n[0]), T0.plusMillis(at), id(c), "n1:" + pid[c], status,
                        ++seq[c], null));
            }
        }
        facts.sort(Comparator.comparing(Observation::at));
        out.accept(mapAt("m1", 0, "3s", 11));
        facts.forEach(out);
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

    /** Components c0..c10 and c{@code last}, each in a group of its own, with heartbeat timeout {@code timeout}. */
    private static MapInForce mapAt(String id, long atMillis, String timeout, int last) {
        StringBuilder yaml = new StringBuilder("""
                version: 1
                defaults:
                  node: n1
                  startupGrace: 2s
                  heartbeat: {interval: 1s, timeout: %s}
                  cureWindow: 10s
                root:
                  group: root
                  children:
                """.formatted(timeout));
        for (int c = 0; c <= last; c++) {
            if (c < 11 || c == last) {
                yaml.append("    - group: g").append(c).append("\n      children:\n")
                        .append("        - component: c").append(c).append("\n          command: [sleep, \"86400\"]\n");
            }
        }
        return new MapInForce(id, T0.plusMillis(atMillis), "test.yaml", yaml.toString());
    }

    private static ComponentId id(int c) {
        return ComponentId.of("c" + c);
    }
}
