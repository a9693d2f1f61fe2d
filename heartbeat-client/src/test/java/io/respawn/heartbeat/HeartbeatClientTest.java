package io.respawn.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeartbeatClientTest {
    private DatagramSocket agent;

    @BeforeEach
    void listen() throws IOException {
        agent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        agent.setSoTimeout(5_000);   // the deadline of every receive below
    }

    @AfterEach
    void close() {
        agent.close();
    }

    @Test
    void beat_sendsOneDatagramInTheDocumentedFormat() throws IOException {
        // given a client for this process
        try (HeartbeatClient client = new HeartbeatClient("eheap", "node1", 4211, address(), "abc123", 0)) {
            // when it beats
            long seq = client.beat(HeartbeatClient.Status.DEGRADED);

            // then one line arrives: HB1 component node:pid status seq token sentAt
            String line = receive();
            assertThat(seq).isEqualTo(1);
            assertThat(line).matches("HB1 eheap node1:4211 DEGRADED 1 abc123 \\d{13}\\n");
        }
    }

    @Test
    void fromEnvironment_readsWhatRespawnGivesAComponent() throws IOException {
        // given the environment respawn sets
        Map<String, String> env = Map.of("RESPAWN_COMPONENT", "dheap", "RESPAWN_NODE", "n2",
                "RESPAWN_HEARTBEAT_HOST", "127.0.0.1", "RESPAWN_HEARTBEAT_PORT", Integer.toString(agent.getLocalPort()),
                "RESPAWN_HEARTBEAT_TOKEN", "tok");

        // when a client made from it beats
        try (HeartbeatClient client = HeartbeatClient.fromEnvironment(env)) {
            client.beat(HeartbeatClient.Status.OK);
        }

        // then it speaks for this process
        assertThat(receive()).startsWith("HB1 dheap n2:" + ProcessHandle.current().pid() + " OK 1 tok ");
    }

    @Test
    void fromEnvironment_missingVariable_isNamed() {
        assertThatThrownBy(() -> HeartbeatClient.fromEnvironment(Map.of("RESPAWN_COMPONENT", "c")))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("RESPAWN_HEARTBEAT_PORT - not set");
        assertThatThrownBy(() -> HeartbeatClient.fromEnvironment(Map.of("RESPAWN_COMPONENT", "c",
                "RESPAWN_NODE", "n", "RESPAWN_HEARTBEAT_PORT", "seventy", "RESPAWN_HEARTBEAT_TOKEN", "t")))
                .hasMessageContaining("not a port number: \"seventy\"");
    }

    @Test
    void startBeating_sendsTheCurrentStatusWithRisingSequence() throws IOException {
        try (HeartbeatClient client = new HeartbeatClient("app", "n", 77, address(), "t", 0)) {
            // given a client beating every 20 ms
            client.startBeating(Duration.ofMillis(20));
            assertThat(receive()).contains(" OK 1 ");
            assertThat(receive()).contains(" OK 2 ");

            // when the application reports itself degraded
            client.status(HeartbeatClient.Status.DEGRADED);

            // then the following beats say so
            String line;
            do {
                line = receive();
            } while (line.contains(" OK "));
            assertThat(line).contains(" DEGRADED ");
        }
    }

    @Test
    void commandLine_sendsOneBeatNumberedByTheClock() throws IOException {
        // given a shell-style invocation with everything on the command line
        long before = System.currentTimeMillis();
        String[] args = {"--status", "failed", "--component", "script", "--node", "n", "--port",
            Integer.toString(agent.getLocalPort()), "--token", "t0k", "--pid", "99"};

        // when it runs
        int status = CommandLine.run(args, Map.of(), new PrintStream(new ByteArrayOutputStream()));

        // then one FAILED beat is sent, its sequence the time in ms, so that successive runs rise
        assertThat(status).isZero();
        String[] fields = receive().trim().split(" ");
        assertThat(fields).hasSize(7);
        assertThat(fields[0] + " " + fields[1] + " " + fields[2] + " " + fields[3]).isEqualTo("HB1 script n:99 FAILED");
        assertThat(Long.parseLong(fields[4])).isGreaterThanOrEqualTo(before);
    }

    @Test
    void commandLine_usageErrors_exitWithStatusTwoAndSayWhy() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(CommandLine.run(new String[] {"--colour", "red"}, Map.of(), new PrintStream(err))).isEqualTo(2);
        assertThat(CommandLine.run(new String[] {"--status", "OK"}, Map.of(), new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option or missing value: \"--colour\"",
                "RESPAWN_HEARTBEAT_PORT - not set");
    }

    @Test
    void duration_readsTheMapsUnits() {
        assertThat(CommandLine.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(CommandLine.duration("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> CommandLine.duration("2 sec")).hasMessageContaining("bad duration");
    }

    private InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), agent.getLocalPort());
    }

    private String receive() throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[600], 600);
        agent.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
    }
}
