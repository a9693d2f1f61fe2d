package io.respawn.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.ComponentId;
import io.respawn.facts.ProbeStatus;
import io.respawn.facts.map.Exec;
import io.respawn.facts.map.HttpGet;
import io.respawn.facts.map.HttpPut;
import io.respawn.facts.map.RoundTripProbe;
import io.respawn.facts.map.RoundTripRead;
import io.respawn.facts.map.RoundTripWrite;
import io.respawn.facts.map.SendExpect;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripProbeTest {
    private static final ComponentId EHEAP = ComponentId.of("eheap");
    private static final String TOKEN = "([0-9a-f-]{36})";

    private final ProbeRunner runner = new ProbeRunner(2, InstantSource.system());

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    @Test
    void tupleSpaceThatKeepsWhatIsPut_passes() {
        try (TcpServer heap = TcpServer.start(TcpServer.Behaviour.TUPLES)) {
            // given an event heap, when the probe puts a tuple and gets it back
            ProbeReport report = runner.run(EHEAP, roundTrip(put(heap), get(heap)));

            // then it passes, and the heap saw the same fresh token both ways
            assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.PASS);
            assertThat(report.detail()).matches("wrote and read back token " + TOKEN + " in \\d+ms");
            String token = report.detail().split(" ")[5];
            assertThat(heap.lines()).containsExactly("put " + token, "get " + token);
            Await.until("both connections closed", Duration.ofSeconds(1), () -> heap.open() == 0);
        }
    }

    @Test
    void everyRun_usesAFreshToken() {
        try (TcpServer heap = TcpServer.start(TcpServer.Behaviour.TUPLES)) {
            // given two runs, then each wrote a token of its own
            runner.run(EHEAP, roundTrip(put(heap), get(heap)));
            runner.run(EHEAP, roundTrip(put(heap), get(heap)));

            List<String> puts = heap.lines().stream().filter(line -> line.startsWith("put ")).toList();
            assertThat(puts).hasSize(2).doesNotHaveDuplicates();
        }
    }

    @Test
    void tupleSpaceThatLosesWhatIsPut_failsOnTheReadBack() {
        try (TcpServer heap = TcpServer.start(TcpServer.Behaviour.TUPLES);
             TcpServer amnesiac = TcpServer.start(TcpServer.Behaviour.TUPLES)) {
            // given writes going to one heap and reads to another that never saw them
            ProbeReport report = runner.run(EHEAP, roundTrip(put(heap), get(amnesiac), 1000));

            // then the read back fails, quoting what came instead of the token; as the heap keeps
            // the connection open (the token could still follow), that is known at the deadline
            assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.FAIL);
            assertThat(report.detail()).matches("read back: expected /\\\\Q" + TOKEN
                    + "\\\\E/ got \"none\\\\n\" after \\d+ms \\(timeout 1000ms\\)");
        }
    }

    @Test
    void readBackThatHangs_failsAtTheTimeoutNamingTheStep() {
        try (TcpServer heap = TcpServer.start(TcpServer.Behaviour.TUPLES);
             TcpServer hung = TcpServer.start(TcpServer.Behaviour.SILENT)) {
            // given a write that works and a read that is never answered
            ProbeReport report = runner.run(EHEAP, roundTrip(put(heap), get(hung), 300));

            // then the deadline, shared by both steps, ends the run in the read-back step
            assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.FAIL);
            assertThat(report.detail()).startsWith("read back: no answer from 127.0.0.1:" + hung.port() + " after ")
                    .endsWith("(timeout 300ms)");
            Await.until("the read's connection closed", Duration.ofSeconds(1),
                    () -> hung.open() == 0 && OpenSockets.to(hung.port()) == 0);
        }
    }

    @Test
    void keyValueStoreOverHttp_passes() {
        Map<String, String> store = new ConcurrentHashMap<>();
        try (HttpTestServer server = HttpTestServer.start().handle("/kv/", HttpTestServer.keyValue(store))) {
            // given a store that keeps what is PUT, when the probe PUTs a token and GETs it back
            ProbeReport report = runner.run(EHEAP, roundTrip(
                    new HttpPut(server.url("/kv/{token}"), "{token}"),
                    new HttpGet(server.url("/kv/{token}"), "^{token}$")));

            // then
            assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.PASS);
            assertThat(store).hasSize(1);
            assertThat(store.keySet().iterator().next()).isEqualTo(store.values().iterator().next());
        }
    }

    @Test
    void keyValueStoreThatForgets_failsOnTheReadBack() {
        try (HttpTestServer server = HttpTestServer.start()
                .handle("/kv/", HttpTestServer.keyValue(HttpTestServer.forgetful()))) {
            // given a store that says 204 to a PUT and keeps nothing
            ProbeReport report = runner.run(EHEAP, roundTrip(
                    new HttpPut(server.url("/kv/{token}"), "{token}"),
                    new HttpGet(server.url("/kv/{token}"), "{token}")));

            // then only the round trip shows it: the write passed, the read back fails
            assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.FAIL);
            assertThat(report.detail()).startsWith("read back: GET " + server.url("/kv/"))
                    .endsWith(" - expected status 200, got 404: \"no such key\"");
        }
    }

    @Test
    void writeThatFails_endsTheRunBeforeTheReadBack() {
        try (HttpTestServer server = HttpTestServer.start()
                .handle("/kv/", HttpTestServer.answer(500, "disk full"))) {
            // given a store that refuses writes
            ProbeReport report = runner.run(EHEAP, roundTrip(
                    new HttpPut(server.url("/kv/{token}"), "{token}"),
                    new HttpGet(server.url("/kv/{token}"), "{token}")));

            // then the write fails, and nothing is read
            assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.FAIL);
            assertThat(report.detail()).startsWith("write: PUT ").endsWith(" - expected status 2xx, got 500: \"disk full\"");
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void pairOfCommands_passesThroughAFile(@TempDir Path dir) {
        // given a command that writes the token to a file and one that looks for it there
        Path file = dir.resolve("probe");
        ProbeReport report = runner.run(EHEAP, new RoundTripProbe("file-round-trip", Specs.timeout(2000),
                new Exec(List.of("sh", "-c", "echo {token} > " + file)),
                new Exec(List.of("grep", "-q", "{token}", file.toString()))));

        // then
        assertThat(report.status()).as(report.detail()).isEqualTo(ProbeStatus.PASS);
        assertThat(report.detail()).startsWith("wrote and read back token ");
    }

    private static RoundTripProbe roundTrip(RoundTripWrite write, RoundTripRead readBack) {
        return roundTrip(write, readBack, 2000);
    }

    private static RoundTripProbe roundTrip(RoundTripWrite write, RoundTripRead readBack, long timeoutMillis) {
        return new RoundTripProbe("tuple-round-trip", Specs.timeout(timeoutMillis), write, readBack);
    }

    private static SendExpect put(TcpServer heap) {
        return new SendExpect("127.0.0.1", heap.port(), "put {token}", "^ok");
    }

    private static SendExpect get(TcpServer heap) {
        return new SendExpect("127.0.0.1", heap.port(), "get {token}", "{token}");
    }
}
