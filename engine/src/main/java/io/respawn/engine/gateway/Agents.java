package io.respawn.engine.gateway;

import io.respawn.wire.SequencedFact;
import java.util.List;

/** What the gateway tells the engine about agents. Called on network threads. */
public interface Agents {
    /** The highest sequence number of this agent run already journaled (0 if none). */
    long acked(String node, String incarnation);

    void connected(AgentSession session);

    /** Facts arrived, in sequence order; the engine journals them and sends an ack. */
    void facts(AgentSession session, List<SequencedFact> facts);

    void disconnected(AgentSession session);
}
