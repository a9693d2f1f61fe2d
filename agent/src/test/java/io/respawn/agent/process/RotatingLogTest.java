package io.respawn.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogTest {
    @TempDir
    Path dir;

    @Test
    void fullLog_rotatesAndKeepsTheNewestFiles() throws IOException {
        // given a log of 1000 bytes a file, 3 files kept
        byte[] line = new byte[100];
        try (RotatingLog log = new RotatingLog(dir.resolve("app.log"), 1000, 3)) {
            // when 35 lines of 100 bytes are written, line i filled with the letter 'A' + i % 26
            for (int i = 0; i < 35; i++) {
                Arrays.fill(line, (byte) ('A' + i % 26));
                log.write(line, 0, line.length);
            }
        }

        // then the current file holds the last 5 lines, .1 and .2 the 10 before each; older ones are gone
        assertThat(Files.size(dir.resolve("app.log"))).isEqualTo(500);
        assertThat(Files.size(dir.resolve("app.log.1"))).isEqualTo(1000);
        assertThat(Files.size(dir.resolve("app.log.2"))).isEqualTo(1000);
        assertThat(dir.resolve("app.log.3")).doesNotExist();
        assertThat(Files.readString(dir.resolve("app.log"))).startsWith("EEEE");     // line 30
        assertThat(Files.readString(dir.resolve("app.log.2"))).startsWith("KKKK");   // line 10
    }

    @Test
    void reopenedLog_appendsAfterWhatIsThere() throws IOException {
        try (RotatingLog log = new RotatingLog(dir.resolve("app.log"), 1000, 2)) {
            log.note("first run");
        }
        try (RotatingLog log = new RotatingLog(dir.resolve("app.log"), 1000, 2)) {
            log.note("second run");
        }
        assertThat(Files.readString(dir.resolve("app.log"))).isEqualTo("first run\nsecond run\n");
    }
}
