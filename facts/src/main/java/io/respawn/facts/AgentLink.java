package io.respawn.facts;

import java.time.Instant;

/**
 * The engine's link to the agent of {@code node} came up or went down. While it is down
 * the engine hears nothing from that node, so silence there means "unknown", not
 * "failed": heartbeat deadlines of its components are suspended until it is back.
 */
public record AgentLink(String id, Instant at, String node, LinkState state) implements Observation {
    /** Whether the link is up. */
    public enum LinkState { UP, DOWN }

    public AgentLink {
        Require.notBlank("agent-link.id", id);
        Require.notNull("agent-link.at", at);
        Require.notBlank("agent-link.node", node);
        Require.notNull("agent-link.state", state);
    }
}
