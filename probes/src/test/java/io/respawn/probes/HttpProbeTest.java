package io.respawn.probes;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import io.respawn.facts.ComponentId;
import io.respawn.facts.ProbeStatus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpProbeTest {
    private static final ComponentId DASHBOARD = ComponentId.of("dashboard");
    /** The timeout of a run expected to end at its deadline. */
    private static final long TIMEOUT_MS = 300;
    /** The timeout of a run expected to end before it: long, so a slow machine cannot turn the outcome. */
    private static final long GENEROUS_MS = 2000;
    private static final Duration SLACK = Duration.ofMillis(200);

    private final ProbeRunner runner = new ProbeRunner(2, InstantSource.system());

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                // the expected status and a body that matches, its length announced
                Arguments.of(HttpTestServer.answer(200, "{\"status\": \"up\"}"), ProbeStatus.PASS,
                        "status 200, body matches /\"status\":\\s*\"up\"/ after "),
                // the same body sent in chunks
                Arguments.of(HttpTestServer.chunked("{\"status\"", ": \"up\"}"), ProbeStatus.PASS,
                        "status 200, body matches "),
                // another status: the body is quoted as evidence
                Arguments.of(HttpTestServer.answer(503, "warming up"), ProbeStatus.FAIL,
                        "expected status 200, got 503: \"warming up\""),
                // the right status with the wrong body
                Arguments.of(HttpTestServer.answer(200, "{\"status\": \"down\"}"), ProbeStatus.FAIL,
                        "status 200 but body does not match "),
                // the right status with no body at all
                Arguments.of(HttpTestServer.answer(200, ""), ProbeStatus.FAIL,
                        "status 200 but body does not match /\"status\":\\s*\"up\"/: (empty)"));
    }

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @MethodSource("answers")
    void answer_isJudgedByStatusAndBody(HttpHandler handler, ProbeStatus expected, String detail) {
        try (HttpTestServer server = HttpTestServer.start().handle("/health", handler)) {
            // given a server answering so, when the probe asks for 200 and a body saying "up"
            ProbeReport report = runner.run(DASHBOARD, Specs.http(server.url("/health"), 200,
                    "\"status\":\\s*\"up\"", Specs.timeout(GENEROUS_MS)));

            // then
            assertThat(report.status()).as(report.detail()).isEqualTo(expected);
            assertThat(report.detail()).startsWith("GET " + server.url("/health") + " - ").contains(detail);
            assertThat(report.latency()).isLessThan(Duration.ofMillis(GENEROUS_MS / 2));
            assertThat(OpenSockets.to(server.port())).isZero();
        }
    }

    @Test
    void statusOnly_passesWithoutLookingAtTheBody() {
        try (HttpTestServer server = HttpTestServer.start().handle("/", HttpTestServer.answer(204, ""))) {
            // given a probe that wants 204 and no body match, when the server answers 204
            ProbeReport report = runner.run(DASHBOARD, Specs.http(server.url("/"), 204, null,
                    Specs.timeout(GENEROUS_MS)));

            // then
            assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.PASS);
        }
    }

    @Test
    void serverThatNeverAnswers_failsAtTheTimeoutAndTheConnectionIsClosed() {
        try (HttpTestServer server = HttpTestServer.start()) {
            server.handle("/health", server.hang());

            // given a server that takes the request and never answers, when the probe asks
            ProbeReport report = runner.run(DASHBOARD, Specs.http(server.url("/health"), 200, null,
                    Specs.timeout(TIMEOUT_MS)));

            // then it fails at the deadline
            assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.FAIL);
            assertThat(report.detail()).matches(Pattern.quote("GET " + server.url("/health"))
                    + " - no answer after \\d+ms \\(timeout 300ms\\)");
            assertThat(report.latency()).isBetween(Duration.ofMillis(TIMEOUT_MS),
                    Duration.ofMillis(TIMEOUT_MS).plus(SLACK));
            // and the probe's socket is closed although the server still holds its end
            assertThat(server.requests()).isEqualTo(1);
            Await.until("the probe's socket is closed", Duration.ofSeconds(1),
                    () -> OpenSockets.to(server.port()) == 0);
        }
    }

    @Test
    void nothingListening_failsAsRefused() {
        // given a port nothing listens on, when the probe asks
        int port = Ports.unused();
        ProbeReport report = runner.run(DASHBOARD, Specs.http("http://127.0.0.1:" + port + "/health", 200, null,
                Specs.timeout(GENEROUS_MS)));

        // then
        assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.FAIL);
        assertThat(report.detail()).isEqualTo("connection refused by 127.0.0.1:" + port);
    }

    @Test
    void serverSpeakingAnotherProtocol_fails() {
        try (TcpServer server = TcpServer.start(TcpServer.Behaviour.WRONG_ANSWER_THEN_CLOSE)) {
            // given a TCP server that answers "pang" to anything and closes, when the probe asks
            String url = "http://127.0.0.1:" + server.port() + "/health";
            ProbeReport report = runner.run(DASHBOARD, Specs.http(url, 200, null, Specs.timeout(GENEROUS_MS)));

            // then what came is not HTTP
            assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.FAIL);
            assertThat(report.detail()).isEqualTo("GET " + url + " - incomplete answer \"pang\\n\"");
            Await.until("the probe's socket is closed", Duration.ofSeconds(1),
                    () -> server.open() == 0 && OpenSockets.to(server.port()) == 0);
        }
    }

    @Test
    void eachRun_usesAFreshConnectionAndClosesIt() {
        try (HttpTestServer server = HttpTestServer.start().handle("/", HttpTestServer.answer(200, "ok"))) {
            // given three runs in a row
            for (int run = 0; run < 3; run++) {
                assertThat(runner.run(DASHBOARD, Specs.http(server.url("/"), 200, "ok", Specs.timeout(GENEROUS_MS)))
                        .status()).isEqualTo(ProbeStatus.PASS);
            }

            // then no connection is kept between them
            assertThat(server.requests()).isEqualTo(3);
            assertThat(OpenSockets.to(server.port())).isZero();
        }
    }
}
