package io.respawn.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal records everything agents report: other users of the machine may not read it. */
class JournalPermissionsTest {
    @TempDir
    Path dir;

    @Test
    void newJournal_isReadableByTheOwnerOnly() throws IOException {
        Path file = dir.resolve("data/journal.jsonl");

        Journal.open(file).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
