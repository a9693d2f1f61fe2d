package io.respawn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.agent.link.EngineLink;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.service.EngineService;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Decision;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.Observation;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.log.FactLogReader;
import io.respawn.facts.log.LogEntry;
import io.respawn.wire.Command;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's link and the engine service together, over real loopback sockets. */
class EngineLinkTest {
    private static final byte[] SECRET = "a shared secret of some length".getBytes(StandardCharsets.UTF_8);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static RuleBase rules;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private final List<Decision> decisions = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void compileRules() {
        rules = RuleBase.defaults();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private EngineService engine(int port, Duration idleTick) throws IOException {
        Path map = dir.resolve("map.yaml");
        if (!Files.exists(map)) {
            Files.writeString(map, """
                    version: 1
                    defaults: {node: n1, startupGrace: 2s, cureWindow: 10s}
                    root:
                      group: root
                      children:
                        - group: infra
                          children:
                            - component: db
                              command: [sleep, "86400"]
                              heartbeat: {interval: 100ms, timeout: 300ms}
                    """);
        }
        EngineService engine = EngineService.start(new EngineService.Settings(dir.resolve("journal.jsonl"), rules,
                map, new InetSocketAddress("127.0.0.1", port), SECRET, idleTick));
        engine.addListener(decisions::add);
        open.add(engine);
        return engine;
    }

    private EngineLink link(int port, byte[] secret) {
        EngineLink link = new EngineLink(new EngineLink.Settings(new InetSocketAddress("127.0.0.1", port), "n1",
                secret, 10_000), c -> {
                    commands.add(c);
                    return Optional.empty();
                });
        open.add(link);
        link.start();
        return link;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Observation started(long pid) {
        return new ProcessStarted("x", Instant.now(), ComponentId.of("db"), "n1", pid, null, null);
    }

    private static Observation beat(long pid, long seq) {
        return new Heartbeat("x", Instant.now(), ComponentId.of("db"), "n1:" + pid, HeartbeatStatus.OK, seq, null);
    }

    private List<String> agentFactIds() {
        List<String> ids = new ArrayList<>();
        try (FactLogReader reader = FactLogReader.open(dir.resolve("journal.jsonl"))) {
            LogEntry entry;
            while ((entry = reader.next()) != null) {
                if (!entry.fact().id().startsWith("engine/")) {
                    ids.add(entry.fact().id());
                }
            }
        }
        return ids;
    }

    @Test
    void crashReported_isDispatchedAsARestartOfItsGroup() throws IOException {
        int port = freePort();
        engine(port, Duration.ofSeconds(1));
        EngineLink link = link(port, SECRET);
        Eventually.within(WAIT, "link ready", link::isReady);

        link.send(started(100));
        link.send(new ProcessExited("x", Instant.now(), ComponentId.of("db"), "n1", 100, null, 9, false, null));

        Eventually.within(WAIT, "a restart command", () -> !commands.isEmpty());
        assertThat(commands.get(0).action()).isEqualTo(Command.Action.RESTART_GROUP);
        assertThat(commands.get(0).target()).isEqualTo("infra");
        assertThat(commands.get(0).decision()).isEqualTo(decisions.get(0).id());
    }

    @Test
    void engineRestart_factsArriveOnceInOrder_andNothingIsRestarted() throws IOException {
        int port = freePort();
        EngineService engine = engine(port, Duration.ofMillis(50));
        EngineLink link = link(port, SECRET);
        Eventually.within(WAIT, "link ready", link::isReady);
        link.send(started(100));
        for (int seq = 1; seq <= 4; seq++) {
            link.send(beat(100, seq));
        }
        Eventually.within(WAIT, "first facts acknowledged", () -> link.unacknowledged() == 0);

        // the engine goes away for longer than the heartbeat timeout; the component keeps beating
        engine.close();
        open.remove(engine);
        Eventually.within(WAIT, "link down", () -> !link.isReady());
        for (int seq = 5; seq <= 7; seq++) {
            link.send(beat(100, seq));
        }
        long downSince = System.nanoTime();
        Eventually.within(WAIT, "an outage longer than the timeout",
                () -> System.nanoTime() - downSince > Duration.ofMillis(600).toNanos());
        engine(port, Duration.ofMillis(50));
        Eventually.within(WAIT, "buffered facts acknowledged", () -> link.isReady() && link.unacknowledged() == 0);
        for (int seq = 8; seq <= 12; seq++) {
            link.send(beat(100, seq));
        }
        Eventually.within(WAIT, "last facts acknowledged", () -> link.unacknowledged() == 0);

        String prefix = "n1/" + link.incarnation() + "/";
        List<String> expected = new ArrayList<>();
        for (int seq = 1; seq <= 13; seq++) {
            expected.add(prefix + seq);
        }
        assertThat(agentFactIds()).containsExactlyElementsOf(expected);
        assertThat(decisions).isEmpty();
        assertThat(commands).isEmpty();
    }

    @Test
    void wrongSecret_isRefused() throws IOException {
        int port = freePort();
        EngineService engine = engine(port, Duration.ofSeconds(1));

        EngineLink link = link(port, "not the secret, but long enough".getBytes(StandardCharsets.UTF_8));

        Eventually.within(WAIT, "a refusal", () -> engine.gateway().refusals() > 0);
        assertThat(link.isReady()).isFalse();
    }
}
