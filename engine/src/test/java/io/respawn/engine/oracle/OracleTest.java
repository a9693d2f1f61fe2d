package io.respawn.engine.oracle;

import static io.respawn.engine.oracle.Facts.at;
import static io.respawn.engine.oracle.Facts.beat;
import static io.respawn.engine.oracle.Facts.killed;
import static io.respawn.engine.oracle.Facts.map;
import static io.respawn.engine.oracle.Facts.started;
import static io.respawn.engine.oracle.Facts.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.respawn.facts.Decision;
import io.respawn.facts.GroupId;
import io.respawn.facts.Observation;
import io.respawn.facts.Restart;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OracleTest {
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

    private List<Decision> run(Observation... facts) {
        Oracle oracle = new Oracle(rules, null);
        opened.add(oracle);
        List<Decision> decisions = new ArrayList<>();
        oracle.addListener(decisions::add);
        for (Observation fact : facts) {
            oracle.accept(fact);
        }
        return decisions;
    }

    @Test
    void heartbeatTimeout_firesAtItsDueTime_whateverTheSpacingOfFacts() {
        // web beats at 1s, then nothing until a tick a minute later: silent at 1s + 3s
        List<Decision> decisions = run(map(Facts.MAP), started("s1", 0, "web", 10), beat("h1", 1_000, "web", 10, 1),
                tick("t1", 61_000));

        assertThat(decisions).singleElement().isInstanceOfSatisfying(Restart.class, r -> {
            assertThat(r.group()).isEqualTo(GroupId.of("apps"));
            assertThat(r.at()).isEqualTo(at(4_000));
        });
    }

    @Test
    void heartbeatJustInTime_keepsComponentAlive() {
        // beats 2999 ms apart: each arrives 1 ms before the 3 s timeout
        List<Decision> decisions = run(map(Facts.MAP), started("s1", 0, "web", 10), beat("h1", 1_000, "web", 10, 1),
                beat("h2", 3_999, "web", 10, 2), beat("h3", 6_998, "web", 10, 3), tick("t1", 9_997));

        assertThat(decisions).isEmpty();
    }

    @Test
    void heartbeatFromTheOldProcess_doesNotKeepTheNewOneAlive() {
        // web restarted as pid 11 at 0.5s; a late beat from pid 10 at 2s is ignored: silent at 0.5s + 2s grace
        List<Decision> decisions = run(map(Facts.MAP), started("s1", 0, "web", 10), started("s2", 500, "web", 11),
                beat("h1", 2_000, "web", 10, 7), tick("t1", 5_000));

        assertThat(decisions).singleElement().satisfies(d -> assertThat(d.at()).isEqualTo(at(2_500)));
    }

    @Test
    void sameFactsTwice_giveTheSameDecisionsAndIds() {
        Observation[] day = {map(Facts.MAP), started("s1", 0, "db", 1), killed("e1", 5_000, "db", 1),
            started("s2", 5_200, "db", 2), killed("e2", 6_000, "db", 2), tick("t1", 20_000)};

        List<Decision> first = run(day);
        List<Decision> second = run(day);

        assertThat(first).hasSize(3).isEqualTo(second);
    }

    @Test
    void probeFailingWithThresholdOne_failsOnce_withoutARuleLoop() {
        // the failed result that starts a streak also completes it; it must not start another
        String map = Facts.MAP.replace("heartbeat: {interval: 1s, timeout: 3s}", "probeThresholds: {failures: 1}\n"
                + "          probes: [{name: ping, tcp: {host: 127.0.0.1, port: 1}, interval: 1s, timeout: 200ms}]");
        Oracle oracle = new Oracle(rules, null);
        opened.add(oracle);
        List<Decision> decisions = new ArrayList<>();
        oracle.addListener(decisions::add);

        oracle.accept(map(map));
        oracle.accept(started("s1", 0, "web", 10));
        long before = oracle.firings();
        oracle.accept(new io.respawn.facts.ProbeResult("p1", at(1_000), io.respawn.facts.ComponentId.of("web"),
                "ping", io.respawn.facts.ProbeStatus.FAIL, 200, "no answer", null));

        assertThat(decisions).singleElement().isInstanceOf(Restart.class);
        assertThat(oracle.firings() - before).as("rule firings for one failed probe").isLessThan(50);
    }

    @Test
    void failuresAfterARestartOfTwoComponents_inferTwoDependenciesWithDistinctIds() {
        // infra holds db and cache; web (apps) fails 1 s after each restart of infra, twice
        String map = Facts.MAP.replace("""
                        - component: db
                          command: [sleep, "86400"]""".stripIndent().indent(8).stripTrailing(), """
                        - component: db
                          command: [sleep, "86400"]
                        - component: cache
                          command: [sleep, "86400"]""".stripIndent().indent(8).stripTrailing());
        assertThat(map).contains("component: cache");
        List<Decision> decisions = run(map(map), started("s1", 0, "db", 1), started("s2", 0, "cache", 2),
                started("s3", 0, "web", 3),
                killed("e1", 10_000, "db", 1), started("s4", 10_100, "db", 11), started("s5", 10_100, "cache", 12),
                killed("e2", 11_100, "web", 3), started("s6", 11_200, "web", 13),
                killed("e3", 30_000, "db", 11), started("s7", 30_100, "db", 21), started("s8", 30_100, "cache", 22),
                killed("e4", 31_100, "web", 13));

        List<io.respawn.facts.InferDependency> inferred = decisions.stream()
                .filter(io.respawn.facts.InferDependency.class::isInstance)
                .map(io.respawn.facts.InferDependency.class::cast).toList();
        assertThat(inferred).extracting(i -> i.dependent() + "->" + i.dependsOn())
                .containsExactlyInAnyOrder("web->db", "web->cache");
        assertThat(inferred).extracting(Decision::id).doesNotHaveDuplicates();
    }

    @Test
    void factBeforeTheClock_isRefused() {
        Oracle oracle = new Oracle(rules, null);
        opened.add(oracle);
        oracle.accept(map(Facts.MAP));
        oracle.accept(tick("t1", 5_000));

        assertThatThrownBy(() -> oracle.accept(tick("t0", 4_999)))
                .hasMessageContaining("before the oracle's clock");
    }

    @Test
    void factWithoutAMap_isRefused() {
        Oracle oracle = new Oracle(rules, null);
        opened.add(oracle);

        assertThatThrownBy(() -> oracle.accept(started("s1", 0, "db", 1)))
                .hasMessageContaining("s1 - no restart map in force");
    }
}
