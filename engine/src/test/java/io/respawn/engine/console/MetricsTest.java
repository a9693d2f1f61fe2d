package io.respawn.engine.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.engine.status.StatusBoard;
import io.respawn.facts.ComponentId;
import io.respawn.facts.HeartbeatFlood;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private static HeartbeatFlood flood(String id, String node, int window, boolean ended) {
        return new HeartbeatFlood(id, T0.plusSeconds(5L * window + 5), node, "192.0.2.7", ComponentId.of("db"), T0,
                T0.plusSeconds(5L * window), T0.plusSeconds(5L * window + 5), ended ? 3 : 500, 100, ended);
    }

    @Test
    void heartbeatFloods_areCountedOncePerFloodByNode() throws IOException {
        Metrics metrics = new Metrics(StatusBoard.replayed(), new EngineGauges(() -> 0, () -> 0, Path.of("none"), () -> 0));

        // node1: one flood over three windows and its end; node2: a first report
        metrics.fact(flood("f1", "node1", 0, false));
        metrics.fact(flood("f2", "node1", 1, false));
        metrics.fact(flood("f3", "node1", 2, false));
        metrics.fact(flood("f4", "node1", 3, true));
        metrics.fact(flood("f5", "node2", 0, false));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.write(out);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("respawn_heartbeat_floods_total{node=\"node1\"} 1.0")
                .contains("respawn_heartbeat_floods_total{node=\"node2\"} 1.0")
                .contains("respawn_facts_ingested_total{type=\"heartbeat-flood\"} 5.0");
    }
}
