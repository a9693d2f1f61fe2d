package io.respawn.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.engine.journal.FsyncPolicy;
import io.respawn.engine.journal.Journal;
import io.respawn.engine.journal.JournalReader;
import io.respawn.engine.journal.Retention;
import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.facts.AgentLink;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.MapInForce;
import io.respawn.facts.Observation;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.Restart;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.LogEntry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine started on a journal with a checkpoint comes back with what it had: the
 * acknowledged sequence number of every agent run (also of a run whose last fact was a
 * routine heartbeat the checkpoint left out), the restart decisions, the map; and it
 * records the link that was up as down at the journal's last moment.
 */
class EngineRecoveryTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    static final String YAML = """
            version: 1
            defaults:
              node: n1
              startupGrace: 2s
              heartbeat: {interval: 1s, timeout: 3s}
              cureWindow: 10s
            root:
              group: root
              children:
                - group: g
                  children:
                    - component: a
                      command: [sleep, "86400"]
                    - component: b
                      command: [sleep, "86400"]
            """;
    private static RuleBase rules;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileRules() {
        rules = RuleBase.defaults();
    }

    private static Heartbeat beat(String run, long seq, long ms, String component, long pid) {
        return new Heartbeat(run + "/" + seq, T0.plusMillis(ms), ComponentId.of(component), "n1:" + pid,
                HeartbeatStatus.OK, seq, null);
    }

    /**
     * Agent run n1/r1 starts a and b and beats 20 s; then n1/r2 (a new agent that re-adopted
     * them) goes on beating; b is killed at 30 s and started again.
     */
    static List<Observation> journal() {
        List<Observation> facts = new ArrayList<>();
        facts.add(new MapInForce("engine/0/1", T0, "map.yaml", YAML));
        facts.add(new AgentLink("engine/0/2", T0, "n1", AgentLink.LinkState.UP));
        facts.add(new ProcessStarted("n1/r1/1", T0.plusMillis(1), ComponentId.of("a"), "n1", 100, null, null));
        facts.add(new ProcessStarted("n1/r1/2", T0.plusMillis(2), ComponentId.of("b"), "n1", 200, null, null));
        long seq = 2;
        for (int s = 1; s <= 20; s++) {
            facts.add(beat("n1/r1", ++seq, s * 1000L, "a", 100));
            facts.add(beat("n1/r1", ++seq, s * 1000L + 500, "b", 200));
        }
        long r2 = 0;
        for (int s = 21; s <= 40; s++) {
            facts.add(new Heartbeat("n1/r2/" + (++r2), T0.plusMillis(s * 1000L), ComponentId.of("a"), "n1:100",
                    HeartbeatStatus.OK, 100 + s, null));
            if (s < 30 || s > 31) {
                facts.add(new Heartbeat("n1/r2/" + (++r2), T0.plusMillis(s * 1000L + 500), ComponentId.of("b"),
                        "n1:" + (s < 30 ? 200 : 201), HeartbeatStatus.OK, 100 + s, null));
            }
            if (s == 30) {
                facts.add(new ProcessExited("n1/r2/" + (++r2), T0.plusMillis(30_600), ComponentId.of("b"), "n1", 200,
                        null, 9, false, null));
                facts.add(new ProcessStarted("n1/r2/" + (++r2), T0.plusMillis(31_000), ComponentId.of("b"), "n1", 201,
                        null, null));
            }
        }
        return facts;
    }

    @Test
    void restartOnAJournalWithACheckpoint_bringsBackAcksDecisionsAndMap_andMarksTheLinkDown() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        Path map = dir.resolve("map.yaml");
        Files.writeString(map, YAML, StandardCharsets.UTF_8);
        List<Observation> facts = journal();
        try (Journal journal = Journal.open(file, new Journal.Settings(FsyncPolicy.GROUP, 64 << 20, Retention.ALL,
                30))) {
            for (Observation fact : facts) {
                journal.append(List.of(fact));
            }
        }
        assertThat(dir.resolve("journal.checkpoint.jsonl")).exists();
        long restartsInFullReplay;
        try (Oracle oracle = new Oracle(rules, null)) {
            facts.forEach(oracle::accept);
            restartsInFullReplay = oracle.facts(Restart.class).size();
        }
        assertThat(restartsInFullReplay).as("b's crash was restarted").isPositive();

        EngineService engine = EngineService.start(new EngineService.Settings(file, rules, map,
                new InetSocketAddress("127.0.0.1", 0), "a shared secret of some length".getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(1)));
        try {
            assertThat(engine.acked("n1", "r1")).isEqualTo(42);
            assertThat(engine.acked("n1", "r2")).isEqualTo(facts.stream().filter(f -> f.id().startsWith("n1/r2/"))
                    .count());
            int restarts = engine.query(o -> o.facts(Restart.class).size());
            boolean mapped = engine.query(o -> o.map().isPresent());
            assertThat(restarts).isEqualTo((int) restartsInFullReplay);
            assertThat(mapped).isTrue();
        } finally {
            engine.close();
        }
        List<Observation> after = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(List.of(file), FactLogReader.BadLines.STOP, e -> { })) {
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                after.add(entry.fact());
            }
        }
        List<Observation> added = after.subList(facts.size(), after.size());
        assertThat(added).filteredOn(f -> f instanceof MapInForce).as("same map: not recorded again").isEmpty();
        assertThat(added).filteredOn(f -> f instanceof AgentLink).singleElement()
                .satisfies(f -> {
                    AgentLink link = (AgentLink) f;
                    assertThat(link.state()).isEqualTo(AgentLink.LinkState.DOWN);
                    assertThat(link.at()).isEqualTo(facts.get(facts.size() - 1).at());
                });
    }
}
