package io.respawn.engine.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.respawn.facts.ComponentId;
import io.respawn.facts.map.RestartMap;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecReaderTest {
    static final String MAP = """
            version: 1
            defaults: {node: n1}
            root:
              group: room
              children:
                - group: infra
                  children:
                    - component: eheap
                      command: [eheap]
                      heartbeat: {interval: 1s, timeout: 3s}
                    - component: dheap
                      command: [dheap]
                      after: [eheap]
                - group: apps
                  children:
                    - component: web
                      command: [web]
            """;

    private static SimulationSpec read(String spec) throws Exception {
        return SpecReader.parse(spec, "s.yaml", RestartMap.parse(MAP, "m.yaml"));
    }

    private static String problems(String spec) {
        return String.join("\n", catchThrowableOfType(() -> read(spec), SpecException.class).problems());
    }

    @Test
    void fullSpec_isReadWithNamesResolvedAgainstTheMap() throws Exception {
        SimulationSpec spec = read("""
                version: 1
                seed: 9
                duration: 6h
                operator: 15m
                restart:
                  default: 2s
                  groups: {infra: 4s}
                  components: {dheap: {uniform: [5s, 7s]}, web: {exponential: 1s}}
                faults:
                  - name: eheap-hang
                    component: eheap
                    kind: hang
                    every: 1h
                    curedBy: {group: infra}
                  - {name: web-crash, component: web, every: 10m, curedBy: {up: 1}, recurs: 2s,
                     spreads: {to: [dheap], after: 300ms}}
                """);

        assertThat(spec.seed()).isEqualTo(9);
        assertThat(spec.duration()).isEqualTo(Duration.ofHours(6));
        assertThat(spec.operator()).contains(Duration.ofMinutes(15));
        assertThat(spec.restartOf(ComponentId.of("eheap"))).isEqualTo(new Delay.Fixed(Duration.ofSeconds(4)));
        assertThat(spec.restartOf(ComponentId.of("dheap")))
                .isEqualTo(new Delay.Uniform(Duration.ofSeconds(5), Duration.ofSeconds(7)));
        assertThat(spec.restartOf(ComponentId.of("web"))).isEqualTo(new Delay.Exponential(Duration.ofSeconds(1)));
        FaultClass hang = spec.faults().get(0);
        assertThat(hang.kind()).isEqualTo(FaultClass.Kind.HANG);
        assertThat(hang.cure().together()).containsExactlyInAnyOrder(ComponentId.of("eheap"), ComponentId.of("dheap"));
        assertThat(hang.spreadTo()).isEmpty();
        FaultClass crash = spec.faults().get(1);
        assertThat(crash.kind()).isEqualTo(FaultClass.Kind.CRASH);
        assertThat(crash.cure().curedBy(Set.of(ComponentId.of("web")))).isFalse();
        assertThat(crash.cure().together()).hasSize(3);       // one level up from apps: the root
        assertThat(crash.recurs()).isEqualTo(Duration.ofSeconds(2));
        assertThat(crash.spreadTo()).containsExactly(ComponentId.of("dheap"));
        assertThat(crash.spreadAfter()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void badSpec_reportsEveryProblemWithFileAndLine() {
        String found = problems("""
                version: 1
                duration: 3 hours
                restart: {default: 1s, components: {wbe: 2s}}
                faults:
                  - name: web-crash
                    component: web
                    kind: explode
                    every: 0s
                  - name: web-crash
                    component: web
                    every: 1h
                    curedBy: {group: infra}
                  - name: dheap-hang
                    component: dheap
                    kind: hang
                    every: 1h
                    colour: red
                """);

        assertThat(found).isEqualTo(String.join("\n",
                "s.yaml:2: duration: bad duration \"3 hours\" (write e.g. 250ms, 3s, 1m)",
                "s.yaml:3: restart.components: unknown component \"wbe\" (not in m.yaml)",
                "s.yaml:7: kind: must be crash or hang, found \"explode\"",
                "s.yaml:8: every: must be greater than 0, found \"0s\"",
                "s.yaml:12: curedBy.group: \"infra\" does not hold \"web\"; restarting it would not restart the component",
                "s.yaml:15: kind: hang needs heartbeats to be seen, and \"dheap\" sends none in m.yaml",
                "s.yaml:17: unknown key \"colour\" in a fault (known: name, component, kind, every, curedBy, recurs, spreads)"));
    }

    @Test
    void spreadToDependents_ofAComponentNoOneDependsOn_isRefused() {
        assertThat(problems("""
                version: 1
                duration: 1h
                faults:
                  - name: w
                    component: web
                    every: 1h
                    spreads: {to: dependents}
                """)).isEqualTo("s.yaml:7: spreads.to: no component names \"web\" in after:, so it has no dependents");
    }

    @Test
    void yamlSyntaxError_isReportedAtItsLine() {
        assertThat(problems("version: 1\nduration: 1h\nfaults: [\n  {name: a\n")).startsWith("s.yaml:5: YAML syntax:");
    }

    @Test
    void missingKeys_areNamed() {
        assertThat(problems("seed: 3\n")).isEqualTo(String.join("\n",
                "s.yaml:1: missing version (write version: 1)",
                "s.yaml:1: missing duration (how much simulated time to run, e.g. duration: 6h)"));
    }

    @Test
    void duplicateFaultName_pointsAtTheFirst() {
        assertThat(problems("""
                version: 1
                duration: 1h
                faults:
                  - {name: a, component: web, every: 1h}
                  - {name: a, component: web, every: 2h}
                """)).isEqualTo("s.yaml:5: duplicate fault name \"a\" (first at line 4)");
    }
}
