package io.respawn.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.ComponentId;
import io.respawn.facts.ProbeStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeRunnerTest {
    private static final ComponentId EHEAP = ComponentId.of("eheap");

    @Test
    void report_isStampedByTheGivenClock() {
        // given a runner on a fixed clock
        Instant noon = Instant.parse("2026-11-27T12:00:00Z");
        try (ProbeRunner runner = new ProbeRunner(1, InstantSource.fixed(noon))) {
            // when a probe runs, then its report starts at that clock's time and is observed after it
            ProbeReport report = runner.run(EHEAP, Specs.exec(Specs.timeout(2000), "true"));

            assertThat(report.startedAt()).isEqualTo(noon);
            assertThat(report.observedAt()).isEqualTo(noon.plus(report.latency()));
            assertThat(report.toFact("p-1", noon.plusSeconds(1)).latencyMs()).isEqualTo(report.latency().toMillis());
        }
    }

    @Test
    void cancellingARun_closesItsSocketAtOnce() {
        try (ProbeRunner runner = new ProbeRunner(1, InstantSource.system());
             TcpServer hung = TcpServer.start(TcpServer.Behaviour.SILENT)) {
            // given a run waiting on a server that never answers, with 5s to go
            CompletableFuture<ProbeReport> run = runner.start(EHEAP,
                    Specs.sendExpect(hung.port(), "ping", "^pong", Specs.timeout(5000)));
            Await.until("the run is connected", Duration.ofSeconds(1), () -> hung.open() == 1);

            // when it is cancelled
            run.cancel(true);

            // then its connection closes long before the timeout
            Await.until("the cancelled run's connection closed", Duration.ofMillis(500),
                    () -> hung.open() == 0 && OpenSockets.to(hung.port()) == 0);
            assertThat(run).isCancelled();
        }
    }

    @Test
    void closingTheRunner_endsRunsInFlightAsErrorsAndKillsTheirProcesses(@TempDir Path dir) throws IOException {
        // given a command running with 10s to go, its pid noted in a file
        Path pidFile = dir.resolve("check.pid");
        ProbeRunner runner = new ProbeRunner(1, InstantSource.system());
        CompletableFuture<ProbeReport> run = runner.start(EHEAP, Specs.exec(Specs.timeout(10_000),
                "sh", "-c", "echo $$ > " + pidFile + "; sleep 30"));
        Await.until("the command started", Duration.ofSeconds(2), () -> pidFile.toFile().length() > 0);
        long pid = Long.parseLong(Files.readString(pidFile).strip());

        // when the runner closes
        runner.close();

        // then the run ends as ERROR (the probe could not finish, which says nothing of the component)
        ProbeReport report = run.join();
        assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.ERROR);
        assertThat(report.detail()).isEqualTo("the probe runner closed");
        // and its process and the runner's threads are gone
        Await.until("the command is killed", Duration.ofSeconds(2), () -> !Processes.running(pid));
        Await.until("the runner's threads have ended", Duration.ofSeconds(2), () -> Thread.getAllStackTraces()
                .keySet().stream().noneMatch(thread -> thread.getName().startsWith("respawn-probe")));
    }

    @Test
    void runAfterClose_isAnError() {
        // given a closed runner, when a probe is run, then it could not run
        ProbeRunner runner = new ProbeRunner(1, InstantSource.system());
        runner.close();

        ProbeReport report = runner.run(EHEAP, Specs.exec(Specs.timeout(500), "true"));

        assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.ERROR);
        assertThat(report.detail()).isEqualTo("not started: the probe runner is closed");
    }
}
