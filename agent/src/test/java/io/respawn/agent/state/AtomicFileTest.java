package io.respawn.agent.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void replaceShowsTheNewContentWholeOwnerOnlyAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("node.state.json");
        AtomicFile.write(file, "first".getBytes(StandardCharsets.UTF_8));
        AtomicFile.replace(file, "second".getBytes(StandardCharsets.UTF_8));

        assertEquals("second", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        AtomicFile.sync(file);
        assertEquals("second", Files.readString(file));
    }

    @Test
    void createsAMissingDirectoryForTheOwnerOnly() throws Exception {
        Path file = dir.resolve("state").resolve("node.state.json");
        AtomicFile.replace(file, "x".getBytes(StandardCharsets.UTF_8));

        assertEquals("x", Files.readString(file));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }
}
