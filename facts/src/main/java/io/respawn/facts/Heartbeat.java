package io.respawn.facts;

import java.time.Instant;

/**
 * An application's heartbeat: "component {@code component}, running as global PID
 * {@code gpid} ({@code node:pid}), is {@code status}; this is my {@code seq}-th beat".
 *
 * @param observedAt when the sender sent it (its own clock), if known
 */
public record Heartbeat(String id, Instant at, ComponentId component, String gpid, HeartbeatStatus status,
                        long seq, Instant observedAt) implements Observation {
    public Heartbeat {
        Require.notBlank("heartbeat.id", id);
        Require.notNull("heartbeat.at", at);
        Require.notNull("heartbeat.component", component);
        Require.notBlank("heartbeat.gpid", gpid);
        if (gpid.indexOf(':') < 1) {
            throw new IllegalArgumentException("heartbeat.gpid - must read node:pid: \"" + gpid + "\"");
        }
        Require.notNull("heartbeat.status", status);
        Require.notNegative("heartbeat.seq", seq);
    }
}
