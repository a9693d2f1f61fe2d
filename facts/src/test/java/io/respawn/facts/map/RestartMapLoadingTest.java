package io.respawn.facts.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.respawn.facts.BackoffPolicy;
import io.respawn.facts.ComponentId;
import io.respawn.facts.ComponentPolicy;
import io.respawn.facts.DependencyPolicy;
import io.respawn.facts.GroupId;
import io.respawn.facts.GroupPolicy;
import io.respawn.facts.Membership;
import io.respawn.facts.RestartType;
import io.respawn.facts.StormPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The map of docs/restart-map.md ({@code maps/example.yaml}): what it resolves to and the facts it yields. */
class RestartMapLoadingTest {
    private static final ComponentId EHEAP = ComponentId.of("eheap");
    private static final ComponentId DHEAP = ComponentId.of("dheap");
    private static final ComponentId MULTIBROWSE = ComponentId.of("multibrowse");
    private static final ComponentId LOGGER = ComponentId.of("logger");
    private static final GroupId IROOM = GroupId.of("iroom");
    private static final GroupId INFRASTRUCTURE = GroupId.of("infrastructure");
    private static final GroupId APPS = GroupId.of("apps");

    @Test
    void exampleMap_yieldsPolicyFactsInDeclarationOrder() throws MapException {
        // given the example map
        RestartMap map = Maps.fixture("example.yaml");

        // when its policy facts are taken
        List<Object> facts = map.policyFacts();

        // then: groups, components, memberships (nearest group first), dependency policy
        assertThat(facts).containsExactly(
                // iroom sets cureWindow 60s; intensity from the top defaults
                new GroupPolicy(IROOM, null, 0, 60_000, 3, 60_000),
                // infrastructure: cureWindow from iroom, restarts its own, period from the top defaults
                new GroupPolicy(INFRASTRUCTURE, IROOM, 1, 60_000, 5, 60_000),
                new GroupPolicy(APPS, IROOM, 1, 60_000, 3, 60_000),
                // eheap: heartbeat from infrastructure's defaults, limits and one probe of its own
                new ComponentPolicy(EHEAP, INFRASTRUCTURE, "node1", RestartType.PERMANENT, 3_000, 5_000,
                        256L * 1024 * 1024, 3, 90.0, 10_000, 3, 5, 1),
                // dheap: heartbeat interval inherited, timeout its own
                new ComponentPolicy(DHEAP, INFRASTRUCTURE, "node1", RestartType.PERMANENT, 4_000, 5_000,
                        0, 3, 0.0, 10_000, 3, 5, 0),
                // multibrowse: its own node and restart type, no heartbeat
                new ComponentPolicy(MULTIBROWSE, APPS, "node2", RestartType.TRANSIENT, 0, 5_000,
                        0, 3, 0.0, 10_000, 3, 5, 0),
                // logger sits directly in the root group
                new ComponentPolicy(LOGGER, IROOM, "node1", RestartType.PERMANENT, 0, 5_000,
                        0, 3, 0.0, 10_000, 3, 5, 0),
                new Membership(EHEAP, INFRASTRUCTURE), new Membership(EHEAP, IROOM),
                new Membership(DHEAP, INFRASTRUCTURE), new Membership(DHEAP, IROOM),
                new Membership(MULTIBROWSE, APPS), new Membership(MULTIBROWSE, IROOM),
                new Membership(LOGGER, IROOM),
                new DependencyPolicy(5_000, 2),
                // back-off and storm settings: the built-in defaults
                new BackoffPolicy(IROOM, 100, 30_000), new BackoffPolicy(INFRASTRUCTURE, 100, 30_000),
                new BackoffPolicy(APPS, 100, 30_000),
                new StormPolicy(8, 60_000, 500, 3));
    }

    @Test
    void stopGrace_comesFromTheNearestOfThreeLevels() throws MapException {
        // given stopGrace 2s in the top defaults, 3s in iroom's defaults, 10s on dheap itself
        RestartMap map = Maps.fixture("example.yaml");

        // when the components are resolved, then the nearest value wins
        assertThat(map.component(EHEAP).orElseThrow().stopGrace()).isEqualTo(Duration.ofSeconds(3));
        assertThat(map.component(DHEAP).orElseThrow().stopGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(map.component(LOGGER).orElseThrow().stopGrace()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void heartbeatNone_dropsAnInheritedHeartbeatAndNestedKeysMergeOneByOne() throws MapException {
        // given infrastructure's defaults heartbeat {1s, 3s}, dheap's own {timeout: 4s}, logger's none
        RestartMap map = Maps.fixture("example.yaml");

        // then dheap keeps the inherited interval with its own timeout, and logger has none
        assertThat(map.component(EHEAP).orElseThrow().heartbeat())
                .contains(new HeartbeatSettings(Duration.ofSeconds(1), Duration.ofSeconds(3)));
        assertThat(map.component(DHEAP).orElseThrow().heartbeat())
                .contains(new HeartbeatSettings(Duration.ofSeconds(1), Duration.ofSeconds(4)));
        assertThat(map.component(LOGGER).orElseThrow().heartbeat()).isEmpty();
    }

    @Test
    void component_keepsWhatOnlyItDeclares() throws MapException {
        // given eheap's command, workdir, env, limits and round-trip probe
        Component eheap = Maps.fixture("example.yaml").component(EHEAP).orElseThrow();

        // then they are read as written
        assertThat(eheap.command()).containsExactly("java", "-jar", "eheap.jar", "--port", "4500");
        assertThat(eheap.workdir()).contains("/srv/iroom");
        assertThat(eheap.env()).isEqualTo(Map.of("EHEAP_OPTS", "-Xmx256m"));
        assertThat(eheap.limits()).isEqualTo(new Limits(256L * 1024 * 1024, 3, 90.0, Duration.ofSeconds(10)));
        assertThat(eheap.probes()).containsExactly(new RoundTripProbe("tuple-round-trip",
                new ProbeTiming(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO),
                new SendExpect("127.0.0.1", 4500, "put {token}", "ok"),
                new SendExpect("127.0.0.1", 4500, "get {token}", "{token}")));
    }

    @Test
    void unsetValues_takeTheBuiltInDefaults() throws MapException {
        // given a map that sets nothing but names, nodes and commands
        RestartMap map = RestartMap.parse("""
                version: 1
                root:
                  group: iroom
                  children:
                    - component: eheap
                      node: node1
                      command: [eheap]
                """, "minimal.yaml");

        // then every setting is the built-in default
        Component eheap = map.component(EHEAP).orElseThrow();
        assertThat(eheap.restartType()).isEqualTo(RestartType.PERMANENT);
        assertThat(eheap.stopGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(eheap.startupGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(eheap.heartbeat()).isEmpty();
        assertThat(eheap.limits()).isEqualTo(new Limits(0, 3, 0.0, Duration.ofSeconds(10)));
        assertThat(eheap.probes()).isEmpty();
        assertThat(eheap.probeThresholds()).isEqualTo(new ProbeThresholds(3, 5));
        assertThat(eheap.workdir()).isEmpty();
        assertThat(map.root().cureWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(map.root().intensity()).isEqualTo(new Intensity(3, Duration.ofSeconds(60)));
        assertThat(map.dependencyPolicy()).isEqualTo(new DependencyPolicy(10_000, 2));
    }

    @Test
    void treeQueries_answerFromTheTree() throws MapException {
        // given the example map
        RestartMap map = Maps.fixture("example.yaml");

        // then
        assertThat(map.source()).endsWith("example.yaml");
        assertThat(map.root().id()).isEqualTo(IROOM);
        assertThat(map.groups()).extracting(Group::id).containsExactly(IROOM, INFRASTRUCTURE, APPS);
        assertThat(map.components()).extracting(Component::id).containsExactly(EHEAP, DHEAP, MULTIBROWSE, LOGGER);
        assertThat(map.parentOf(INFRASTRUCTURE)).contains(IROOM);
        assertThat(map.parentOf(IROOM)).isEmpty();
        assertThat(map.smallestGroupOf(LOGGER)).isEqualTo(IROOM);
        assertThat(map.smallestGroupOf(DHEAP)).isEqualTo(INFRASTRUCTURE);
        assertThat(map.componentsUnder(IROOM)).extracting(Component::id)
                .containsExactly(EHEAP, DHEAP, MULTIBROWSE, LOGGER);
        assertThat(map.componentsUnder(APPS)).extracting(Component::id).containsExactly(MULTIBROWSE);
        assertThat(map.componentsOn("node1")).extracting(Component::id).containsExactly(EHEAP, DHEAP, LOGGER);
        assertThat(map.componentsOn("node9")).isEmpty();
        assertThat(map.group(APPS).map(Group::children)).contains(List.of(map.component(MULTIBROWSE).orElseThrow()));
    }

    @Test
    void unknownIds_areEmptyForLookupsAndRejectedByTreeQueries() throws MapException {
        // given the example map
        RestartMap map = Maps.fixture("example.yaml");

        // then a lookup answers empty, a tree query says what is not in the map
        assertThat(map.component(ComponentId.of("nope"))).isEqualTo(Optional.empty());
        assertThat(map.group(GroupId.of("nope"))).isEmpty();
        assertThatThrownBy(() -> map.componentsUnder(GroupId.of("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"nope\"");
        assertThatThrownBy(() -> map.smallestGroupOf(ComponentId.of("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"nope\"");
    }
}
