package io.respawn.engine.journal;

import io.respawn.facts.ComponentId;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.MapInForce;
import io.respawn.facts.Observation;
import java.time.Instant;

/** Small facts for journal tests. */
final class JournalFacts {
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private JournalFacts() {
    }

    static MapInForce map(String id, int components) {
        StringBuilder yaml = new StringBuilder("""
                version: 1
                defaults:
                  node: n1
                  startupGrace: 2s
                  heartbeat: {interval: 1s, timeout: 3s}
                  cureWindow: 10s
                root:
                  group: root
                  children:
                """);
        for (int c = 0; c < components; c++) {
            if (c % 3 == 0) {
                yaml.append("    - group: g").append(c / 3).append("\n      children:\n");
            }
            yaml.append("        - component: c").append(c).append("\n          command: [sleep, \"86400\"]\n");
        }
        return new MapInForce(id, T0, "test.yaml", yaml.toString());
    }

    static Observation beat(long seq, long atMillis) {
        return new Heartbeat("n1/i1/" + seq, T0.plusMillis(atMillis), ComponentId.of("c0"), "n1:100",
                HeartbeatStatus.OK, seq, null);
    }
}
