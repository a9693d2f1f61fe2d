package io.respawn.engine.service;

import io.respawn.facts.Decision;
import io.respawn.facts.GiveUp;
import io.respawn.facts.Observation;
import io.respawn.facts.RestartOutcome;
import io.respawn.wire.Command;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands the engine owes its agents, kept until each node answers with a
 * {@code restart-outcome} carrying the decision's id. A command for a node whose agent
 * is not connected waits, and every command a node has not answered is sent (again) when
 * its agent connects, in the order the decisions were made. While the engine recovers
 * from its journal, the decisions it replays are collected, not sent; those the journal
 * shows no outcome for (the engine died before the agent answered, or before the agent
 * was told) are sent when the agents connect. Sending a command twice is safe: an agent
 * remembers the decisions it carried out, also across its own restarts, and answers a
 * second delivery as a duplicate without acting.
 *
 * <p>At most {@code limit} decisions are kept; past that the oldest is forgotten with a
 * warning. A command the agent refuses (a name its map does not declare) gets no outcome
 * and stays until then. Runs on the engine's loop thread only.
 */
final class Outbox implements CommandSink {
    static final int DEFAULT_LIMIT = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final BiPredicate<String, Command> agents;
    private final int limit;
    private final Map<String, Map<String, Command>> unanswered = new LinkedHashMap<>();
    private boolean recovering = true;

    /** @param agents sends a command to the node's agent if it is connected; false if it is not */
    Outbox(BiPredicate<String, Command> agents, int limit) {
        this.agents = agents;
        this.limit = limit;
    }

    /** Decisions the outbox takes while the journal is replayed: all but give-ups (nothing is sent for them). */
    static boolean keepsInRecovery(Decision decision) {
        return !(decision instanceof GiveUp);
    }

    @Override
    public void send(String node, Command command) {
        unanswered.computeIfAbsent(command.decision(), id -> new LinkedHashMap<>()).put(node, command);
        while (unanswered.size() > limit) {
            Iterator<Map.Entry<String, Map<String, Command>>> oldest = unanswered.entrySet().iterator();
            Map.Entry<String, Map<String, Command>> dropped = oldest.next();
            oldest.remove();
            LOG.warn("outbox full, oldest unanswered decision forgotten: decision={} nodes={} limit={}",
                    dropped.getKey(), dropped.getValue().keySet(), limit);
        }
        if (!recovering) {
            deliver(node, command);
        }
    }

    /** A fact the engine journaled: an outcome answers its decision for the node that sent it. */
    void observed(Observation fact) {
        if (fact instanceof RestartOutcome outcome && outcome.restartId() != null) {
            Map<String, Command> nodes = unanswered.get(outcome.restartId());
            if (nodes != null) {
                nodes.remove(nodeOf(fact.id()));
                if (nodes.isEmpty()) {
                    unanswered.remove(outcome.restartId());
                }
            }
        }
    }

    /** The node's agent is connected: sends it every command it has not answered, oldest first. */
    void connected(String node) {
        int sent = 0;
        for (Map<String, Command> nodes : unanswered.values()) {
            Command command = nodes.get(node);
            if (command != null && deliver(node, command)) {
                sent++;
            }
        }
        if (sent > 0) {
            LOG.info("unanswered commands sent to a connecting agent: node={} commands={}", node, sent);
        }
    }

    /** The journal is replayed: from now on commands go out as they are made. */
    void recovered() {
        recovering = false;
        if (!unanswered.isEmpty()) {
            LOG.info("decisions without an outcome in the journal, to be sent when their agents connect:"
                    + " decisions={}", unanswered.keySet());
        }
        for (Map.Entry<String, Map<String, Command>> entry : unanswered.entrySet()) {
            entry.getValue().forEach(this::deliver);
        }
    }

    /** Decisions sent or waiting that no outcome has answered yet. */
    int unanswered() {
        return unanswered.size();
    }

    private boolean deliver(String node, Command command) {
        if (!agents.test(node, command)) {
            LOG.warn("command kept until the agent connects: node={} decision={} target={}", node,
                    command.decision(), command.target());
            return false;
        }
        LOG.info("command sent node={} action={} target={} mode={} decision={}", node, command.action(),
                command.target(), command.mode(), command.decision());
        return true;
    }

    /** The node of an agent fact's journal id {@code node/incarnation/seq}. */
    static String nodeOf(String factId) {
        int seq = factId.lastIndexOf('/');
        int incarnation = seq <= 0 ? -1 : factId.lastIndexOf('/', seq - 1);
        return incarnation <= 0 ? "" : factId.substring(0, incarnation);
    }
}
