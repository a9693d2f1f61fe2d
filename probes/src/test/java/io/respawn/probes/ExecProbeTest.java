package io.respawn.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.ComponentId;
import io.respawn.facts.ProbeStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecProbeTest {
    private static final ComponentId EHEAP = ComponentId.of("eheap");
    private static final Duration SLACK = Duration.ofMillis(200);
    /** The pids a command printed, in the quoted output at the end of a detail. */
    private static final Pattern OUTPUT = Pattern.compile("output \"([^\"]*)\"$");

    private final ProbeRunner runner = new ProbeRunner(2, InstantSource.system());

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    @Test
    void commandExitingZero_passes() {
        // given a command that succeeds, when it runs, then
        ProbeReport report = runner.run(EHEAP, Specs.exec(Specs.timeout(2000), "true"));

        assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.PASS);
        assertThat(report.detail()).startsWith("true exited 0 after ");
    }

    @Test
    void commandExitingNonZero_failsWithItsOutputAsEvidence() {
        // given a check that reports a problem on stderr and exits 3, when it runs
        ProbeReport report = runner.run(EHEAP, Specs.exec(Specs.timeout(2000),
                "sh", "-c", "echo queue is stuck >&2; exit 3"));

        // then it fails, and the detail keeps what it said
        assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.FAIL);
        assertThat(report.detail()).startsWith("sh exited 3 after ").endsWith("; output \"queue is stuck\"");
    }

    @Test
    void longOutput_isCutToItsEnd() {
        // given a check that writes 100 000 bytes before failing
        ProbeReport report = runner.run(EHEAP, Specs.exec(Specs.timeout(2000),
                "sh", "-c", "head -c 100000 /dev/zero | tr '\\0' x; echo; echo the real error; exit 1"));

        // then the detail keeps only the end, where the error is
        assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.FAIL);
        assertThat(report.detail()).endsWith("\\nthe real error\"").hasSizeLessThan(400);
    }

    @Test
    void missingProgram_isAnErrorNotAFailure() {
        // given a command whose program does not exist, when it runs, then the probe could not run
        ProbeReport onPath = runner.run(EHEAP, Specs.exec(Specs.timeout(2000), "no-such-check-program"));
        ProbeReport byPath = runner.run(EHEAP, Specs.exec(Specs.timeout(2000), "/no/such/check"));

        assertThat(onPath.status()).isEqualTo(ProbeStatus.ERROR);
        assertThat(onPath.detail()).isEqualTo("cannot run \"no-such-check-program\": not found on PATH");
        assertThat(byPath.status()).isEqualTo(ProbeStatus.ERROR);
        assertThat(byPath.detail()).isEqualTo("cannot run \"/no/such/check\": does not exist");
    }

    @Test
    void fileNotExecutable_isAnError(@TempDir Path dir) throws IOException {
        // given a check script someone forgot to make executable
        Path script = Files.writeString(dir.resolve("check.sh"), "#!/bin/sh\nexit 0\n");

        // when it runs, then the probe could not run
        ProbeReport report = runner.run(EHEAP, Specs.exec(Specs.timeout(2000), script.toString()));

        assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.ERROR);
        assertThat(report.detail()).endsWith(": not an executable file");
    }

    @Test
    void hangingCommand_failsAtItsTimeoutAndItsWholeTreeIsKilled() {
        // given a check that starts a child and waits for it: both would run for 30s
        long started = System.nanoTime();
        ProbeReport report = runner.run(EHEAP, Specs.exec(Specs.timeout(300),
                "sh", "-c", "sleep 30 & echo $! $$; wait"));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        // then it fails at the deadline
        assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.FAIL);
        assertThat(report.detail()).startsWith("sh still running after ")
                .contains("(timeout 300ms); killed it and everything it started");
        assertThat(report.latency()).isBetween(Duration.ofMillis(300), Duration.ofMillis(300).plus(SLACK));
        assertThat(waited).isLessThan(Duration.ofMillis(300).plus(SLACK));
        // and neither the shell nor its child is left running
        List<Long> pids = printedPids(report);
        assertThat(pids).hasSize(2);
        Await.until("the shell and its child are gone", Duration.ofSeconds(2),
                () -> pids.stream().noneMatch(Processes::running));
    }

    @Test
    void commandLeavingAChildBehind_failsAndTheChildIsKilled() {
        // given a check that starts a 30s child in the background and exits 1 at once: the
        // child is handed to init, no longer a descendant of anything the probe started
        ProbeReport report = runner.run(EHEAP, Specs.exec(Specs.timeout(2000),
                "sh", "-c", "sleep 30 & echo $!; exit 1"));

        // then the exit status decides, and the detail says what was cleaned up
        assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.FAIL);
        assertThat(report.detail()).startsWith("sh exited 1 after ")
                .contains("; killed the processes it left running; output ");
        // and the child is gone, through its process group
        List<Long> pids = printedPids(report);
        assertThat(pids).hasSize(1);
        Await.until("the child left behind is gone", Duration.ofSeconds(2),
                () -> !Processes.running(pids.get(0)));
    }

    @Test
    void passingCommandLeavingAChildBehind_stillPassesAndTheChildIsKilled(@TempDir Path dir) throws IOException {
        // given a check that succeeds but leaves a child running, noting its pid in a file
        Path pidFile = dir.resolve("child.pid");
        ProbeReport report = runner.run(EHEAP, Specs.exec(Specs.timeout(2000),
                "sh", "-c", "sleep 30 >/dev/null & echo $! > " + pidFile + "; exit 0"));

        // then the exit status decides, and the leftover is killed all the same
        assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.PASS);
        assertThat(report.detail()).endsWith("; killed the processes it left running");
        long child = Long.parseLong(Files.readString(pidFile).strip());
        Await.until("the child left behind is gone", Duration.ofSeconds(2), () -> !Processes.running(child));
    }

    private static List<Long> printedPids(ProbeReport report) {
        Matcher output = OUTPUT.matcher(report.detail());
        assertThat(output.find()).as("output in detail: %s", report.detail()).isTrue();
        return Processes.numbersIn(output.group(1));
    }
}
