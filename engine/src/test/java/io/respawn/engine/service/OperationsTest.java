package io.respawn.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.replay.Replay;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Decision;
import io.respawn.facts.DeclaredDependency;
import io.respawn.facts.GroupId;
import io.respawn.facts.Paused;
import io.respawn.facts.Restart;
import io.respawn.facts.RestartDependent;
import io.respawn.facts.Verdict;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.LogEntry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's requests against a running engine (no agents: the decisions are what is
 * checked): validation against the map in force, pause, restart by hand, accepting a
 * dependency into the map file, and reloading rules and map.
 */
class OperationsTest {
    private static final String MAP = """
            # the operator's own comment, kept
            version: 1
            defaults: {node: n1, startupGrace: 2s, cureWindow: 10s}
            root:
              group: root
              children:
                - group: infra
                  children:
                    - {component: db, command: [sleep, "86400"]}
                - group: apps
                  children:
                    - {component: web, command: [sleep, "86400"]}
            """;
    private static final GroupId INFRA = GroupId.of("infra");
    private static final ComponentId DB = ComponentId.of("db");
    private static final ComponentId WEB = ComponentId.of("web");
    private static final String OP_10 = "OP-10 An operator's restart by hand restarts the group";

    /** The default rules, compiled once for the tests that do not edit and reload them. */
    private static RuleBase shared;

    @TempDir
    static Path sharedRules;

    @TempDir
    Path dir;

    private Path rulesDir;
    private Path mapFile;
    private EngineService engine;
    private final List<Decision> decisions = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void compileOnce() throws IOException {
        shared = RuleBase.fromDirectory(DefaultRules.copyTo(sharedRules));
    }

    @BeforeEach
    void start(TestInfo test) throws IOException {
        mapFile = dir.resolve("map.yaml");
        Files.writeString(mapFile, MAP);
        RuleBase rules = shared;
        rulesDir = sharedRules;
        if (test.getTags().contains("reload")) {
            rulesDir = DefaultRules.copyTo(dir.resolve("rules"));
            rules = RuleBase.fromDirectory(rulesDir);
        }
        engine = EngineService.start(new EngineService.Settings(dir.resolve("journal.jsonl"), rules, mapFile,
                new InetSocketAddress("127.0.0.1", 0),
                "a shared secret of some length".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1)));
        engine.addListener(decisions::add);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void unknownGroupOrComponent_isRefusedNamingIt_andNothingIsJournaled() {
        assertThatThrownBy(() -> engine.pause(GroupId.of("infr"), "alice", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("infr");
        assertThatThrownBy(() -> engine.restart(GroupId.of("nope"), "alice", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> engine.acknowledge(GroupId.of("nope"), "alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> engine.reviewDependency(WEB, ComponentId.of("dbb"), Verdict.ACCEPTED, "alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dbb");

        assertThat(journalTypes()).doesNotContain("OperatorPause", "OperatorRestart", "OperatorAck",
                "DependencyVerdict");
    }

    @Test
    void pause_isJournaledAndHeldUntilResume() {
        engine.pause(INFRA, "alice", "deploy");
        assertThat(paused()).extracting(Paused::group).containsExactly(INFRA);

        engine.resume(INFRA, "alice", "");
        assertThat(paused()).isEmpty();
        assertThat(journalTypes()).containsSubsequence("OperatorPause", "OperatorResume");
    }

    @Test
    void restartByHand_decidesARestartOfTheGroup() {
        engine.restart(INFRA, "bob", "new config");

        assertThat(decisions).hasSize(1);
        Restart restart = (Restart) decisions.get(0);
        assertThat(restart.group()).isEqualTo(INFRA);
        assertThat(restart.rule()).isEqualTo(OP_10);
    }

    @Test
    void acceptedDependency_isWrittenIntoTheMapFile_journaled_andInForce() throws IOException {
        engine.reviewDependency(WEB, DB, Verdict.ACCEPTED, "alice");

        // the file: the operator's text kept, the dependency appended; the old text backed up
        String written = Files.readString(mapFile);
        assertThat(written).startsWith(MAP).endsWith("dependencies:\n  - {dependent: web, dependsOn: db}\n");
        assertThat(Files.readString(dir.resolve("map.yaml.bak"))).isEqualTo(MAP);
        // the journal: the verdict, then the map with it
        assertThat(journalTypes()).containsSubsequence("DependencyVerdict", "MapInForce");
        assertThat(declared()).containsExactly(
                new DeclaredDependency(WEB, DB));

        // and a restart of infra (db, not web) restarts web after db
        engine.restart(INFRA, "alice", "");
        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(1)).isInstanceOf(RestartDependent.class);
        assertThat(((RestartDependent) decisions.get(1)).component()).isEqualTo(WEB);
    }

    @Test
    void acceptingTwice_writesTheDependencyOnce() throws IOException {
        engine.reviewDependency(WEB, DB, Verdict.ACCEPTED, "alice");
        engine.reviewDependency(WEB, DB, Verdict.ACCEPTED, "alice");

        assertThat(Files.readString(mapFile).split("dependsOn: db", -1)).hasSize(2);
        assertThat(journalTypes().stream().filter("MapInForce"::equals)).hasSize(2);   // start, first accept
    }

    @Test
    @Tag("reload")
    void brokenRule_isRefusedWithFileAndLine_andTheOldRulesStillDecide() throws IOException {
        Files.writeString(rulesDir.resolve("70-broken.drl"), """
                package io.respawn.rules
                import io.respawn.facts.*;
                rule "X-01 broken"
                when
                    OperatorRestart( group == )
                then
                end
                """);

        Operations.Reload reload = engine.reload("alice");

        assertThat(reload.applied()).isFalse();
        // the first problem is the broken file's; Drools may list consequences in other files after it
        assertThat(reload.problems().get(0)).startsWith(rulesDir.resolve("70-broken.drl") + ":5: ");
        engine.restart(INFRA, "bob", "");
        assertThat(decisions).extracting(Decision::rule).containsExactly(OP_10);
    }

    @Test
    @Tag("reload")
    void brokenMap_isRefusedWithFileAndLine_andTheOldMapStays() throws IOException {
        Files.writeString(mapFile, MAP.replace("cureWindow: 10s", "cureWindow: 10 sec"));

        Operations.Reload reload = engine.reload("alice");

        assertThat(reload.applied()).isFalse();
        assertThat(reload.problems()).containsExactly(mapFile + ":3: defaults.cureWindow: bad duration \"10 sec\""
                + " (write e.g. 250ms, 3s, 1m)");
        assertThat(journalTypes().stream().filter("MapInForce"::equals)).hasSize(1);
    }

    @Test
    @Tag("reload")
    void goodReload_newRulesDecide() throws IOException {
        Path file = rulesDir.resolve("60-operator.drl");
        Files.writeString(file, Files.readString(file).replace(OP_10, OP_10 + " (edited)"));

        Operations.Reload reload = engine.reload("alice");
        engine.restart(INFRA, "bob", "");

        assertThat(reload.applied()).isTrue();
        assertThat(reload.problems()).isEmpty();
        assertThat(decisions).extracting(Decision::rule).containsExactly(OP_10 + " (edited)");
    }

    @Test
    @Tag("reload")
    void goodReload_withAChangedMap_journalsIt_andItsGroupsAreKnown() throws IOException {
        assertThatThrownBy(() -> engine.pause(GroupId.of("edge"), "alice", ""))
                .isInstanceOf(IllegalArgumentException.class);
        Files.writeString(mapFile, MAP + """
                    - group: edge
                      children:
                        - {component: proxy, command: [sleep, "86400"]}
                """);

        Operations.Reload reload = engine.reload("alice");
        engine.pause(GroupId.of("edge"), "alice", "");

        assertThat(reload.applied()).isTrue();
        assertThat(journalTypes().stream().filter("MapInForce"::equals)).hasSize(2);
        assertThat(paused()).extracting(Paused::group)
                .containsExactly(GroupId.of("edge"));
    }

    @Test
    void afterOperatorActions_replayingTheJournalGivesTheSameDecisions() throws IOException {
        engine.restart(INFRA, "bob", "");
        engine.reviewDependency(WEB, DB, Verdict.ACCEPTED, "alice");
        engine.pause(GroupId.of("apps"), "alice", "");
        engine.restart(INFRA, "bob", "");   // web is paused: no restart-dependent

        List<String> replayed = new ArrayList<>();
        new Replay(shared, null, FactLogReader.BadLines.SKIP)
                .run(dir.resolve("journal.jsonl"), d -> replayed.add(d.decision().id()), e -> { });

        assertThat(decisions).hasSize(2);
        assertThat(replayed).containsExactlyElementsOf(decisions.stream().map(Decision::id).toList());
    }

    private List<Paused> paused() {
        return engine.<List<Paused>>query(o -> o.facts(Paused.class));
    }

    private List<DeclaredDependency> declared() {
        return engine.<List<DeclaredDependency>>query(o -> o.facts(DeclaredDependency.class));
    }

    private List<String> journalTypes() {
        List<String> types = new ArrayList<>();
        try (FactLogReader reader = FactLogReader.open(dir.resolve("journal.jsonl"))) {
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                types.add(entry.fact().getClass().getSimpleName());
            }
        }
        return types;
    }
}
