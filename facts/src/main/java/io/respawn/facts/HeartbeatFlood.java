package io.respawn.facts;

import java.time.Instant;

/**
 * An agent's heartbeat receiver dropped more datagrams from one source in one window
 * than a component may send in that time: someone floods the heartbeat port, or an
 * application beats far too fast. Sent once per window while the flood lasts, and once
 * more, with {@code ended}, for the first window back within the limit. The times
 * {@code since}, {@code from} and {@code to} are the agent's clock: data, never time.
 *
 * @param node      the agent that received the datagrams
 * @param source    the sender's IP address, as UDP gave it (a sender can forge it)
 * @param component the component the datagrams claimed, if they named one this node runs; else null
 * @param since     when the first window of this flood began
 * @param from      when this window began
 * @param to        when this window ended
 * @param dropped   datagrams from the source dropped in this window (any reason but another node's beat
 *                  or a beat of a component that is not running)
 * @param limit     the most drops in one window that are not a flood
 * @param ended     true for the report of the first window back within the limit: the flood is over
 */
public record HeartbeatFlood(String id, Instant at, String node, String source, ComponentId component,
                             Instant since, Instant from, Instant to, long dropped, long limit, boolean ended)
        implements Observation {
    public HeartbeatFlood {
        Require.notBlank("heartbeat-flood.id", id);
        Require.notNull("heartbeat-flood.at", at);
        Require.notBlank("heartbeat-flood.node", node);
        Require.notBlank("heartbeat-flood.source", source);
        Require.notNull("heartbeat-flood.since", since);
        Require.notNull("heartbeat-flood.from", from);
        Require.notNull("heartbeat-flood.to", to);
        if (from.isBefore(since)) {
            throw new IllegalArgumentException("heartbeat-flood.from - must not be before since (" + since + "): "
                    + from);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("heartbeat-flood.to - must not be before from (" + from + "): " + to);
        }
        Require.notNegative("heartbeat-flood.dropped", dropped);
        Require.notNegative("heartbeat-flood.limit", limit);
    }

    /** True for the report that opens a flood: the one an operator is told about. */
    public boolean first() {
        return from.equals(since) && !ended;
    }
}
