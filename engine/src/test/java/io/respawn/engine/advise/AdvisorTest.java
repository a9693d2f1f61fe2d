package io.respawn.engine.advise;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.simulate.Simulation;
import io.respawn.engine.simulate.SimulationResult;
import io.respawn.engine.simulate.SimulationSpec;
import io.respawn.engine.simulate.SpecReader;
import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import io.respawn.facts.log.FactLogWriter;
import io.respawn.facts.map.RestartMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdvisorTest {
    private static final Advisor.Settings SETTINGS = new Advisor.Settings(Thresholds.defaults(), 1,
            Duration.ofHours(2));
    private static RuleBase rules;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileRules() {
        rules = RuleBase.defaults();
    }

    /** Simulates {@code spec} on {@code map}, writes the fact log and advises on it. */
    private Advice adviseOn(String map, String spec) throws Exception {
        Path log = dir.resolve("sim.jsonl");
        try (FactLogWriter writer = new FactLogWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            Simulation.run(rules, map, "map.yaml", read(spec, map), writer::append);
        }
        return Advisor.advise(log, rules, SETTINGS);
    }

    private static SimulationSpec read(String spec, String map) throws Exception {
        return SpecReader.parse(spec, "spec.yaml", RestartMap.parse(map, "map.yaml"));
    }

    private static List<Proposal> of(Advice advice, Proposal.Kind kind) {
        return advice.proposals().stream().filter(p -> p.kind() == kind).toList();
    }

    @Test
    void oftenFailingComponentInASlowGroup_getsDepthAugmentation_andRecoversFaster() throws Exception {
        // web crashes every 5m and shares apps with slow, which takes 8s to start
        String map = """
                version: 1
                defaults: {node: n1, startupGrace: 1s, cureWindow: 5s}
                root:
                  group: root
                  children:
                    - group: apps
                      children:
                        - component: web
                          command: [web]
                        - component: slow
                          command: [slow]
                    - group: db
                      children:
                        - component: store
                          command: [store]
                """;
        String spec = """
                version: 1
                seed: 4
                duration: 2h
                restart: {default: 500ms, components: {slow: 8s}}
                faults:
                  - {name: web-crash, component: web, every: 5m}
                  - {name: store-crash, component: store, every: 1h}
                """;
        Advice advice = adviseOn(map, spec);

        assertThat(of(advice, Proposal.Kind.DEPTH_AUGMENTATION)).singleElement().satisfies(p -> {
            assertThat(p.subjects()).containsExactly(ComponentId.of("web"));
            RestartMap proposed = RestartMap.parse(p.proposedYaml(), "proposed.yaml");
            assertThat(proposed.smallestGroupOf(ComponentId.of("web"))).isEqualTo(GroupId.of("web-alone"));
            assertThat(proposed.parentOf(GroupId.of("web-alone"))).contains(GroupId.of("apps"));
            assertThat(proposed.smallestGroupOf(ComponentId.of("slow"))).isEqualTo(GroupId.of("apps"));
            assertThat(p.diff()).contains("+        - group: web-alone", "-        - component: web");
            // the advisor's own estimate
            assertThat(p.after().orElseThrow().overall().meanMs())
                    .isLessThan(p.before().orElseThrow().overall().meanMs() / 4);
            // and the tree recovers faster on the spec's own faults, same seed
            SimulationResult before = Simulation.run(rules, map, "map.yaml", read(spec, map), null);
            SimulationResult after = Simulation.run(rules, p.proposedYaml(), "proposed.yaml", read(spec, map), null);
            assertThat(after.faults().size()).isEqualTo(before.faults().size());
            assertThat(after.byClass().get("web-crash").meanMs()).isLessThan(1_000);
            assertThat(before.byClass().get("web-crash").meanMs()).isGreaterThanOrEqualTo(8_000);
        });
        // store fails rarely and is alone in its group: nothing to propose for it
        assertThat(advice.proposals()).allSatisfy(p -> assertThat(p.subjects()).doesNotContain(ComponentId.of("store")));
    }

    @Test
    void componentsThatAlwaysFailTogether_getAConsolidationProposal() throws Exception {
        String map = """
                version: 1
                defaults: {node: n1, startupGrace: 1s, cureWindow: 5s}
                root:
                  group: root
                  children:
                    - group: left
                      children:
                        - component: board
                          command: [board]
                    - group: right
                      children:
                        - component: pointer
                          command: [pointer]
                    - group: other
                      children:
                        - component: clock
                          command: [clock]
                """;
        String spec = """
                version: 1
                seed: 2
                duration: 2h
                restart: {default: 1s}
                faults:
                  - {name: board-crash, component: board, every: 10m, spreads: {to: [pointer], after: 300ms}}
                  - {name: clock-crash, component: clock, every: 10m}
                """;
        Advice advice = adviseOn(map, spec);

        assertThat(of(advice, Proposal.Kind.CONSOLIDATION)).singleElement().satisfies(p -> {
            assertThat(p.subjects()).containsExactly(ComponentId.of("board"), ComponentId.of("pointer"));
            RestartMap proposed = RestartMap.parse(p.proposedYaml(), "proposed.yaml");
            GroupId joint = proposed.smallestGroupOf(ComponentId.of("board"));
            assertThat(joint).isEqualTo(GroupId.of("board-pointer"));
            assertThat(proposed.smallestGroupOf(ComponentId.of("pointer"))).isEqualTo(joint);
            assertThat(proposed.group(GroupId.of("left"))).isEmpty();      // left empty: removed
            assertThat(proposed.group(GroupId.of("right"))).isEmpty();
            assertThat(p.evidence().get(0)).matches("\\d+ of board's \\d+ failures came within 2.00s of a failure of pointer");
        });
        // clock fails as often, but on its own
        assertThat(advice.proposals()).allSatisfy(p -> assertThat(p.subjects()).doesNotContain(ComponentId.of("clock")));
    }

    @Test
    void componentRarelyCuredAlone_getsAPromotionProposal() throws Exception {
        // dheap's fault is cured only by restarting infra (eheap with it); its own group storage never cures it
        String map = """
                version: 1
                defaults: {node: n1, startupGrace: 1s, cureWindow: 5s}
                root:
                  group: root
                  children:
                    - group: infra
                      children:
                        - component: eheap
                          command: [eheap]
                        - group: storage
                          children:
                            - component: dheap
                              command: [dheap]
                    - group: apps
                      children:
                        - component: web
                          command: [web]
                """;
        String spec = """
                version: 1
                seed: 8
                duration: 2h
                restart: {default: 1s, components: {dheap: 3s}}
                faults:
                  - {name: dheap-stale, component: dheap, every: 15m, curedBy: {group: infra}, recurs: 2s}
                  - {name: web-crash, component: web, every: 15m}
                """;
        Advice advice = adviseOn(map, spec);

        assertThat(of(advice, Proposal.Kind.PROMOTION)).singleElement().satisfies(p -> {
            assertThat(p.subjects()).containsExactly(ComponentId.of("dheap"));
            assertThat(p.title()).isEqualTo("move dheap up from storage into infra");
            RestartMap proposed = RestartMap.parse(p.proposedYaml(), "proposed.yaml");
            assertThat(proposed.smallestGroupOf(ComponentId.of("dheap"))).isEqualTo(GroupId.of("infra"));
            assertThat(proposed.group(GroupId.of("storage"))).isEmpty();
            assertThat(p.evidence().get(0)).startsWith("restarts of storage for dheap cured 0 of ");
            assertThat(p.after().orElseThrow().byClass().get("dheap-crash").meanMs())
                    .isLessThan(p.before().orElseThrow().byClass().get("dheap-crash").meanMs());
        });
        // web's restarts cure: no promotion for it
        assertThat(advice.proposals()).allSatisfy(p -> assertThat(p.subjects()).doesNotContain(ComponentId.of("web")));
    }

    @Test
    void editThatWouldChangeInheritedSettings_isNotProposed() throws Exception {
        // board inherits a heartbeat from left's defaults; moved into a new group under root it would lose it
        String map = """
                version: 1
                defaults: {node: n1, startupGrace: 1s, cureWindow: 5s}
                root:
                  group: root
                  children:
                    - group: left
                      defaults: {stopGrace: 9s}
                      children:
                        - component: board
                          command: [board]
                    - group: right
                      children:
                        - component: pointer
                          command: [pointer]
                """;
        String spec = """
                version: 1
                seed: 2
                duration: 2h
                faults:
                  - {name: board-crash, component: board, every: 10m, spreads: {to: [pointer], after: 300ms}}
                """;
        Advice advice = adviseOn(map, spec);

        assertThat(of(advice, Proposal.Kind.CONSOLIDATION)).isEmpty();
        assertThat(advice.notApplied()).singleElement().asString()
                .contains("board - the edit would change its settings");
    }
}
