package io.respawn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.agent.AgentSettings;
import io.respawn.agent.RunningAgent;
import io.respawn.agent.link.EngineLink;
import io.respawn.agent.process.ProcessEntry;
import io.respawn.agent.process.ProcessState;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.replay.DecisionText;
import io.respawn.engine.service.EngineService;
import io.respawn.facts.Cause;
import io.respawn.facts.Decision;
import io.respawn.facts.Failure;
import io.respawn.facts.Escalate;
import io.respawn.facts.GiveUp;
import io.respawn.facts.Restart;
import io.respawn.facts.map.RestartMap;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine and agent together with real processes: failures in, restarts out. */
class EndToEndTest {
    private static final byte[] SECRET = "end to end secret, long enough".getBytes(StandardCharsets.UTF_8);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String MAP = """
            version: 1
            defaults: {node: e2e, stopGrace: 2s, startupGrace: 3s, cureWindow: 3s, intensity: {restarts: 5, period: 60s}}
            root:
              group: root
              cureWindow: 3s
              children:
                - group: infra
                  children:
                    - component: worker
                      command: [sleep, "3600"]
                - group: apps
                  children:
                    - component: beater
                      command: [bash, -c, 'n=0; while :; do n=$((n+1)); printf "HB1 %s %s:%s OK %s %s\\n" "$RESPAWN_COMPONENT" "$RESPAWN_NODE" "$$" "$n" "$RESPAWN_HEARTBEAT_TOKEN" > /dev/udp/127.0.0.1/$RESPAWN_HEARTBEAT_PORT; sleep 0.1; done']
                      heartbeat: {interval: 100ms, timeout: 500ms}
            """;
    private static RuleBase rules;

    @TempDir
    Path dir;

    private final List<Decision> decisions = new CopyOnWriteArrayList<>();
    private EngineService engine;
    private RunningAgent agent;

    @BeforeAll
    static void compileRules() {
        rules = RuleBase.defaults();
    }

    private EngineService startEngine(int port) {
        EngineService started = EngineService.start(new EngineService.Settings(dir.resolve("journal.jsonl"), rules,
                dir.resolve("map.yaml"), new InetSocketAddress("127.0.0.1", port), SECRET, Duration.ofSeconds(1)));
        started.addListener(decisions::add);
        return started;
    }

    @BeforeEach
    void start() throws IOException {
        Path map = Files.writeString(dir.resolve("map.yaml"), MAP);
        engine = startEngine(0);
        AgentSettings settings = AgentSettings.defaults().withLogDir(dir.resolve("logs"))
                .withAnyLoopbackPorts();
        try {
            agent = RunningAgent.start(RestartMap.load(map), "e2e", settings,
                    new EngineLink.Settings(engine.address(), "e2e", SECRET, 10_000));
        } catch (io.respawn.facts.map.MapException e) {
            throw new IllegalStateException(e);
        }
        Eventually.within(WAIT, "agent linked and both components running",
                () -> agent.link().isReady() && running("worker") > 0 && running("beater") > 0);
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private long running(String component) {
        return agent.node().processTable().stream()
                .filter(e -> e.component().name().equals(component) && e.state() == ProcessState.RUNNING)
                .mapToLong(ProcessEntry::pid).findFirst().orElse(0);
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", signal, Long.toString(pid)).start().waitFor()).isZero();
    }

    private static boolean gone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    private long restartedPid(String component, long old) {
        long[] now = {0};
        try {
            Eventually.within(WAIT, component + " running again with a new pid", () -> {
                now[0] = running(component);
                return now[0] > 0 && now[0] != old;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; decisions " + decisions + "; table "
                    + agent.node().processTable() + "; journal:\n" + journalTail(), e);
        }
        return now[0];
    }

    private String journalTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("journal.jsonl"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(journal not readable: " + e.getMessage() + ")";
        }
    }

    @Test
    void kill9_restartsTheComponentWithANewPid_andTheDecisionNamesItsRule() throws Exception {
        long old = running("worker");

        signal("-KILL", old);

        long fresh = restartedPid("worker", old);
        assertThat(fresh).isNotEqualTo(old);
        Eventually.within(WAIT, "the restart decision", () -> !decisions.isEmpty());
        assertThat(decisions.get(0)).isInstanceOfSatisfying(Restart.class, r -> {
            assertThat(r.group().name()).isEqualTo("infra");
            assertThat(r.rule()).startsWith("RS-10 ");
        });
    }

    @Test
    void sigstop_heartbeatTimeout_killsTheStoppedProcessAndStartsANewOne() throws Exception {
        long old = running("beater");

        signal("-STOP", old);

        long fresh = restartedPid("beater", old);
        assertThat(fresh).isNotEqualTo(old);
        Eventually.within(WAIT, "the stopped process is gone", () -> gone(old));
        assertThat(decisions).first().isInstanceOfSatisfying(Restart.class,
                r -> assertThat(r.group().name()).isEqualTo("apps"));
        // stopped -> silent for 500 ms -> failure by heartbeat silence -> restart, killed at once -> new one
        List<Failure> failures = engine.query(oracle -> oracle.facts(Failure.class));
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.component().name()).isEqualTo("beater");
            assertThat(f.cause()).isEqualTo(Cause.HEARTBEAT_SILENT);
        });
    }

    @Test
    void engineStoppedAndStartedAgain_componentsKeepRunning_andNothingIsRestarted() throws Exception {
        long worker = running("worker");
        long beater = running("beater");
        int port = engine.address().getPort();

        engine.close();                                      // the engine goes away ...
        Eventually.within(WAIT, "the agent notices", () -> !agent.link().isReady());
        long downSince = System.nanoTime();
        Eventually.within(WAIT, "an outage longer than the 500 ms heartbeat timeout",
                () -> System.nanoTime() - downSince > Duration.ofMillis(1_500).toNanos());
        engine = startEngine(port);                          // ... and comes back on its journal

        Eventually.within(WAIT, "the agent reconnects and its buffered facts are acknowledged",
                () -> agent.link().isReady() && agent.link().unacknowledged() == 0);
        long backSince = System.nanoTime();
        Eventually.within(WAIT, "two heartbeat timeouts after the link is back",
                () -> System.nanoTime() - backSince > Duration.ofMillis(1_000).toNanos());
        assertThat(decisions).isEmpty();
        assertThat(running("worker")).isEqualTo(worker);
        assertThat(running("beater")).isEqualTo(beater);
        assertThat(agent.link().dropped()).isZero();
    }

    @Test
    void repeatedFailure_restartsTheParentGroup_thenGivesUp() throws Exception {
        long pid = running("worker");
        signal("-KILL", pid);                          // restart infra
        pid = restartedPid("worker", pid);
        signal("-KILL", pid);                          // within the cure window: escalate infra -> root, restart root
        pid = restartedPid("worker", pid);
        Eventually.within(WAIT, "the root restart", () -> decisions.stream().filter(Restart.class::isInstance).count() == 2);
        signal("-KILL", pid);                          // the root's restart did not cure: give up

        Eventually.within(WAIT, "a give-up", () -> decisions.stream().anyMatch(GiveUp.class::isInstance));
        assertThat(decisions).extracting(DecisionText::type)
                .containsExactly("restart", "escalate", "restart", "give-up");
        assertThat(decisions.get(1)).isInstanceOfSatisfying(Escalate.class,
                e -> assertThat(e.to().name()).isEqualTo("root"));
        assertThat(decisions.get(2)).isInstanceOfSatisfying(Restart.class,
                r -> assertThat(r.group().name()).isEqualTo("root"));
        long afterGiveUp = pid;
        Eventually.within(WAIT, "the killed worker stays down", () -> running("worker") == 0 && gone(afterGiveUp));
    }
}
