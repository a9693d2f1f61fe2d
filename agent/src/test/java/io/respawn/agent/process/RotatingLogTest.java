package io.respawn.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogTest {
    @TempDir
    Path dir;

    @Test
    void fullLog_isCopiedAndTruncated_keepingTheNewestFiles() throws IOException {
        // given a log of 1000 bytes a file, 3 files kept, written by a writer in append mode as a component's is
        RotatingLog log = new RotatingLog(dir.resolve("app.log"), 1000, 3);
        byte[] line = new byte[100];
        try (OutputStream writer = Files.newOutputStream(log.file(), StandardOpenOption.APPEND)) {
            // when 35 lines of 100 bytes are written, line i filled with 'A' + i % 26, the size checked after each
            for (int i = 0; i < 35; i++) {
                Arrays.fill(line, (byte) ('A' + i % 26));
                writer.write(line);
                writer.flush();
                log.rotateIfFull();
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
    void oneFileKept_fullLogIsTruncated() throws IOException {
        RotatingLog log = new RotatingLog(dir.resolve("app.log"), 1024, 1);
        Files.write(log.file(), new byte[2000]);

        assertThat(log.rotateIfFull()).isTrue();

        assertThat(Files.size(log.file())).isZero();
        assertThat(dir.resolve("app.log.1")).doesNotExist();
    }

    @Test
    void logBelowItsSize_isLeftAlone() throws IOException {
        RotatingLog log = new RotatingLog(dir.resolve("app.log"), 1024, 3);
        log.note("one line");

        assertThat(log.rotateIfFull()).isFalse();

        assertThat(Files.readString(log.file())).isEqualTo("one line\n");
    }

    @Test
    void reopenedLog_appendsAfterWhatIsThere() throws IOException {
        new RotatingLog(dir.resolve("app.log"), 1000, 2).note("first run");
        new RotatingLog(dir.resolve("app.log"), 1000, 2).note("second run");
        assertThat(Files.readString(dir.resolve("app.log"))).isEqualTo("first run\nsecond run\n");
    }
}
