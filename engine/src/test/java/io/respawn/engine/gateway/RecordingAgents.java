package io.respawn.engine.gateway;

import io.respawn.wire.SequencedFact;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The engine's side of the gateway for its tests: acknowledges nothing, writes down what it hears. */
final class RecordingAgents implements Agents {
    final List<String> heard = new CopyOnWriteArrayList<>();

    @Override
    public long acked(String node, String incarnation) {
        return 0;
    }

    @Override
    public void connected(AgentSession session) {
        heard.add("connected " + session.node());
    }

    @Override
    public void facts(AgentSession session, List<SequencedFact> facts) {
        heard.add("facts " + facts.size());
    }

    @Override
    public void disconnected(AgentSession session) {
        heard.add("disconnected " + session.node());
    }
}
