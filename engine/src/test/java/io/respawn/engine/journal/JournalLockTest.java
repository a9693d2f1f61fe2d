package io.respawn.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.respawn.facts.Tick;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One engine writes a journal at a time: a second one is refused with a message naming the
 * holder, a standby waits for the holder to go. (That the lock goes with a holder killed by
 * SIGKILL is the operating system's part; the fault-injection suite's take-over test kills a
 * real engine to see it.)
 */
class JournalLockTest {
    private static final Journal.Settings NO_SYNC = new Journal.Settings(FsyncPolicy.NEVER, 64 << 10, Retention.ALL, 0);

    @TempDir
    Path dir;

    @Test
    void secondOpen_whileTheFirstHoldsTheJournal_isRefused_namingTheJournalTheLockAndThePid() {
        Path file = dir.resolve("journal.jsonl");
        try (Journal first = Journal.open(file, NO_SYNC)) {
            assertThatThrownBy(() -> Journal.open(file, NO_SYNC))
                    .isInstanceOf(JournalInUseException.class)
                    .hasMessageStartingWith(file + " - the journal is in use by another engine")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining(dir.resolve("journal.lock").toString())
                    .hasMessageContaining("--standby");
            first.append(List.of(new Tick("t/1", Instant.EPOCH)));     // the refused open touched nothing
        }
        try (Journal again = Journal.open(file, NO_SYNC)) {
            long[] facts = {0};
            again.recover(fact -> facts[0]++, record -> { });
            assertThat(facts[0]).isEqualTo(1);
        }
    }

    @Test
    void checkFree_answersWithoutHoldingTheJournal() {
        Path file = dir.resolve("journal.jsonl");
        Journal.checkFree(dir.resolve("none/journal.jsonl"));        // no directory yet: free, and none made
        assertThat(dir.resolve("none")).doesNotExist();
        try (Journal held = Journal.open(file, NO_SYNC)) {
            assertThatThrownBy(() -> Journal.checkFree(file)).isInstanceOf(JournalInUseException.class)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
        Journal.checkFree(file);
        Journal.open(file, NO_SYNC).close();                          // the check took nothing it kept
    }

    @Test
    void lockFile_isTheOwnersOnly_andStaysWhenTheJournalCloses() throws Exception {
        Path file = dir.resolve("data/journal.jsonl");

        Journal.open(file, NO_SYNC).close();

        Path lock = dir.resolve("data/journal.lock");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lock))).isEqualTo("rw-------");
        assertThat(Files.readString(lock).trim()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    void takeOver_waitsWhileTheJournalIsHeld_andOpensItOnceTheHolderCloses() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        Journal holder = Journal.open(file, NO_SYNC);
        holder.append(List.of(new Tick("t/1", Instant.EPOCH), new Tick("t/2", Instant.EPOCH.plusSeconds(1))));
        CompletableFuture<Journal> standby = CompletableFuture.supplyAsync(() -> {
            try {
                return Journal.takeOver(file, NO_SYNC);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Journal taken = null;
        try {
            assertThatThrownBy(() -> standby.get(300, TimeUnit.MILLISECONDS))   // thirty tries of the lock
                    .isInstanceOf(TimeoutException.class);
            holder.close();
            taken = standby.get(10, TimeUnit.SECONDS);
            long[] facts = {0};
            taken.recover(fact -> facts[0]++, record -> { });
            assertThat(facts[0]).isEqualTo(2);
            assertThatThrownBy(() -> Journal.open(file, NO_SYNC)).isInstanceOf(JournalInUseException.class);
        } finally {
            holder.close();                                   // a second close does nothing
            if (taken != null) {
                taken.close();
            } else {
                standby.thenAccept(Journal::close);           // once the holder's close lets it through
            }
        }
    }
}
