package io.respawn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.engine.journal.Journal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code respawn engine} on a journal another engine holds stops at once and says who holds it. */
@Timeout(60) // an engine that failed to refuse would run until the timeout
class EngineJournalInUseTest {
    @TempDir
    Path dir;

    @Test
    void engineWithoutStandby_onAHeldJournal_exits1_namingTheJournalTheHolderAndTheWayOut() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Path secret = Files.writeString(dir.resolve("secret"), "a shared secret of some length");
        try (Journal held = Journal.open(file)) {
            CliRun run = CliRun.respawn("engine", "--journal", file.toString(), "--map", "../examples/iroom.yaml",
                    "--secret-file", secret.toString(), "--listen", "127.0.0.1:0", "--http", "off");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains(file + " - the journal is in use by another engine (pid "
                    + ProcessHandle.current().pid() + ", by its lock " + dir.resolve("journal.lock") + ")")
                    .contains("--standby");
            assertThat(run.out()).doesNotContain("listening");
        }
    }
}
