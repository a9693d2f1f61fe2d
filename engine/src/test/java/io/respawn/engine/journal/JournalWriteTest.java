package io.respawn.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.Observation;
import io.respawn.facts.Tick;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.LogEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's write / onDurable contract: written at once, actions after the fsync, in position order. */
class JournalWriteTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.000Z");

    @TempDir
    Path dir;

    @Test
    void writeThenOnDurable_runsEachActionOnceItsPositionIsOnDisk() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        List<Long> ran = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(3);
        try (Journal journal = Journal.open(file)) {
            // given three batches written one after the other
            long first = journal.write(List.of(tick(1)));
            long second = journal.write(List.of(tick(2), tick(3)));
            long third = journal.write(List.of(tick(4)));
            assertThat(first).isLessThan(second).isLessThan(third);
            // when an action waits for each (registered out of order)
            for (long position : List.of(third, first, second)) {
                journal.onDurable(position, () -> {
                    ran.add(position);
                    all.countDown();
                });
            }
            // then each runs, and the journal reads back every fact in order
            assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactlyInAnyOrder(first, second, third);
            assertThat(journal.appended()).isEqualTo(4);
        }
        assertThat(readIds(file)).containsExactly("t1", "t2", "t3", "t4");
    }

    @Test
    void onDurableForAPositionAlreadyOnDisk_runsAtOnceOnTheCallersThread() {
        try (Journal journal = Journal.open(dir.resolve("journal.jsonl"))) {
            journal.append(List.of(tick(1)));    // append returns once durable
            long position = journal.write(List.of());
            Thread[] ranOn = new Thread[1];
            journal.onDurable(position, () -> ranOn[0] = Thread.currentThread());
            assertThat(ranOn[0]).isSameAs(Thread.currentThread());
        }
    }

    @Test
    void reopenedJournal_appendsAfterWhatIsThere() {
        Path file = dir.resolve("journal.jsonl");
        try (Journal journal = Journal.open(file)) {
            journal.append(List.of(tick(1)));
        }
        try (Journal journal = Journal.open(file)) {
            journal.append(List.of(tick(2)));
        }
        assertThat(readIds(file)).containsExactly("t1", "t2");
        assertThat(file).exists();
    }

    private static Tick tick(int n) {
        return new Tick("t" + n, T0.plusSeconds(n));
    }

    private static List<String> readIds(Path file) {
        List<String> ids = new ArrayList<>();
        try (FactLogReader reader = FactLogReader.open(file)) {
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                Observation fact = entry.fact();
                ids.add(fact.id());
            }
        }
        return ids;
    }

}
