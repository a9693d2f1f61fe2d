package io.respawn.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.service.EngineService;
import io.respawn.facts.ComponentId;
import io.respawn.facts.MapInForce;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.log.FactLogWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine started on an existing journal shows its board what recovery replays. */
class StatusBoardRecoveryTest {
    private static final String MAP = """
            version: 1
            defaults: {node: n1, startupGrace: 2s, cureWindow: 10s}
            root:
              group: root
              children:
                - group: infra
                  children:
                    - component: db
                      command: [sleep, "86400"]
            """;

    @TempDir
    Path dir;

    @Test
    void engineStartedOnAJournal_boardShowsTheRecoveredStateAndDecisions() throws IOException {
        Instant t0 = Instant.parse("2026-11-27T10:00:00.000Z");
        Path map = Files.writeString(dir.resolve("map.yaml"), MAP);
        Files.write(dir.resolve("journal.jsonl"), List.of(FactLogWriter.HEADER,
                FactLogWriter.line(new MapInForce("engine/1/1", t0, "map.yaml", MAP)),
                FactLogWriter.line(new ProcessStarted("n1/a/1", t0.plusMillis(100), ComponentId.of("db"), "n1", 101,
                        null, null)),
                FactLogWriter.line(new ProcessExited("n1/a/2", t0.plusMillis(5000), ComponentId.of("db"), "n1", 101,
                        null, 9, false, null))));
        StatusBoard board = StatusBoard.live();

        try (EngineService engine = EngineService.start(new EngineService.Settings(dir.resolve("journal.jsonl"),
                RuleBase.defaults(), map, new InetSocketAddress("127.0.0.1", 0),
                "recovery test secret, long enough".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1)), board)) {
            assertThat(board.decisions(10)).singleElement().satisfies(d -> {
                assertThat(d.type()).isEqualTo("restart");
                assertThat(d.group()).isEqualTo("infra");
                assertThat(d.evidence().get(0).because().get(0).id()).isEqualTo("n1/a/2");
            });
            assertThat(board.component("db").orElseThrow().state()).isEqualTo(ComponentState.RESTARTING);
            assertThat(board.component("db").orElseThrow().lastFailure().cause()).isEqualTo("exited");
            assertThat(board.summary().facts()).isGreaterThanOrEqualTo(3); // the three recovered; ticks may follow
        }
    }
}
