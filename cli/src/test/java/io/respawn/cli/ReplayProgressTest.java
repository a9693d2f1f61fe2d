package io.respawn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {
    private static final long MB = 1_000_000;

    private long nowNanos = TimeUnit.SECONDS.toNanos(100);
    private final StringWriter screen = new StringWriter();
    private final ReplayProgress progress = new ReplayProgress(new PrintWriter(screen), "day.jsonl", () -> nowNanos);

    private void advanceMillis(long ms) {
        nowNanos += TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Test
    void start_isDrawnAtOnce() {
        progress.update(0, 210 * MB, 0);

        assertThat(screen).hasToString("\rreplaying day.jsonl: 0% of 210 MB, 0 facts\033[K");
    }

    @Test
    void updates_areDrawnAtMostFourTimesASecond() {
        progress.update(0, 210 * MB, 0);
        advanceMillis(100);                       // 100ms: too soon, not drawn
        progress.update(10 * MB, 210 * MB, 1024);
        advanceMillis(150);                       // 250ms: drawn
        progress.update(21 * MB, 210 * MB, 50_000);
        advanceMillis(249);                       // 499ms: 249ms after the last, not drawn
        progress.update(30 * MB, 210 * MB, 60_000);

        assertThat(screen.toString().split("\r", -1)).hasSize(3);
        assertThat(screen.toString()).endsWith("\rreplaying day.jsonl: 10% of 210 MB, 50000 facts, 200000 facts/s\033[K");
    }

    @Test
    void clear_erasesTheLineOnceAndOnlyIfShown() {
        progress.clear();
        assertThat(screen).hasToString("");

        progress.update(0, 1_500, 0);
        progress.clear();
        progress.clear();

        assertThat(screen).hasToString("\rreplaying day.jsonl: 0% of 1.5 kB, 0 facts\033[K\r\033[K");
    }

    @Test
    void sizes_readAsPeopleWriteThem() {
        assertThat(ReplayProgress.bytes(999)).isEqualTo("999 B");
        assertThat(ReplayProgress.bytes(1_500)).isEqualTo("1.5 kB");
        assertThat(ReplayProgress.bytes(184_320)).isEqualTo("184 kB");
        assertThat(ReplayProgress.bytes(2_300_000_000L)).isEqualTo("2.3 GB");
    }

    @Test
    void terminalDevices_areTerminalsAndPipesAreNot() {
        // One row per kind of thing stderr can be.
        assertThat(Terminal.isTerminalDevice("/dev/pts/3")).isTrue();        // a terminal window or ssh session
        assertThat(Terminal.isTerminalDevice("/dev/tty1")).isTrue();         // a Linux console
        assertThat(Terminal.isTerminalDevice("/dev/console")).isTrue();      // the system console
        assertThat(Terminal.isTerminalDevice("pipe:[123456]")).isFalse();    // piped into another program
        assertThat(Terminal.isTerminalDevice("/tmp/replay.err")).isFalse();  // redirected to a file
        assertThat(Terminal.isTerminalDevice("/dev/null")).isFalse();        // thrown away
    }
}
