package io.respawn.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.ComponentId;
import io.respawn.facts.ProbeStatus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SendExpectProbeTest {
    private static final ComponentId EHEAP = ComponentId.of("eheap");
    /** The timeout of a run expected to end at its deadline. */
    private static final long TIMEOUT_MS = 300;
    /** The timeout of a run expected to end before it: long, so a slow machine cannot turn the outcome. */
    private static final long GENEROUS_MS = 2000;
    /** How late past its timeout a run may report: timer and thread hand-offs, not I/O. */
    private static final Duration SLACK = Duration.ofMillis(200);

    private final ProbeRunner runner = new ProbeRunner(2, InstantSource.system());

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    /** When a run must report: before its deadline, or at it. */
    enum When { BEFORE_TIMEOUT, AT_TIMEOUT }

    static Stream<Arguments> servers() {
        return Stream.of(
                // answers "pong": passes as soon as the answer is in
                Arguments.of(TcpServer.Behaviour.PING_PONG, ProbeStatus.PASS, "got \"pong\" after ",
                        When.BEFORE_TIMEOUT),
                // accepts and never answers (a hung process): fails at the deadline
                Arguments.of(TcpServer.Behaviour.SILENT, ProbeStatus.FAIL, "no answer from 127.0.0.1:",
                        When.AT_TIMEOUT),
                // answers wrong and keeps the connection open: the right answer could still follow,
                // so it fails at the deadline, quoting what came
                Arguments.of(TcpServer.Behaviour.WRONG_ANSWER, ProbeStatus.FAIL,
                        "expected /^pong/ got \"pang\\n\" after ", When.AT_TIMEOUT),
                // answers wrong and closes: fails at once
                Arguments.of(TcpServer.Behaviour.WRONG_ANSWER_THEN_CLOSE, ProbeStatus.FAIL,
                        "expected /^pong/ got \"pang\\n\" before 127.0.0.1:", When.BEFORE_TIMEOUT));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("servers")
    void serverBehaviour_givesItsStatusInTimeAndLeavesNoSocket(TcpServer.Behaviour behaviour, ProbeStatus expected,
                                                              String detail, When when) {
        try (TcpServer server = TcpServer.start(behaviour)) {
            // given a server that behaves so, when the probe sends "ping" and expects /^pong/
            Duration timeout = Duration.ofMillis(when == When.AT_TIMEOUT ? TIMEOUT_MS : GENEROUS_MS);
            long started = System.nanoTime();
            ProbeReport report = runner.run(EHEAP, Specs.sendExpect(server.port(), "ping", "^pong",
                    Specs.timeout(timeout.toMillis())));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            // then the status and the evidence are right
            assertThat(report.status()).as(report.detail()).isEqualTo(expected);
            assertThat(report.detail()).contains(detail);
            assertThat(server.lines()).containsExactly("ping");
            // and the report came when it should: at the deadline, or well before it
            if (when == When.AT_TIMEOUT) {
                assertThat(report.latency()).isBetween(timeout, timeout.plus(SLACK));
            } else {
                assertThat(report.latency()).isLessThan(timeout.dividedBy(2));
            }
            assertThat(waited).isLessThan(timeout.plus(SLACK));
            // and the probe's socket is closed: the server saw it go, and the kernel holds none
            Await.until("the probe's connection is closed", Duration.ofSeconds(1),
                    () -> server.open() == 0 && OpenSockets.to(server.port()) == 0);
        }
    }

    @Test
    void emptySend_readsABannerWithoutWritingAnything() {
        try (TcpServer server = TcpServer.start(TcpServer.Behaviour.SILENT)) {
            // given a probe that sends nothing and a server that says nothing
            ProbeReport report = runner.run(EHEAP, Specs.sendExpect(server.port(), "", "^220 ",
                    Specs.timeout(200)));

            // then nothing was written, and the missing banner fails at the deadline
            assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.FAIL);
            assertThat(report.detail()).startsWith("no answer from 127.0.0.1:" + server.port() + " after ");
            assertThat(server.lines()).isEmpty();
        }
    }

    @Test
    void nothingListening_failsAsRefused() {
        // given a port nothing listens on, when the probe connects
        int port = Ports.unused();
        ProbeReport report = runner.run(EHEAP, Specs.sendExpect(port, "ping", "^pong", Specs.timeout(GENEROUS_MS)));

        // then the service is not serving: FAIL, well before the deadline
        assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.FAIL);
        assertThat(report.detail()).isEqualTo("connection refused by 127.0.0.1:" + port);
        assertThat(report.latency()).isLessThan(Duration.ofMillis(GENEROUS_MS / 2));
    }
}
