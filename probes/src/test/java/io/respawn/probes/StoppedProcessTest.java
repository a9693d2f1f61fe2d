package io.respawn.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.ComponentId;
import io.respawn.facts.ProbeStatus;
import io.respawn.facts.map.SendExpectProbe;
import io.respawn.facts.map.TcpProbe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process that is stopped (SIGSTOP: a debugger, a frozen VM, a process stuck in the
 * kernel) still has its port open, and the kernel completes TCP handshakes for it: only an
 * exchange notices that nobody answers.
 */
class StoppedProcessTest {
    private static final Logger LOG = LoggerFactory.getLogger(StoppedProcessTest.class);
    private static final ComponentId EHEAP = ComponentId.of("eheap");
    private static final long TIMEOUT_MS = 200;

    private final ProbeRunner runner = new ProbeRunner(2, InstantSource.system());
    private Process server;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classes = Path.of(PingServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        server = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx32m", "-cp", classes,
                PingServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        port = Integer.parseInt(CompletableFuture.supplyAsync(() -> readLine(out)).get(15, TimeUnit.SECONDS).strip());
    }

    @AfterEach
    void stopServer() throws Exception {
        runner.close();
        if (server == null) {
            return;
        }
        signal("CONT");
        server.destroyForcibly();
        assertThat(server.waitFor(5, TimeUnit.SECONDS)).as("server process ended").isTrue();
        assertThat(Processes.running(server.pid())).isFalse();
    }

    @Test
    void stoppedProcess_failsSendExpectWhileTcpConnectStillPasses() throws Exception {
        // given a running ping server: both probes pass
        assertThat(runner.run(EHEAP, ping(2000)).status()).isEqualTo(ProbeStatus.PASS);
        assertThat(runner.run(EHEAP, connect()).status()).isEqualTo(ProbeStatus.PASS);

        // when it is stopped
        signal("STOP");
        Await.until("the server process is stopped", Duration.ofSeconds(2), () -> state(server.pid()) == 'T');

        // then send/expect fails at its timeout...
        long stoppedAt = System.nanoTime();
        ProbeReport ping = runner.run(EHEAP, ping(TIMEOUT_MS));
        long detectedMillis = Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis();
        assertThat(ping.status()).isEqualTo(ProbeStatus.FAIL);
        assertThat(ping.detail()).startsWith("no answer from 127.0.0.1:" + port + " after ")
                .endsWith("(timeout 200ms)");
        assertThat(detectedMillis).isLessThan(TIMEOUT_MS + 200);
        LOG.info("stopped process detected by send/expect in {}ms (timeout {}ms)", detectedMillis, TIMEOUT_MS);
        // ...while a connect still passes: the kernel accepts on the stopped process's behalf
        assertThat(runner.run(EHEAP, connect()).status()).isEqualTo(ProbeStatus.PASS);

        // and once it continues, it answers again (the earlier "ping" waiting in its buffer is answered too)
        signal("CONT");
        assertThat(runner.run(EHEAP, ping(2000)).status()).isEqualTo(ProbeStatus.PASS);
    }

    private SendExpectProbe ping(long timeoutMillis) {
        return Specs.sendExpect(port, "ping", "^pong", Specs.timeout(timeoutMillis));
    }

    private TcpProbe connect() {
        return Specs.tcp("127.0.0.1", port, Specs.timeout(2000));
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder(List.of("kill", "-" + name, Long.toString(server.pid()))).start();
        assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
    }

    private static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
