package io.respawn.engine.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.replay.Replay;
import io.respawn.facts.Observation;
import io.respawn.facts.Restart;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.FactLogWriter;
import io.respawn.facts.map.RestartMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationTest {
    /** web fails often and shares apps with slow, which takes 5s to start; neither sends heartbeats. */
    static final String SHARED = """
            version: 1
            defaults: {node: n1, startupGrace: 1s, cureWindow: 5s, intensity: {restarts: 3, period: 60s}}
            root:
              group: root
              children:
                - group: apps
                  children:
                    - component: web
                      command: [web]
                    - component: slow
                      command: [slow]
            """;
    static final String SPEC = """
            version: 1
            seed: 11
            duration: 2h
            restart: {default: 500ms, components: {slow: 5s}}
            faults:
              - {name: web-crash, component: web, kind: crash, every: 5m}
            """;

    private static RuleBase rules;

    @BeforeAll
    static void compileRules() {
        rules = RuleBase.defaults();
    }

    static SimulationResult run(String map, String spec, List<Observation> log) throws Exception {
        SimulationSpec s = SpecReader.parse(spec, "spec.yaml", RestartMap.parse(map, "map.yaml"));
        return Simulation.run(rules, map, "map.yaml", s, log == null ? null : log::add);
    }

    @Test
    void crashCuredByItsGroup_recoversWhenTheWholeGroupIsBack() throws Exception {
        SimulationResult result = run(SHARED, SPEC, null);

        // each crash restarts apps: web is back after 500ms, slow after 5s; the restart is done at 5s
        assertThat(result.faults()).hasSizeGreaterThan(10).allSatisfy(f -> {
            assertThat(f.faultClass()).isEqualTo("web-crash");
            assertThat(f.recoveryMs()).isEqualTo(5_000);
        });
        // one restart per crash; a crash soon after the last restart escalates to root instead
        assertThat(result.restarts()).isEqualTo(result.faults().size());
        assertThat(result.restartsByGroup().get("apps")).isGreaterThan(result.restartsByGroup().getOrDefault("root", 0L));
        assertThat(result.giveUps()).isZero();
    }

    @Test
    void sameSeed_givesTheSameFactsAndResults() throws Exception {
        List<Observation> first = new ArrayList<>();
        List<Observation> second = new ArrayList<>();
        SimulationResult a = run(SHARED, SPEC, first);
        SimulationResult b = run(SHARED, SPEC, second);

        assertThat(second).isEqualTo(first);
        assertThat(b.faults()).isEqualTo(a.faults());
        assertThat(b.restartsByGroup()).isEqualTo(a.restartsByGroup());
    }

    @Test
    void otherSeed_givesOtherFaults() throws Exception {
        SimulationResult a = run(SHARED, SPEC, null);
        SimulationResult b = run(SHARED, SPEC.replace("seed: 11", "seed: 12"), null);

        assertThat(b.faults().stream().map(FaultRecord::arrivedMs).toList())
                .isNotEqualTo(a.faults().stream().map(FaultRecord::arrivedMs).toList());
    }

    @Test
    void sameFaults_hitTwoTreesAtTheSameTimes() throws Exception {
        String split = SHARED.replace("""
                    - component: web
                      command: [web]
            """, """
                    - group: web-alone
                      children:
                        - component: web
                          command: [web]
            """);
        SimulationResult shared = run(SHARED, SPEC, null);
        SimulationResult alone = run(split, SPEC, null);

        assertThat(alone.faults().stream().map(FaultRecord::arrivedMs).toList())
                .isEqualTo(shared.faults().stream().map(FaultRecord::arrivedMs).toList());
        // web alone is back in 500ms instead of waiting for slow's 5s
        assertThat(alone.faults()).allSatisfy(f -> assertThat(f.recoveryMs()).isEqualTo(500));
        assertThat(alone.restartsByGroup()).containsOnlyKeys("web-alone");
    }

    @Test
    void factLog_replaysToTheSameDecisions(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("sim.jsonl");
        SimulationResult result;
        try (FactLogWriter writer = new FactLogWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            SimulationSpec s = SpecReader.parse(SPEC, "spec.yaml", RestartMap.parse(SHARED, "map.yaml"));
            result = Simulation.run(rules, SHARED, "map.yaml", s, writer::append);
        }
        Map<String, Long> replayed = new HashMap<>();
        new Replay(rules, null, FactLogReader.BadLines.STOP).run(log, d -> {
            if (d.decision() instanceof Restart r) {
                replayed.merge(r.group().name(), 1L, Long::sum);
            }
        }, e -> { });

        assertThat(replayed).isEqualTo(result.restartsByGroup()).isNotEmpty();
    }

    @Test
    void hangIsSeenByHeartbeatSilence_andRecoversAfterTheTimeoutAndTheRestart() throws Exception {
        String map = """
                version: 1
                defaults: {node: n1, startupGrace: 2s, cureWindow: 5s, heartbeat: {interval: 500ms, timeout: 2s}}
                root:
                  group: root
                  children:
                    - group: apps
                      children:
                        - component: web
                          command: [web]
                """;
        String spec = """
                version: 1
                seed: 3
                duration: 30m
                restart: {default: 1s}
                faults:
                  - {name: web-hang, component: web, kind: hang, every: 5m}
                """;
        SimulationResult result = run(map, spec, null);

        // silent for the 2s timeout after its last beat (up to 500ms before the hang), then a 1s restart
        assertThat(result.faults()).isNotEmpty().allSatisfy(f ->
                assertThat(f.recoveryMs()).isBetween(2_500L, 3_000L));
    }

    @Test
    void faultNoRestartCures_givesUp_andTheOperatorBringsItBack() throws Exception {
        String spec = """
                version: 1
                seed: 5
                duration: 2h
                operator: 10m
                restart: {default: 500ms}
                faults:
                  - {name: web-broken, component: web, kind: crash, every: 30m, curedBy: never, recurs: 2s}
                """;
        SimulationResult withOperator = run(SHARED, spec, null);
        SimulationResult alone = run(SHARED, spec.replace("operator: 10m\n", ""), null);

        assertThat(withOperator.giveUps()).isPositive();
        assertThat(withOperator.faults().get(0).recovered()).isTrue();
        assertThat(withOperator.faults().get(0).recoveryMs()).isGreaterThan(600_000);
        assertThat(alone.giveUps()).isEqualTo(1);
        assertThat(alone.faults()).singleElement().satisfies(f -> assertThat(f.recovered()).isFalse());
    }

    @Test
    void spreadingFault_strikesTheDependentToo() throws Exception {
        // slow depends on web (after:) but sits in a group of its own
        String map = SHARED.replace("""
                    - component: slow
                      command: [slow]
            """, """
                - group: back
                  children:
                    - component: slow
                      command: [slow]
                      after: [web]
            """);
        String spec = SPEC.replace("every: 5m}", "every: 5m, spreads: {to: dependents, after: 100ms}}");
        SimulationResult result = run(map, spec, null);

        assertThat(result.byClass()).containsKeys("web-crash", "web-crash (spread)");
        assertThat(result.restartsByGroup()).containsKeys("apps", "back");
    }

    @Test
    void specNamingComponentsTheOtherMapLacks_isRefused() throws Exception {
        SimulationSpec spec = SpecReader.parse(SPEC, "spec.yaml", RestartMap.parse(SHARED, "map.yaml"));
        String other = SHARED.replace("component: web", "component: www");

        assertThatThrownBy(() -> Simulation.run(rules, other, "other.yaml", spec, null))
                .hasMessageContaining("other.yaml").hasMessageContaining("[web]");
    }
}
