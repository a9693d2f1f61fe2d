package io.respawn.engine.oracle;

import static io.respawn.engine.oracle.Facts.at;
import static io.respawn.engine.oracle.Facts.killed;
import static io.respawn.engine.oracle.Facts.map;
import static io.respawn.engine.oracle.Facts.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.Alert;
import io.respawn.facts.Decision;
import io.respawn.facts.Escalate;
import io.respawn.facts.GroupId;
import io.respawn.facts.Restart;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.RestartResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restart storms at rule level: many components failing at one moment. The test plays the
 * agents: it reports the outcome of each restart it was told to make, oldest first, and
 * counts for itself how many restarts are in flight (decided, outcome not yet reported).
 */
class StormTest {
    private static final int BUDGET = 8;
    private static RuleBase rules;
    private final List<Oracle> opened = new ArrayList<>();

    @BeforeAll
    static void compileRules() {
        rules = RuleBase.defaults();
    }

    @AfterEach
    void close() {
        opened.forEach(Oracle::close);
    }

    /** A root holding {@code groups} groups g1.. of {@code perGroup} components c1.. each. */
    private static String stormMap(int groups, int perGroup, String massFailure) {
        StringBuilder yaml = new StringBuilder("""
                version: 1
                defaults: {node: n1, startupGrace: 2s, cureWindow: 10s}
                restartBudget: {inFlight: %d, timeout: 60s}
                massFailure: %s
                root:
                  group: root
                  children:
                """.formatted(BUDGET, massFailure));
        int c = 0;
        for (int g = 1; g <= groups; g++) {
            yaml.append("    - group: g").append(g).append("\n      children:\n");
            for (int i = 0; i < perGroup; i++) {
                yaml.append("        - {component: c").append(++c).append(", command: [sleep, \"86400\"]}\n");
            }
        }
        return yaml.toString();
    }

    /** Every component started at 0, then all of them killed at 1s, in name order. */
    private Oracle storm(String yaml, int components, List<Decision> decisions) {
        Oracle oracle = new Oracle(rules, null);
        opened.add(oracle);
        oracle.addListener(decisions::add);
        oracle.accept(map(yaml));
        for (int c = 1; c <= components; c++) {
            oracle.accept(started("s" + c, 0, "c" + c, c));
        }
        for (int c = 1; c <= components; c++) {
            oracle.accept(killed("e" + c, 1_000, "c" + c, c));
        }
        return oracle;
    }

    @Test
    void thousandFailuresAtOneMoment_neverMoreThanTheBudgetInFlight() {
        // given 1,000 components, each alone in its group, all killed at 1s; no mass-failure blame
        List<Decision> decisions = new ArrayList<>();
        Oracle oracle = storm(stormMap(1_000, 1, "none"), 1_000, decisions);

        // then at the moment of the storm: 8 restarts, and 992 alerts that a restart waits
        assertThat(decisions).hasSize(1_000);
        assertThat(decisions.stream().filter(d -> d instanceof Restart)).hasSize(BUDGET);
        assertThat(decisions.stream().filter(d -> d instanceof Alert)).hasSize(1_000 - BUDGET)
                .allSatisfy(a -> assertThat(((Alert) a).reason()).contains("waits: 8 restarts in flight"));

        // when the agents report each restart's outcome, oldest first, 10ms apart
        Deque<Restart> inFlight = new ArrayDeque<>();
        List<Restart> restarts = new ArrayList<>();
        int seen = 0;
        long ms = 1_000;
        int maxInFlight = 0;
        while (true) {
            for (; seen < decisions.size(); seen++) {
                if (decisions.get(seen) instanceof Restart r) {
                    inFlight.add(r);
                    restarts.add(r);
                    maxInFlight = Math.max(maxInFlight, inFlight.size());
                }
            }
            if (inFlight.isEmpty()) {
                break;
            }
            Restart done = inFlight.poll();
            ms += 10;
            oracle.accept(new RestartOutcome("o" + done.group(), at(ms), done.id(), done.group(),
                    RestartResult.SUCCEEDED, 10, List.of(), "", at(ms)));
        }

        // then every group was restarted once, in the order its component failed, never more than 8 at once
        assertThat(maxInFlight).isEqualTo(BUDGET);
        assertThat(restarts).extracting(r -> r.group().name())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 1_000)
                        .mapToObj(g -> "g" + g).toList());
        // and each restart that waited names the alert that said so
        for (Restart r : restarts.subList(BUDGET, restarts.size())) {
            assertThat(r.evidence()).hasSize(2).last().satisfies(id -> assertThat(decisions)
                    .anySatisfy(d -> assertThat(d).isInstanceOf(Alert.class).extracting(Decision::id).isEqualTo(id)));
        }
        assertThat(restarts.subList(0, BUDGET)).allSatisfy(r -> assertThat(r.evidence()).hasSize(1));
    }

    @Test
    void siblingsFailingWhileTheirGroupWaits_areRestartedOnceWithIt() {
        // given 30 groups of 10 components, all 300 killed at 1s; no mass-failure blame
        List<Decision> decisions = new ArrayList<>();
        Oracle oracle = storm(stormMap(30, 10, "none"), 300, decisions);

        // when the agents report every restart's outcome as it comes
        int seen = 0;
        long ms = 1_000;
        List<Restart> restarts = new ArrayList<>();
        while (seen < decisions.size()) {
            if (decisions.get(seen++) instanceof Restart r) {
                restarts.add(r);
                ms += 10;
                oracle.accept(new RestartOutcome("o" + r.group(), at(ms), r.id(), r.group(), RestartResult.SUCCEEDED,
                        10, List.of(), "", at(ms)));
            }
        }

        // then each group is restarted once: its other nine failures wait with it and go with its restart
        assertThat(restarts).hasSize(30).extracting(Restart::group).doesNotHaveDuplicates();
    }

    @Test
    void massFailureBelowTheRoot_restartsTheRootOnce() {
        // given 30 groups of 10 components below the root, all 300 killed at 1s; blame after 3 within 500ms
        List<Decision> decisions = new ArrayList<>();
        storm(stormMap(30, 10, "{window: 500ms, threshold: 3}"), 300, decisions);

        // then c1 restarts g1; c2..c10 go with that restart; c11 (g2) is the third failure below the root
        // outside g2 (c1, c2, ... already failed): the root is blamed once, and every later failure goes with it
        assertThat(decisions).hasSize(3);
        assertThat(decisions.get(0)).isInstanceOfSatisfying(Restart.class,
                r -> assertThat(r.group()).isEqualTo(GroupId.of("g1")));
        assertThat(decisions.get(1)).isInstanceOfSatisfying(Escalate.class, e -> {
            assertThat(e.from()).isEqualTo(GroupId.of("g2"));
            assertThat(e.to()).isEqualTo(GroupId.of("root"));
            assertThat(e.rule()).startsWith("ST-22");
            assertThat(e.evidence()).hasSize(11);   // c11's failure and the ten before it below the root
        });
        assertThat(decisions.get(2)).isInstanceOfSatisfying(Restart.class,
                r -> assertThat(r.group()).isEqualTo(GroupId.of("root")));
    }
}
