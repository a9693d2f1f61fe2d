package io.respawn.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.ComponentId;
import io.respawn.facts.ProbeStatus;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpProbeTest {
    private static final ComponentId EHEAP = ComponentId.of("eheap");

    private final ProbeRunner runner = new ProbeRunner(2, InstantSource.system());

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    @Test
    void listeningPort_passesAndClosesTheConnection() {
        try (TcpServer server = TcpServer.start(TcpServer.Behaviour.SILENT)) {
            // given a server that accepts, when the probe connects
            ProbeReport report = runner.run(EHEAP, Specs.tcp("127.0.0.1", server.port(), Specs.timeout(2000)));

            // then it passes at once, and the connection it opened is closed again
            assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.PASS);
            assertThat(report.detail()).startsWith("connected to 127.0.0.1:" + server.port());
            assertThat(report.latency()).isLessThan(Duration.ofMillis(1000));
            Await.until("the server saw the probe's connection close", Duration.ofSeconds(1),
                    () -> server.accepted() == 1 && server.open() == 0);
            assertThat(OpenSockets.to(server.port())).isZero();
        }
    }

    @Test
    void nothingListening_failsAsRefusedWithoutWaitingForTheTimeout() {
        // given a port nothing listens on
        int port = Ports.unused();

        // when the probe connects
        ProbeReport report = runner.run(EHEAP, Specs.tcp("127.0.0.1", port, Specs.timeout(2000)));

        // then the service is not there: FAIL, told by the refusal rather than the deadline
        assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.FAIL);
        assertThat(report.detail()).isEqualTo("connection refused by 127.0.0.1:" + port);
        assertThat(report.latency()).isLessThan(Duration.ofMillis(1000));
        assertThat(OpenSockets.to(port)).isZero();
    }

    @Test
    void unknownHost_isAnErrorNotAFailure() {
        // given a host name that cannot resolve (.invalid is reserved for that)
        ProbeReport report = runner.run(EHEAP, Specs.tcp("no-such-host.invalid", 4500, Specs.timeout(1000)));

        // then the probe could not run: ERROR, which no rule takes as the component failing
        assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.ERROR);
        assertThat(report.detail()).containsAnyOf("unknown host \"no-such-host.invalid\"",
                "could not look up \"no-such-host.invalid\"");
        assertThat(report.latency()).isLessThanOrEqualTo(Duration.ofMillis(1100));
    }
}
