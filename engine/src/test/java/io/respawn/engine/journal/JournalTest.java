package io.respawn.engine.journal;

import static io.respawn.engine.journal.JournalFacts.beat;
import static io.respawn.engine.journal.JournalFacts.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.respawn.facts.Observation;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.LogEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private static Journal.Settings settings(FsyncPolicy fsync) {
        return new Journal.Settings(fsync, Journal.Settings.DEFAULT_SEGMENT_BYTES, Retention.ALL, 0);
    }

    private static List<String> ids(Path file) {
        List<String> ids = new ArrayList<>();
        try (FactLogReader reader = FactLogReader.open(file)) {
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                ids.add(entry.fact().id());
            }
        }
        return ids;
    }

    // ---- fsync policies ----

    @Test
    void fsyncPolicy_readsEveryFormAndNamesABadOne() {
        assertThat(FsyncPolicy.parse("group")).isEqualTo(FsyncPolicy.GROUP);
        assertThat(FsyncPolicy.parse("ALWAYS")).isEqualTo(FsyncPolicy.ALWAYS);
        assertThat(FsyncPolicy.parse("never")).isEqualTo(FsyncPolicy.NEVER);
        assertThat(FsyncPolicy.parse("interval:10ms"))
                .isEqualTo(new FsyncPolicy(FsyncPolicy.Kind.INTERVAL, Duration.ofMillis(10)));
        assertThatThrownBy(() -> FsyncPolicy.parse("sometimes")).hasMessageContaining("\"sometimes\"");
        assertThatThrownBy(() -> FsyncPolicy.parse("interval:soon")).hasMessageContaining("interval:soon");
    }

    @Test
    void groupCommit_oneFsyncCoversEveryWriteQueuedDuringTheLast() throws Exception {
        TestDisk disk = new TestDisk();
        try (Journal journal = Journal.open(dir.resolve("j.jsonl"), settings(FsyncPolicy.GROUP), disk)) {
            int before = disk.forces.get();
            disk.gate = new CountDownLatch(1);
            disk.forceStarted = new CountDownLatch(1);
            long a = journal.write(List.of(map("m1", 3)));
            assertThat(disk.forceStarted.await(30, TimeUnit.SECONDS)).isTrue();   // the syncer is in fsync(a)
            long b = journal.write(List.of(beat(1, 1000)));
            long c = journal.write(List.of(beat(2, 2000)));
            CountDownLatch durableC = new CountDownLatch(1);
            AtomicBoolean durableA = new AtomicBoolean();
            journal.onDurable(a, () -> durableA.set(true));
            journal.onDurable(c, durableC::countDown);
            assertThat(durableA).isFalse();
            assertThat(durableC.getCount()).isEqualTo(1);
            disk.gate.countDown();                                            // fsync(a) ends; fsync(b, c) follows
            assertThat(durableC.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(durableA).isTrue();
            assertThat(disk.forces.get() - before).as("fsyncs for three writes").isEqualTo(2);
            assertThat(b).isLessThan(c);
        }
    }

    @Test
    void always_forcesEveryWriteBeforeReturning() {
        TestDisk disk = new TestDisk();
        try (Journal journal = Journal.open(dir.resolve("j.jsonl"), settings(FsyncPolicy.ALWAYS), disk)) {
            int before = disk.forces.get();
            journal.write(List.of(map("m1", 3)));
            long last = journal.write(List.of(beat(1, 1000), beat(2, 2000)));
            AtomicBoolean ran = new AtomicBoolean();
            journal.onDurable(last, () -> ran.set(true));
            assertThat(ran).as("durable on return").isTrue();
            assertThat(disk.forces.get() - before).isEqualTo(2);
        }
    }

    @Test
    void never_forcesNothing_andCountsWrittenAsDurable() {
        TestDisk disk = new TestDisk();
        try (Journal journal = Journal.open(dir.resolve("j.jsonl"), settings(FsyncPolicy.NEVER), disk)) {
            int before = disk.forces.get();
            long last = journal.write(List.of(map("m1", 3), beat(1, 1000)));
            AtomicBoolean ran = new AtomicBoolean();
            journal.onDurable(last, () -> ran.set(true));
            journal.append(List.of(beat(2, 2000)));
            assertThat(ran).isTrue();
            assertThat(disk.forces.get() - before).isZero();
        }
    }

    @Test
    void interval_appendReturnsAfterTheNextFsync() {
        TestDisk disk = new TestDisk();
        FsyncPolicy every5ms = FsyncPolicy.parse("interval:5ms");
        try (Journal journal = Journal.open(dir.resolve("j.jsonl"), settings(every5ms), disk)) {
            int before = disk.forces.get();
            journal.append(List.of(map("m1", 3)));
            assertThat(disk.forces.get() - before).isGreaterThanOrEqualTo(1);
        }
        assertThat(ids(dir.resolve("j.jsonl"))).containsExactly("m1");
    }

    // ---- torn lines ----

    @Test
    void tornLastLine_isCutOnOpen_andTheJournalGoesOn() throws IOException {
        Path file = dir.resolve("j.jsonl");
        try (Journal journal = Journal.open(file, settings(FsyncPolicy.GROUP))) {
            journal.append(List.of(map("m1", 3), beat(1, 1000), beat(2, 2000)));
        }
        Files.writeString(file, "{\"type\":\"heartbeat\",\"id\":\"n1/i1/3\",\"at\":\"2026-11-27T10:0",
                StandardOpenOption.APPEND);
        try (Journal journal = Journal.open(file, settings(FsyncPolicy.GROUP))) {
            journal.append(List.of(beat(3, 3000)));
        }
        assertThat(Files.readString(file)).endsWith("\n").doesNotContain("10:0\"");
        assertThat(ids(file)).containsExactly("m1", "n1/i1/1", "n1/i1/2", "n1/i1/3");
    }

    // ---- disk full, failing fsync ----

    @Test
    void diskFull_stopsTheJournal_keepsEarlierDataWhole_andAcknowledgesNothingMore() {
        TestDisk disk = new TestDisk();
        Path file = dir.resolve("j.jsonl");
        Journal journal = Journal.open(file, settings(FsyncPolicy.GROUP), disk);
        journal.append(List.of(map("m1", 3), beat(1, 1000)));
        disk.budget.set(150);                                  // room for one beat line and a half
        assertThatThrownBy(() -> journal.write(List.of(beat(2, 2000), beat(3, 3000))))
                .isInstanceOf(JournalFailedException.class)
                .hasMessageContaining("No space left on device")
                .hasMessageContaining(file.toString());
        assertThat(journal.failure()).isNotNull();
        AtomicBoolean acked = new AtomicBoolean();
        journal.onDurable(journal.position() + 1, () -> acked.set(true));
        disk.budget.set(Long.MAX_VALUE);                       // space again: the journal stays stopped
        assertThatThrownBy(() -> journal.write(List.of(beat(4, 4000))))
                .isInstanceOf(JournalFailedException.class)
                .hasMessageContaining("stopped after an earlier error");
        journal.close();
        assertThat(acked).isFalse();
        assertThat(ids(file)).containsExactly("m1", "n1/i1/1");
    }

    @Test
    void failedFsync_stopsTheJournal_andTheWaitingActionNeverRuns() {
        TestDisk disk = new TestDisk();
        Journal journal = Journal.open(dir.resolve("j.jsonl"), settings(FsyncPolicy.GROUP), disk);
        disk.forceFails = true;
        AtomicBoolean acked = new AtomicBoolean();
        assertThatThrownBy(() -> journal.append(List.of(map("m1", 3))))
                .isInstanceOf(JournalFailedException.class)
                .hasMessageContaining("Input/output error");
        journal.onDurable(journal.position(), () -> acked.set(true));
        assertThatThrownBy(() -> journal.write(List.of(beat(1, 1000)))).isInstanceOf(JournalFailedException.class);
        journal.close();
        assertThat(acked).isFalse();
    }

    // ---- segments, retention, permissions ----

    @Test
    void rotation_sealsSegments_eachReadableOnItsOwn_andTheWholeReadsOnce() {
        Path file = dir.resolve("j.jsonl");
        List<String> written = new ArrayList<>();
        try (Journal journal = Journal.open(file, new Journal.Settings(FsyncPolicy.NEVER, 4096, Retention.ALL, 0))) {
            journal.write(List.of(map("m1", 3)));
            written.add("m1");
            for (int i = 1; i <= 200; i++) {
                journal.write(List.of(beat(i, i * 1000L)));
                written.add("n1/i1/" + i);
            }
        }
        Segments segments = new Segments(file);
        assertThat(segments.sealed()).hasSizeGreaterThanOrEqualTo(3);
        for (Path segment : segments.all()) {
            assertThat(ids(segment).get(0)).as("first fact of " + segment).isEqualTo("m1");
        }
        for (Path given : List.of(dir, file)) {
            List<String> read = new ArrayList<>();
            try (JournalReader reader = JournalReader.open(List.of(given), FactLogReader.BadLines.STOP, e -> { })) {
                LogEntry entry;
                while ((entry = reader.next()) != null) {
                    read.add(entry.fact().id());
                }
            }
            assertThat(read).as("read from " + given).isEqualTo(written);
        }
    }

    @Test
    void retention_removesOldSegments_butNotWhatTheCheckpointNeeds() {
        Path file = dir.resolve("j.jsonl");
        Path archive = dir.resolve("archive");
        try (Journal journal = Journal.open(file,
                new Journal.Settings(FsyncPolicy.NEVER, 4096, new Retention(2, null, archive), 25))) {
            journal.write(List.of(map("m1", 3)));
            for (int i = 1; i <= 300; i++) {
                journal.write(List.of(beat(i, i * 1000L)));
            }
        }
        Segments segments = new Segments(file);
        long checkpointSegment = new Checkpoints(segments).position().orElseThrow().segment();
        assertThat(segments.sealed().keySet()).doesNotContain(1L)
                .allMatch(n -> n >= checkpointSegment || segments.sealed().size() <= 2);
        assertThat(archive.resolve("j.000001.jsonl")).exists();
        List<Observation> recovered = new ArrayList<>();
        try (Journal journal = Journal.open(file, Journal.Settings.defaults())) {
            Journal.Recovered read = journal.recover(recovered::add, record -> { });
            assertThat(read.checkpointUsed()).isTrue();
        }
        assertThat(recovered.get(0).id()).isEqualTo("m1");
        assertThat(recovered.get(recovered.size() - 1).id()).isEqualTo("n1/i1/300");
    }

    @Test
    void retentionByAge_removesSegmentsLastWrittenBeforeIt_andReadsItsForms() throws IOException {
        Path file = dir.resolve("j.jsonl");
        try (Journal journal = Journal.open(file, new Journal.Settings(FsyncPolicy.NEVER, 4096, Retention.ALL, 10))) {
            journal.write(List.of(map("m1", 3)));
            for (int i = 1; i <= 200; i++) {
                journal.write(List.of(beat(i, i * 1000L)));
            }
        }
        Segments segments = new Segments(file);
        assertThat(segments.sealed()).hasSizeGreaterThanOrEqualTo(3);
        java.nio.file.attribute.FileTime monthAgo = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(Duration.ofDays(30)));
        Files.setLastModifiedTime(segments.sealed(1), monthAgo);
        Files.setLastModifiedTime(segments.sealed(2), monthAgo);
        Retention week = Retention.parse("7d", null);
        new Checkpoints(segments).retain(week);
        assertThat(segments.sealed().keySet()).doesNotContain(1L, 2L).contains(3L);
        assertThat(week).isEqualTo(new Retention(0, Duration.ofDays(7), null));
        assertThat(Retention.parse("16", null)).isEqualTo(Retention.DEFAULT);
        assertThat(Retention.parse("all", null).keepsAll()).isTrue();
        assertThatThrownBy(() -> Retention.parse("forever", null)).hasMessageContaining("\"forever\"");
    }

    @Test
    void files_areReadableByTheOwnerOnly() throws IOException {
        Path file = dir.resolve("data").resolve("j.jsonl");
        try (Journal journal = Journal.open(file, new Journal.Settings(FsyncPolicy.GROUP, 4096, Retention.ALL, 10))) {
            journal.write(List.of(map("m1", 3)));
            for (int i = 1; i <= 100; i++) {
                journal.write(List.of(beat(i, i * 1000L)));
            }
        }
        Segments segments = new Segments(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        List<Path> files = new ArrayList<>(segments.all());
        files.add(segments.checkpoint());
        assertThat(files).hasSizeGreaterThan(2);
        for (Path f : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(Files.readString(segments.checkpoint(), StandardCharsets.UTF_8)).startsWith("# checkpoint segment=");
    }
}
