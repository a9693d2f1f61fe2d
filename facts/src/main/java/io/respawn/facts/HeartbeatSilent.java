package io.respawn.facts;

import java.time.Instant;

/**
 * Derived by the engine's clock, not sent by anyone: no heartbeat of {@code component}
 * arrived within {@code timeoutMs} after {@code lastFactId} (its last heartbeat, or its
 * process start when it has not sent one yet). {@code at} is the moment the timeout ran
 * out. Never written to a fact log: replay derives it again from the same heartbeats.
 */
public record HeartbeatSilent(String id, Instant at, ComponentId component, String lastFactId, Instant lastSeenAt,
                              long timeoutMs) implements Fact {
    public HeartbeatSilent {
        Require.notBlank("heartbeat-silent.id", id);
        Require.notNull("heartbeat-silent.at", at);
        Require.notNull("heartbeat-silent.component", component);
        Require.notBlank("heartbeat-silent.lastFactId", lastFactId);
        Require.notNull("heartbeat-silent.lastSeenAt", lastSeenAt);
        Require.notNegative("heartbeat-silent.timeoutMs", timeoutMs);
    }

    public static HeartbeatSilent after(String lastFactId, Instant lastSeenAt, ComponentId component, long timeoutMs) {
        return new HeartbeatSilent("hs-" + lastFactId, lastSeenAt.plusMillis(timeoutMs), component, lastFactId,
                lastSeenAt, timeoutMs);
    }
}
