package io.respawn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as its own JVM, killed with SIGKILL and started again: its components keep
 * running and logging meanwhile, the new agent re-adopts them without starting duplicates,
 * notices when one ends, and still stops whole trees. No engine is needed: the agent keeps
 * its components running while it cannot reach one.
 */
class AgentKillTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final TestNode node = new TestNode();
    private final List<Process> agents = new ArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        for (Process agent : agents) {
            agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        node.killLeftovers();
    }

    private Process startAgent(int heartbeatPort, int enginePort, int run) throws IOException {
        Path map = dir.resolve("map.yaml");
        if (!Files.exists(map)) {
            Files.writeString(map, """
                    version: 1
                    defaults: {node: %s, stopGrace: 1s}
                    root:
                      group: g
                      children:
                        - component: logger
                          command: [bash, -c, 'n=0; while :; do n=$((n+1)); echo "line $n"; sleep 0.05; done']
                        - component: family
                          command: [bash, -c, "sleep 300 & sleep 300 & wait"]
                    """.formatted(node.name()));
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.respawn.agent.AgentCommand",
                "--map", map.toString(), "--node", node.name(), "--engine", "127.0.0.1:" + enginePort,
                "--log-dir", dir.resolve("logs").toString(), "--state-dir", dir.resolve("state").toString(),
                "--ledger", dir.resolve("ledger.jsonl").toString(),
                "--heartbeats", "127.0.0.1:" + heartbeatPort, "--table", "127.0.0.1:0");
        builder.environment().put("RESPAWN_SECRET", "agent kill test secret, long enough");
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("agent-" + run + ".out").toFile());
        Process agent = builder.start();
        agents.add(agent);
        return agent;
    }

    /**
     * The node's processes but the logger's children: the logger forks a short {@code sleep}
     * every 50 ms, so whether one is alive at a given instant is chance.
     */
    private List<Long> lasting(long logger) {
        return LiveProcesses.carrying(node.marker()).stream().filter(pid -> {
            long parent = LiveProcesses.parent(pid);
            return parent != logger && parent != -1;        // -1: gone since it was listed
        }).toList();
    }

    private List<JsonNode> ledger(String event) {
        List<JsonNode> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("ledger.jsonl"))) {
                JsonNode entry = JSON.readTree(line);
                if (entry.path("event").asText().equals(event)) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return entries;
    }

    private Optional<Long> recordedPid(String component) {
        try {
            for (JsonNode entry : JSON.readTree(dir.resolve("state").resolve(node.name() + ".state.json").toFile())
                    .path("components")) {
                if (entry.path("component").asText().equals(component)) {
                    return Optional.of(entry.path("pid").asLong());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private long logLines() throws IOException {
        Path log = dir.resolve("logs").resolve("logger.log");
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.startsWith("line ")).count() : 0;
    }

    private void awaitMoreLines(String when) throws IOException {
        long before = logLines();
        Eventually.await("the logger writes 5 more lines " + when, WAIT, () -> {
            try {
                return logLines() >= before + 5;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    void agentKilledAndStartedAgain_componentsKeepRunningAndLogging_andAreReadoptedNotDuplicated()
            throws Exception {
        int heartbeatPort;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            heartbeatPort = socket.getLocalPort();
        }
        int enginePort;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            enginePort = closed.getLocalPort();      // nobody listens there once closed: no engine
        }

        // given an agent running a logger and a family of three processes
        Process first = startAgent(heartbeatPort, enginePort, 1);
        long logger = Eventually.awaitValue("the logger recorded in the state file", WAIT, () -> recordedPid("logger"));
        long family = Eventually.awaitValue("the family recorded", WAIT, () -> recordedPid("family"));
        Eventually.await("all four processes", WAIT, () -> lasting(logger).size() == 4);

        // when the agent is killed with SIGKILL, the logger keeps logging (no pipe to break)
        first.destroyForcibly();
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        awaitMoreLines("with no agent");
        assertThat(LiveProcesses.alive(logger)).isTrue();

        // and a new agent re-adopts both, starting nothing
        startAgent(heartbeatPort, enginePort, 2);
        Eventually.await("both re-adopted", WAIT, () -> ledger("adopted").size() == 2);
        assertThat(ledger("adopted")).extracting(e -> e.path("pid").asLong()).containsExactlyInAnyOrder(logger, family);
        assertThat(lasting(logger)).hasSize(4);
        assertThat(ledger("sent")).noneMatch(e -> e.path("fact").path("type").asText().equals("process-started")
                && e.path("fact").path("pid").asLong() != logger && e.path("fact").path("pid").asLong() != family);
        awaitMoreLines("under the new agent");

        // then the logger's end is noticed though it is not the new agent's child: status unknown
        assertThat(new ProcessBuilder("kill", "-KILL", Long.toString(logger)).start().waitFor()).isZero();
        JsonNode exited = Eventually.awaitValue("the logger's process-exited", WAIT, () -> ledger("sent").stream()
                .map(e -> e.path("fact"))
                .filter(f -> f.path("type").asText().equals("process-exited") && f.path("pid").asLong() == logger)
                .findFirst());
        assertThat(exited.has("exitCode") && !exited.get("exitCode").isNull()).isFalse();
        assertThat(exited.has("signal") && !exited.get("signal").isNull()).isFalse();
        assertThat(exited.path("expected").asBoolean()).isFalse();

        // and stopping the agent stops the re-adopted family's whole tree
        Process second = agents.get(1);
        second.destroy();                                           // SIGTERM: a clean stop
        assertThat(second.waitFor(20, TimeUnit.SECONDS)).isTrue();
        Eventually.await("no process of the node left", WAIT, () -> LiveProcesses.carrying(node.marker()).isEmpty());
    }
}
