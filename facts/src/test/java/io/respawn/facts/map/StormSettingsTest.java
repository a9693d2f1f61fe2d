package io.respawn.facts.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.BackoffPolicy;
import io.respawn.facts.GroupId;
import io.respawn.facts.StormPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The restart-storm settings of a map: restartBudget, massFailure (top level) and backoff (per group). */
class StormSettingsTest {
    private static final String TREE = """
            root:
              group: iroom
              children:
                - group: apps
                  children: [{component: web, node: node1, command: [web]}]
            """;

    @Test
    void nothingWritten_givesTheBuiltInDefaults() throws MapException {
        RestartMap map = RestartMap.parse("version: 1\n" + TREE, "iroom.yaml");

        // budget 8 in flight, released after 60s at the latest; blame after 3 failures within 500ms
        assertThat(map.stormPolicy()).isEqualTo(new StormPolicy(8, 60_000, 500, 3));
        assertThat(map.group(GroupId.of("apps")).orElseThrow().backoff())
                .isEqualTo(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30)));
    }

    @Test
    void topLevelSettings_areRead() throws MapException {
        RestartMap map = RestartMap.parse("""
                version: 1
                restartBudget: {inFlight: 20, timeout: 2m}
                massFailure: {window: 1s, threshold: 5}
                """ + TREE, "iroom.yaml");

        assertThat(map.stormPolicy()).isEqualTo(new StormPolicy(20, 120_000, 1_000, 5));
    }

    @Test
    void massFailureNone_switchesBlameOff() throws MapException {
        RestartMap map = RestartMap.parse("version: 1\nmassFailure: none\n" + TREE, "iroom.yaml");

        assertThat(map.stormPolicy().blamesMassFailures()).isFalse();
        assertThat(map.stormPolicy().massThreshold()).isZero();
    }

    @Test
    void backoff_isInheritedKeyByKeyLikeIntensity() throws MapException {
        // given the root's own backoff initial 1s and the top defaults' max 10s; apps sets its own max
        RestartMap map = RestartMap.parse("""
                version: 1
                defaults: {backoff: {max: 10s}}
                root:
                  group: iroom
                  backoff: {initial: 1s}
                  children:
                    - group: apps
                      backoff: {max: 4s}
                      children: [{component: web, node: node1, command: [web]}]
                    - group: infra
                      children: [{component: db, node: node1, command: [db]}]
                """, "iroom.yaml");

        // then each group takes the nearest value of each key
        assertThat(map.group(GroupId.of("iroom")).orElseThrow().backoff())
                .isEqualTo(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10)));
        assertThat(map.group(GroupId.of("apps")).orElseThrow().backoff())
                .isEqualTo(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4)));
        assertThat(map.group(GroupId.of("infra")).orElseThrow().backoff())
                .isEqualTo(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10)));
        assertThat(map.policyFacts()).contains(new BackoffPolicy(GroupId.of("apps"), 1_000, 4_000));
    }

    @Test
    void backoffMaxBelowInitial_isReportedAtItsLine() {
        assertThat(Maps.problemsOf("""
                version: 1
                root:
                  group: iroom
                  backoff: {initial: 5s, max: 1s}
                  children: [{component: web, node: node1, command: [web]}]
                """)).containsExactly("iroom.yaml:4: backoff: max 1s must not be less than initial 5s");
    }

    @Test
    void backoffInitialAboveTheDefaultMax_namesTheDefault() {
        assertThat(Maps.problemsOf("""
                version: 1
                root:
                  group: iroom
                  backoff: {initial: 1m}
                  children: [{component: web, node: node1, command: [web]}]
                """)).containsExactly("iroom.yaml:4: backoff: max 30s (the default) must not be less than initial 1m");
    }

    @Test
    void badStormValues_areEachReportedWithFileAndLine() {
        assertThat(Maps.problemsOf("""
                version: 1
                restartBudget: {inFlight: 0, timeout: 0s, slots: 3}
                massFailure: {window: soon, threshold: 1}
                """ + TREE)).containsExactly(
                "iroom.yaml:2: unknown key \"slots\" in restartBudget",
                "iroom.yaml:2: restartBudget.inFlight: must be at least 1: 0",
                "iroom.yaml:2: restartBudget.timeout: must be greater than 0: \"0s\"",
                "iroom.yaml:3: massFailure.window: bad duration \"soon\" (write e.g. 250ms, 3s, 1m)",
                "iroom.yaml:3: massFailure.threshold: must be at least 2: 1");
    }

    @Test
    void massFailureNeitherMappingNorNone_isRefused() {
        assertThat(Maps.problemsOf("version: 1\nmassFailure: off\n" + TREE))
                .containsExactly("iroom.yaml:2: massFailure: expected {window: ..., threshold: ...} or none, found \"off\"");
    }

    @Test
    void backoffDelay_doublesFromInitialUpToMax() {
        BackoffPolicy policy = new BackoffPolicy(GroupId.of("apps"), 100, 30_000);

        // earlier restarts in the period -> wait after the latest: 0 -> none, 1 -> 100ms, 2 -> 200ms, ...
        assertThat(policy.delayMs(0)).isZero();
        assertThat(policy.delayMs(1)).isEqualTo(100);
        assertThat(policy.delayMs(2)).isEqualTo(200);
        assertThat(policy.delayMs(9)).isEqualTo(25_600);
        assertThat(policy.delayMs(10)).isEqualTo(30_000);   // 51.2s capped
        assertThat(policy.delayMs(1_000)).isEqualTo(30_000);
        assertThat(new BackoffPolicy(GroupId.of("apps"), 0, 0).delayMs(5)).isZero();
    }
}
