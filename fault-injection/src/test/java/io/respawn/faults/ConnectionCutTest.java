package io.respawn.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.agent.AgentSettings;
import io.respawn.agent.RunningAgent;
import io.respawn.agent.link.EngineLink;
import io.respawn.agent.process.ProcessEntry;
import io.respawn.agent.process.ProcessState;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.service.EngineService;
import io.respawn.facts.Decision;
import io.respawn.facts.Restart;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.RestartMap;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network between an agent and the engine cut and restored, through a loopback TCP
 * proxy the test controls: silence is not failure, and a real failure during the cut is
 * restarted once the network is back.
 */
class ConnectionCutTest {
    private static final byte[] SECRET = "connection cut secret, long enough".getBytes(StandardCharsets.UTF_8);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MAP = """
            version: 1
            defaults: {node: cut, stopGrace: 2s, startupGrace: 3s, cureWindow: 3s, intensity: {restarts: 5, period: 60s}}
            root:
              group: root
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
    private TcpProxy proxy;
    private EngineService engine;
    private RunningAgent agent;

    @BeforeAll
    static void compileRules() {
        rules = RuleBase.defaults();
    }

    @BeforeEach
    void start() throws IOException, MapException {
        Path map = Files.writeString(dir.resolve("map.yaml"), MAP);
        engine = EngineService.start(new EngineService.Settings(dir.resolve("journal.jsonl"), rules, map,
                new InetSocketAddress("127.0.0.1", 0), SECRET, Duration.ofSeconds(1)));
        engine.addListener(decisions::add);
        proxy = new TcpProxy();
        proxy.target(engine.address().getPort());
        agent = RunningAgent.start(RestartMap.load(map), "cut",
                AgentSettings.defaults().withLogDir(dir.resolve("logs")).withAnyLoopbackPorts(),
                new EngineLink.Settings(new InetSocketAddress("127.0.0.1", proxy.port()), "cut", SECRET, 10_000));
        await("agent linked and both components running",
                () -> agent.link().isReady() && running("worker") > 0 && running("beater") > 0);
    }

    @AfterEach
    void stop() throws IOException {
        if (agent != null) {
            agent.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private long running(String component) {
        return agent.node().processTable().stream()
                .filter(e -> e.component().name().equals(component) && e.state() == ProcessState.RUNNING)
                .mapToLong(ProcessEntry::pid).findFirst().orElse(0);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        Cluster.awaitValue(what, WAIT, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
    }

    private static void outlast(Duration span) {
        long since = System.nanoTime();
        await("a span of " + span.toMillis() + " ms", () -> System.nanoTime() - since > span.toNanos());
    }

    @Test
    void cutLongerThanTheHeartbeatTimeout_restartsNothing() {
        long worker = running("worker");
        long beater = running("beater");

        proxy.cut();                                          // the network goes ...
        await("the agent notices", () -> !agent.link().isReady());
        outlast(Duration.ofMillis(1_500));                    // 3 heartbeat timeouts of silence
        proxy.restore();                                      // ... and comes back

        await("the agent reconnects and its buffered facts are acknowledged",
                () -> agent.link().isReady() && agent.link().unacknowledged() == 0);
        outlast(Duration.ofMillis(1_000));                    // two heartbeat timeouts after the link is back
        assertThat(decisions).isEmpty();
        assertThat(running("worker")).isEqualTo(worker);
        assertThat(running("beater")).isEqualTo(beater);
        assertThat(agent.link().dropped()).isZero();
    }

    @Test
    void failureDuringTheCut_isRestartedOnceTheNetworkIsBack() throws Exception {
        long worker = running("worker");

        proxy.cut();
        await("the agent notices", () -> !agent.link().isReady());
        assertThat(new ProcessBuilder("kill", "-KILL", Long.toString(worker)).start().waitFor()).isZero();
        outlast(Duration.ofMillis(1_000));
        assertThat(decisions).isEmpty();                      // the engine cannot know yet
        assertThat(running("worker")).isZero();               // and the agent does not restart on its own
        proxy.restore();

        await("the worker restarted with a new pid", () -> running("worker") > 0 && running("worker") != worker);
        assertThat(decisions).singleElement().isInstanceOfSatisfying(Restart.class,
                r -> assertThat(r.group().name()).isEqualTo("infra"));
    }
}
