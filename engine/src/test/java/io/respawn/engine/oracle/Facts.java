package io.respawn.engine.oracle;

import io.respawn.facts.ComponentId;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.MapInForce;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.Tick;
import java.time.Instant;

/** Test facts on a timeline that starts at {@link #T0}; times are milliseconds after it. */
final class Facts {
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00.000Z");
    static final String MAP = """
            version: 1
            defaults:
              node: n1
              startupGrace: 2s
              cureWindow: 10s
              intensity: {restarts: 3, period: 60s}
            root:
              group: root
              children:
                - group: infra
                  children:
                    - component: db
                      command: [sleep, "86400"]
                - group: apps
                  children:
                    - component: web
                      command: [sleep, "86400"]
                      heartbeat: {interval: 1s, timeout: 3s}
            """;

    private Facts() {
    }

    static Instant at(long ms) {
        return T0.plusMillis(ms);
    }

    static MapInForce map(String yaml) {
        return new MapInForce("m-" + yaml.hashCode(), T0, "test.yaml", yaml);
    }

    static ProcessStarted started(String id, long ms, String component, long pid) {
        return new ProcessStarted(id, at(ms), ComponentId.of(component), "n1", pid, null, null);
    }

    static ProcessExited killed(String id, long ms, String component, long pid) {
        return new ProcessExited(id, at(ms), ComponentId.of(component), "n1", pid, null, 9, false, null);
    }

    static Heartbeat beat(String id, long ms, String component, long pid, long seq) {
        return new Heartbeat(id, at(ms), ComponentId.of(component), "n1:" + pid, HeartbeatStatus.OK, seq, null);
    }

    static Tick tick(String id, long ms) {
        return new Tick(id, at(ms));
    }
}
