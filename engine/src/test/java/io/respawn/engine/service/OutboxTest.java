package io.respawn.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.GroupId;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.RestartResult;
import io.respawn.wire.Command;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the engine keeps for its agents, and when it sends it. */
class OutboxTest {
    private final Set<String> connected = new HashSet<>();
    private final List<String> delivered = new ArrayList<>();
    private final Outbox outbox = new Outbox((node, command) -> {
        if (!connected.contains(node)) {
            return false;
        }
        delivered.add(node + ":" + command.decision());
        return true;
    }, 3);

    private static Command restart(String decision, String group) {
        return new Command(decision, Command.Action.RESTART_GROUP, group, Command.StopMode.GRACEFUL);
    }

    private static RestartOutcome outcome(String node, String decision) {
        Instant at = Instant.parse("2026-11-27T10:00:00Z");
        return new RestartOutcome(node + "/inc1/7", at, decision, GroupId.of("g"), RestartResult.SUCCEEDED, 5,
                List.of(), "", at);
    }

    @Test
    void liveCommandForAConnectedNode_isSentAtOnce() {
        outbox.recovered();
        connected.add("n1");

        outbox.send("n1", restart("d-1", "g"));

        assertThat(delivered).containsExactly("n1:d-1");
    }

    @Test
    void commandsForANodeAway_wait_andAreSentInOrderWhenItConnects() {
        outbox.recovered();

        outbox.send("n1", restart("d-1", "g"));
        outbox.send("n2", restart("d-2", "h"));
        outbox.send("n1", restart("d-3", "g"));
        connected.add("n1");
        outbox.connected("n1");

        assertThat(delivered).containsExactly("n1:d-1", "n1:d-3");
    }

    @Test
    void outcomeFromTheNode_answersItsDecision_soAReconnectDoesNotSendItAgain() {
        outbox.recovered();
        connected.add("n1");
        outbox.send("n1", restart("d-1", "g"));
        outbox.send("n1", restart("d-2", "g"));

        outbox.observed(outcome("n1", "d-1"));
        delivered.clear();
        outbox.connected("n1");

        assertThat(delivered).containsExactly("n1:d-2");    // sent again: the agent answers it as a duplicate
    }

    @Test
    void outcomeFromAnotherNode_leavesTheDecisionOwedToThisOne() {
        outbox.recovered();
        outbox.send("n1", restart("d-1", "g"));
        outbox.send("n2", restart("d-1", "g"));              // a group with members on two nodes

        outbox.observed(outcome("n2", "d-1"));
        connected.add("n1");
        connected.add("n2");
        outbox.connected("n1");
        outbox.connected("n2");

        assertThat(delivered).containsExactly("n1:d-1");
    }

    @Test
    void replayedDecisions_areHeldDuringRecovery_andThoseWithoutOutcomeSentAfterIt() {
        connected.add("n1");
        // replaying the journal: d-1 was answered, d-2 was not (the engine died first)
        outbox.send("n1", restart("d-1", "g"));
        outbox.observed(outcome("n1", "d-1"));
        outbox.send("n1", restart("d-2", "g"));
        assertThat(delivered).isEmpty();

        outbox.recovered();

        assertThat(delivered).containsExactly("n1:d-2");
    }

    @Test
    void fullOutbox_forgetsTheOldestDecision() {
        outbox.recovered();
        for (int i = 1; i <= 4; i++) {
            outbox.send("n1", restart("d-" + i, "g"));
        }
        connected.add("n1");

        outbox.connected("n1");

        assertThat(outbox.unanswered()).isEqualTo(3);
        assertThat(delivered).containsExactly("n1:d-2", "n1:d-3", "n1:d-4");
    }

    @Test
    void nodeOfAJournalId_isWhatComesBeforeIncarnationAndSeq() {
        assertThat(Outbox.nodeOf("node1/9f2c/42")).isEqualTo("node1");
        assertThat(Outbox.nodeOf("rack/a/9f2c/42")).isEqualTo("rack/a");
        assertThat(Outbox.nodeOf("engine-fact")).isEmpty();
    }
}
