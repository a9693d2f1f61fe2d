package io.respawn.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.status.Views.ComponentView;
import io.respawn.engine.status.Views.DecisionView;
import io.respawn.engine.status.Views.GroupView;
import io.respawn.facts.GroupId;
import io.respawn.facts.Observation;
import io.respawn.facts.OperatorPause;
import io.respawn.facts.OperatorResume;
import io.respawn.facts.log.FactJson;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.LogEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The board as a fold: scenario fact logs replayed through the default rules into a board. */
class StatusBoardTest {
    private static final Path SCENARIOS = Path.of("../test-scenarios/scenarios");
    private static RuleBase rules;

    private final List<BoardChange> changes = new ArrayList<>();

    @BeforeAll
    static void compileRules() {
        rules = RuleBase.defaults();
    }

    /** Replays a scenario's fact log into a fresh board, as the engine would have folded it live. */
    private StatusBoard replay(String scenario, Observation... more) {
        StatusBoard board = StatusBoard.replayed();
        board.addChangeListener(changes::add);
        try (Oracle oracle = new Oracle(rules, null);
             FactLogReader reader = FactLogReader.open(SCENARIOS.resolve(scenario).resolve("facts.jsonl"),
                     FactLogReader.BadLines.STOP, e -> { })) {
            oracle.addFailureListener(board::failed);
            oracle.addListener(board::decided);
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                show(oracle, board, entry.fact());
            }
            for (Observation fact : more) {
                show(oracle, board, fact);
            }
        }
        return board;
    }

    private static void show(Oracle oracle, StatusBoard board, Observation fact) {
        oracle.accept(fact);
        board.fact(fact);
    }

    private static GroupView group(GroupView tree, String name) {
        if (tree.name().equals(name)) {
            return tree;
        }
        for (GroupView child : tree.groups()) {
            GroupView found = group(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Test
    void crashRestartsSmallestGroup_componentsRunAgainWithRestartCountsAndTheFailureCause() {
        StatusBoard board = replay("01-crash-restarts-smallest-group");

        ComponentView db = board.component("db").orElseThrow();
        assertThat(db.state()).isEqualTo(ComponentState.RUNNING);
        assertThat(db.pid()).isEqualTo(301);
        assertThat(db.node()).isEqualTo("node1");
        assertThat(db.restarts()).isEqualTo(1);
        // started at 10:00:31, last fact (the tick) at 10:00:45
        assertThat(db.uptimeMs()).isEqualTo(14_000);
        assertThat(db.lastFailure().cause()).isEqualTo("exited");
        assertThat(db.lastFailure().words()).isEqualTo("db failed (exited): process node1:101 exited unasked with signal 9");
        // cache was restarted alone (cache-group), then again with infra
        assertThat(board.component("cache").orElseThrow().restarts()).isEqualTo(2);
        assertThat(group(board.tree(), "infra").restarts()).isEqualTo(1);
        assertThat(board.tree().state()).isEqualTo(ComponentState.STOPPED); // web, worker, batch never started
    }

    @Test
    void decisionLog_newestFirst_withRuleAndTheFactsThatMatched() {
        StatusBoard board = replay("01-crash-restarts-smallest-group");

        List<DecisionView> log = board.decisions(10);
        assertThat(log).extracting(DecisionView::type).containsExactly("restart", "restart");
        DecisionView last = log.get(0);
        assertThat(last.group()).isEqualTo("infra");
        assertThat(last.component()).isEqualTo("db");
        assertThat(last.rule()).startsWith("RS-10 ");
        assertThat(last.words()).isEqualTo("restart group infra because db failed");
        // restart <- failure belief <- the exit the agent reported
        assertThat(last.evidence()).singleElement().satisfies(failure -> {
            assertThat(failure.text()).startsWith("db failed (exited): process node1:101 exited unasked with signal 9 (rule \"FI-03 ");
            assertThat(failure.because()).singleElement().satisfies(exit -> {
                assertThat(exit.id()).isEqualTo("e2");
                assertThat(exit.text()).isEqualTo("db (pid 101 on node1) exited unasked: signal 9");
            });
        });
        assertThat(board.decisions(1)).containsExactly(last);
    }

    @Test
    void heartbeatFloods_showAsAlertsWithTheAgentsReportInWords() {
        StatusBoard board = replay("hi-01-heartbeat-flood-alerts-once");

        List<DecisionView> log = board.decisions(10);
        assertThat(log).extracting(DecisionView::type).containsExactly("alert", "alert", "alert");
        // the flood that named no component: an alert about no component
        DecisionView garbage = log.get(1);
        assertThat(garbage.component()).isNull();
        assertThat(garbage.words()).isEqualTo("alert: heartbeat flood at node1 from 198.51.100.9: 101 datagrams"
                + " dropped in 5s (limit 100); the agent reports it every window until it ends");
        assertThat(garbage.evidence()).singleElement().satisfies(flood -> assertThat(flood.text()).isEqualTo(
                "heartbeat datagrams from 198.51.100.9 at node1: 101 dropped in 5s (limit 100): a flood"));
        assertThat(log.get(2).component()).isEqualTo("db");
        assertThat(board.component("db").orElseThrow().state()).isEqualTo(ComponentState.RUNNING);
    }

    @Test
    void restartThenStart_isReportedAsRecoveredWithTheTimeFromFailureToNewStart() {
        replay("01-crash-restarts-smallest-group");

        assertThat(changes).filteredOn(c -> c.event().equals("recovered")).extracting(BoardChange::data)
                // cache failed at 5.000 and started again at 6.000; db failed at 30.000, started at 31.000
                .containsExactly(new Views.RecoveryView("cache", "cache-group", board01RestartId(0), 1000),
                        new Views.RecoveryView("db", "infra", board01RestartId(1), 1000));
    }

    private String board01RestartId(int index) {
        return changes.stream().filter(c -> c.event().equals("decision")).map(c -> (DecisionView) c.data())
                .toList().get(index).id();
    }

    @Test
    void giveUpAtRoot_showsGivenUpEverywhereAndAnOpenGiveUp() {
        StatusBoard board = replay("11-escalation-to-root-and-give-up");

        GroupView tree = board.tree();
        assertThat(tree.givenUp()).isTrue();
        assertThat(tree.state()).isEqualTo(ComponentState.GIVEN_UP);
        assertThat(group(tree, "apps").state()).isEqualTo(ComponentState.GIVEN_UP);
        // db exited at 11.000 and worker at 14.000, neither restarted; web fell silent after 19.500; batch runs
        assertThat(board.component("db").orElseThrow().state()).isEqualTo(ComponentState.GIVEN_UP);
        assertThat(board.component("worker").orElseThrow().state()).isEqualTo(ComponentState.GIVEN_UP);
        assertThat(board.component("web").orElseThrow().state()).isEqualTo(ComponentState.GIVEN_UP);
        assertThat(board.component("web").orElseThrow().lastFailure().cause()).isEqualTo("heartbeat-silent");
        assertThat(board.component("batch").orElseThrow().state()).isEqualTo(ComponentState.RUNNING);
        assertThat(board.giveUps()).singleElement().satisfies(g -> {
            assertThat(g.open()).isTrue();
            assertThat(g.group()).isEqualTo("root");
            assertThat(g.component()).isEqualTo("db");
            assertThat(g.rule()).startsWith("GU-01 ");
        });
        assertThat(board.summary().givenUp()).containsExactly("root");
        assertThat(board.summary().openGiveUps()).isEqualTo(1);
        assertThat(changes).extracting(BoardChange::event).contains("giveups", "tree", "decision");
    }

    @Test
    void acknowledgement_closesTheGiveUpAndTheRearmLiftsIt() {
        StatusBoard board = replay("14-acknowledgement-rearms");

        assertThat(board.giveUps()).isNotEmpty().allSatisfy(g -> {
            assertThat(g.open()).isFalse();
            assertThat(g.acknowledgedBy()).isEqualTo("alice");
        });
        assertThat(board.decisions(100)).extracting(DecisionView::type).contains("rearm");
        assertThat(board.summary().openGiveUps()).isZero();
    }

    @Test
    void inferredDependency_awaitsReviewUntilAccepted() {
        StatusBoard board = replay("17-dependency-from-co-failures");

        // inferred at 31.500, accepted by alice at 40.000
        assertThat(changes).filteredOn(c -> c.event().equals("dependencies")).extracting(BoardChange::data)
                .first().asList().singleElement().satisfies(d -> {
                    Views.DependencyView proposal = (Views.DependencyView) d;
                    assertThat(proposal.dependent()).isEqualTo("web");
                    assertThat(proposal.dependsOn()).isEqualTo("db");
                    assertThat(proposal.rule()).startsWith("DEP-02 ");
                });
        assertThat(board.dependencies()).isEmpty();
        assertThat(board.why("web").orElseThrow().decision().type()).isEqualTo("restart-dependent");
    }

    @Test
    void rejectedDependency_inferredAgainFromNewEvidence_awaitsReviewAgain() {
        StatusBoard board = replay("19-rejected-dependency");

        // rejected at 50.000; inferred again at 1:40.500
        assertThat(board.dependencies()).singleElement()
                .satisfies(d -> assertThat(d.at()).isEqualTo(Instant.parse("2026-11-27T10:01:40.500Z")));
    }

    @Test
    void pause_showsThePausedGroupAndItsStoppedComponents_resumeLiftsIt() {
        Instant end = Instant.parse("2026-11-27T10:01:00Z");
        StatusBoard board = replay("11-escalation-to-root-and-give-up",
                new OperatorPause("p1", end, GroupId.of("apps"), "alice", "deploy"));

        GroupView apps = group(board.tree(), "apps");
        assertThat(apps.paused()).isTrue();
        assertThat(board.summary().paused()).containsExactly("apps");
        assertThat(apps.state()).isEqualTo(ComponentState.GIVEN_UP); // given up at root outranks paused
        assertThat(board.component("batch").orElseThrow().state()).isEqualTo(ComponentState.RUNNING);

        StatusBoard resumed = replay("11-escalation-to-root-and-give-up",
                new OperatorPause("p1", end, GroupId.of("apps"), "alice", "deploy"),
                new OperatorResume("p2", end.plusSeconds(1), GroupId.of("apps"), "alice", ""));
        assertThat(group(resumed.tree(), "apps").paused()).isFalse();
        assertThat(resumed.summary().paused()).isEmpty();
    }

    @Test
    void why_saysTheLastDecisionItsRuleAndEvidenceInPlainWords() {
        StatusBoard board = replay("11-escalation-to-root-and-give-up");

        String words = board.why("db").orElseThrow().words();
        assertThat(words).startsWith("db is given-up, restarted 2 times.\n");
        assertThat(words).contains("give up at root after db failed");
        assertThat(words).contains("Rule: \"GU-01 ");
        assertThat(words).contains("      - db (pid 301 on node1) exited unasked: signal 11 [e8]\n");
        assertThat(board.why("nosuch")).isEmpty();
    }

    @Test
    void sameLogTwice_sameBoard() throws Exception {
        ObjectMapper json = FactJson.mapper();
        StatusBoard once = replay("21-iroom-morning");
        StatusBoard twice = replay("21-iroom-morning");

        assertThat(json.writeValueAsString(twice.tree())).isEqualTo(json.writeValueAsString(once.tree()));
        assertThat(json.writeValueAsString(twice.decisions(1000)))
                .isEqualTo(json.writeValueAsString(once.decisions(1000)));
        assertThat(json.writeValueAsString(twice.summary())).isEqualTo(json.writeValueAsString(once.summary()));
    }
}
