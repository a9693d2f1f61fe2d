package io.respawn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.respawn.agent.heartbeat.RejectReason;
import io.respawn.agent.process.StopMode;
import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.OsSample;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.RestartResult;
import io.respawn.heartbeat.HeartbeatClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One node agent with real processes: heartbeats, OS samples, the process table, commands, close. */
class NodeAgentTest {
    private static final String MAP = """
            version: 1
            defaults: {node: @NODE@, stopGrace: 1s}
            root:
              group: room
              children:
                - group: apps
                  children:
                    - component: javabeat
                      command: [sh, -c, 'JAVA -cp CLIENT io.respawn.heartbeat.HeartbeatClient --status DEGRADED
                                --every 200ms & exec sleep 300']
                    - component: shellbeat
                      command: [bash, -c, 'printf "HB1 %s %s:%s OK 1 %s\\n" "$RESPAWN_COMPONENT" "$RESPAWN_NODE" "$$"
                                "$RESPAWN_HEARTBEAT_TOKEN" > "/dev/udp/$RESPAWN_HEARTBEAT_HOST/$RESPAWN_HEARTBEAT_PORT";
                                exec sleep 301']
                    - component: quiet
                      command: [perl, -e, 'my @x = (1) x 2_000_000; sleep 300']
                      after: [shellbeat]
                - {component: remote, node: elsewhere, command: [sleep, "302"]}
            """;

    @TempDir
    Path logs;
    final TestNode node = new TestNode();
    final RecordingSink sink = new RecordingSink();
    NodeAgent agent;

    @AfterEach
    void tearDown() {
        try {
            if (agent != null) {
                agent.close();
            }
        } finally {
            node.killLeftovers();
        }
    }

    @Test
    void heartbeatsFromTheJavaClientAndFromBash_arriveAsFactsNamingTheMainPid() throws IOException {
        // given the agent started, one component beating through the Java client from a child
        // process, one sending a single datagram from bash
        start();

        // then both arrive as Heartbeat facts naming each component's main PID
        ProcessStarted java = started("javabeat");
        Heartbeat fromJava = sink.await(Heartbeat.class, h -> h.component().name().equals("javabeat"),
                Duration.ofSeconds(20));
        assertThat(fromJava.gpid()).isEqualTo(node.name() + ":" + java.pid());
        assertThat(fromJava.status()).isEqualTo(HeartbeatStatus.DEGRADED);
        Heartbeat fromBash = sink.await(Heartbeat.class, h -> h.component().name().equals("shellbeat"),
                Duration.ofSeconds(10));
        assertThat(fromBash.gpid()).isEqualTo(node.name() + ":" + started("shellbeat").pid());
        assertThat(agent.heartbeatCounters().rejected()).allSatisfy((reason, count) -> assertThat(count).isZero());
    }

    @Test
    void heartbeatsWithWrongTokenUnknownComponentOrForeignPid_areRejectedAndCounted() throws IOException {
        // given a running component and the token it was given
        start();
        ProcessStarted quiet = started("quiet");
        String token = envOf(quiet.pid(), "RESPAWN_HEARTBEAT_TOKEN");
        String gpid = node.name() + ":" + quiet.pid();

        // when heartbeats arrive with a wrong token, an unknown component, a PID outside the tree
        send("HB1 quiet " + gpid + " OK 1 0123456789abcdef0123456789abcdef");
        send("HB1 nosuch " + gpid + " OK 2 " + token);
        send("HB1 quiet " + node.name() + ":" + ProcessHandle.current().pid() + " OK 3 " + token);
        send("HB1 remote " + node.name() + ":1 OK 4 " + token);
        // and one good one last
        send("HB1 quiet " + gpid + " FAILED 5 " + token);

        // then only the good one becomes a fact, the others are counted by reason
        Heartbeat good = sink.await(Heartbeat.class, h -> h.component().name().equals("quiet"), Duration.ofSeconds(5));
        assertThat(good.seq()).isEqualTo(5);
        assertThat(good.status()).isEqualTo(HeartbeatStatus.FAILED);
        assertThat(agent.heartbeatCounters().rejected(RejectReason.WRONG_TOKEN)).isEqualTo(1);
        assertThat(agent.heartbeatCounters().rejected(RejectReason.UNKNOWN_COMPONENT)).isEqualTo(2);
        assertThat(agent.heartbeatCounters().rejected(RejectReason.FOREIGN_PID)).isEqualTo(1);
    }

    @Test
    void tokenOfAnOldRun_isRejectedAfterARestart() throws IOException {
        // given the token of the first run
        start();
        ProcessStarted first = started("quiet");
        String oldToken = envOf(first.pid(), "RESPAWN_HEARTBEAT_TOKEN");

        // when the component is restarted and a beat carries the old token
        agent.restartComponent(ComponentId.of("quiet"), "d-1", StopMode.IMMEDIATE).join();
        long newPid = agent.processTable().stream().filter(e -> e.component().name().equals("quiet"))
                .findFirst().orElseThrow().pid();
        send("HB1 quiet " + node.name() + ":" + newPid + " OK 1 " + oldToken);

        // then it is refused: every start gets a fresh token
        Eventually.await("the old token rejected", Duration.ofSeconds(5),
                () -> agent.heartbeatCounters().rejected(RejectReason.WRONG_TOKEN) == 1);
        assertThat(envOf(newPid, "RESPAWN_HEARTBEAT_TOKEN")).isNotEqualTo(oldToken);
    }

    @Test
    void osSamples_arriveForRunningProcessesWithResidentMemory() throws IOException {
        // given the agent sampling every second
        start();

        // then samples arrive for the perl process holding ~2 million list entries
        OsSample sample = sink.await(OsSample.class, s -> s.component().name().equals("quiet"),
                Duration.ofSeconds(10));
        assertThat(sample.pid()).isEqualTo(started("quiet").pid());
        assertThat(sample.rssBytes()).isGreaterThan(10L * 1024 * 1024);
        assertThat(sample.threads()).isEqualTo(1);
        assertThat(sample.openFiles()).isGreaterThanOrEqualTo(3);
        assertThat(sample.cpuPercent()).isBetween(0.0, 100.0);
    }

    @Test
    void processTable_isServedAsOneJsonDocumentPerConnection() throws IOException {
        // given
        start();
        ProcessStarted quiet = started("quiet");

        // when a client connects to the table address
        String text;
        try (Socket socket = new Socket()) {
            socket.connect(agent.tableAddress(), 2_000);
            socket.setSoTimeout(5_000);
            try (InputStream in = socket.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        // then it reads the node's table: every component, its command, PID, times and state
        JsonNode table = new ObjectMapper().readTree(text);
        assertThat(table.get("format").asText()).isEqualTo("respawn-process-table");
        assertThat(table.get("version").asInt()).isEqualTo(1);
        assertThat(table.get("node").asText()).isEqualTo(node.name());
        assertThat(table.get("agentPid").asLong()).isEqualTo(ProcessHandle.current().pid());
        JsonNode components = table.get("components");
        assertThat(components).extracting(c -> c.get("component").asText())
                .containsExactly("javabeat", "shellbeat", "quiet");
        JsonNode row = components.get(2);
        assertThat(row.get("pid").asLong()).isEqualTo(quiet.pid());
        assertThat(row.get("state").asText()).isEqualTo("RUNNING");
        assertThat(row.get("group").asText()).isEqualTo("apps");
        assertThat(row.get("command").get(0).asText()).isEqualTo("perl");
        assertThat(row.get("processStartedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(row.get("startedAt").asText()).endsWith("Z");
        assertThat(row.get("starts").asInt()).isEqualTo(1);
        assertThat(row.get("restartId").isNull()).isTrue();
    }

    @Test
    void groupRestartThroughTheAgent_reportsTheOutcomeAndRefusesWhatTheNodeDoesNotRun() throws IOException {
        // given
        start();

        // when
        RestartOutcome outcome = agent.restartGroup(GroupId.of("apps"), "d-77", StopMode.GRACEFUL).join();

        // then
        assertThat(outcome.result()).isEqualTo(RestartResult.SUCCEEDED);
        assertThat(sink.all(RestartOutcome.class)).containsExactly(outcome);
        assertThat(sink.all(ProcessStarted.class)).filteredOn(s -> "d-77".equals(s.restartId()))
                .extracting(s -> s.component().name()).containsExactly("javabeat", "shellbeat", "quiet");
        assertThat(agent.declares(ComponentId.of("remote"))).isFalse();
        assertThatThrownBy(() -> agent.restartComponent(ComponentId.of("remote"), "d-78", StopMode.GRACEFUL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sink.all()).allMatch(o -> o.id().startsWith(node.name() + ":"));
    }

    @Test
    void close_leavesNoProcessBehind() throws IOException {
        // given the agent with its components running, the Java client's JVM among them
        start();
        Eventually.await("four processes", Duration.ofSeconds(10),
                () -> LiveProcesses.carrying(node.marker()).size() >= 4);

        // when
        agent.close();

        // then
        assertThat(LiveProcesses.carrying(node.marker())).isEmpty();
    }

    private void start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String client = Path.of(codeSource(HeartbeatClient.class)).toString();
        AgentSettings settings = AgentSettings.defaults().withLogDir(logs)
                .withAnyLoopbackPorts();
        agent = NodeAgent.start(node.map(MAP.replace("JAVA", java).replace("CLIENT", client)), node.name(),
                settings, sink);
    }

    private ProcessStarted started(String component) {
        return sink.await(ProcessStarted.class, s -> s.component().name().equals(component), Duration.ofSeconds(5));
    }

    private void send(String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(bytes, bytes.length, agent.heartbeatAddress()));
        }
    }

    private static String envOf(long pid, String name) throws IOException {
        String environ = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
                StandardCharsets.ISO_8859_1);
        List<String> entries = Arrays.asList(environ.split("\0"));
        return entries.stream().filter(e -> e.startsWith(name + "=")).map(e -> e.substring(name.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in the environment of " + pid));
    }

    private static java.net.URI codeSource(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
