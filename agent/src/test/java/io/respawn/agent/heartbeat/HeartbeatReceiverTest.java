package io.respawn.agent.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.agent.Eventually;
import io.respawn.agent.RecordingSink;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatFlood;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.heartbeat.HeartbeatClient;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receiver's checks against a fake supervisor: component "app" runs as PID 100 with
 * token "good", its tree is PIDs 100 and 101; component "idle" is known but not running.
 */
class HeartbeatReceiverTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00.000Z");
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final SenderCheck FAKE = new SenderCheck() {
        @Override
        public boolean knows(ComponentId component) {
            return component.name().equals("app") || component.name().equals("idle");
        }

        @Override
        public Admission admit(ComponentId component, String token) {
            if (component.name().equals("idle")) {
                return new Admission.Rejected(RejectReason.NOT_RUNNING);
            }
            return token.equals("good") ? new Admission.Admitted(100, pid -> pid == 100 || pid == 101)
                    : new Admission.Rejected(RejectReason.WRONG_TOKEN);
        }
    };

    private final RecordingSink sink = new RecordingSink();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private HeartbeatReceiver receiver;

    @BeforeEach
    void open() throws IOException {
        receiver = HeartbeatReceiver.open(new ReceiverSettings(new InetSocketAddress("127.0.0.1", 0),
                Optional.empty(), 5, 3), "n1", sink, () -> "n1:" + seq.incrementAndGet(), now::get);
        receiver.start(FAKE);
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    @Test
    void beatFromAProcessOfTheTree_becomesAHeartbeatNamingTheMainPid() {
        // when a child (101) of the component's process beats
        receiver.handle("HB1 app n1:101 DEGRADED 4 good 1795773646630", LOOPBACK);

        // then the fact names the main PID, the agent's time, and the sender's time as observedAt
        assertThat(sink.all()).containsExactly(new Heartbeat("n1:1", NOW, ComponentId.of("app"), "n1:100",
                HeartbeatStatus.DEGRADED, 4, Instant.ofEpochMilli(1795773646630L)));
        assertThat(receiver.counters().accepted()).isEqualTo(1);
    }

    @Test
    void badBeats_areRejectedAndCountedByReason() {
        receiver.handle("HB1 app n1:100 OK 1 bad", LOOPBACK);            // wrong token
        receiver.handle("HB1 app n1:4242 OK 2 good", LOOPBACK);          // a PID outside the tree
        receiver.handle("HB1 nosuch n1:100 OK 3 good", LOOPBACK);        // unknown component
        receiver.handle("HB1 idle n1:100 OK 4 good", LOOPBACK);          // known, not running
        receiver.handle("HB1 app n2:100 OK 5 good", LOOPBACK);           // another node's
        receiver.handle("hello", LOOPBACK);                              // not a heartbeat

        HeartbeatCounters counters = receiver.counters();
        assertThat(sink.all()).isEmpty();
        assertThat(counters.accepted()).isZero();
        assertThat(counters.rejected(RejectReason.WRONG_TOKEN)).isEqualTo(1);
        assertThat(counters.rejected(RejectReason.FOREIGN_PID)).isEqualTo(1);
        assertThat(counters.rejected(RejectReason.UNKNOWN_COMPONENT)).isEqualTo(1);
        assertThat(counters.rejected(RejectReason.NOT_RUNNING)).isEqualTo(1);
        assertThat(counters.rejected(RejectReason.OTHER_NODE)).isEqualTo(1);
        assertThat(counters.rejected(RejectReason.MALFORMED)).isEqualTo(1);
    }

    @Test
    void floodOfGoodBeats_isCutToTheBurstAndTheDropsCounted() {
        // given 5 a second with bursts of 3: ten at once
        for (int i = 1; i <= 10; i++) {
            receiver.handle("HB1 app n1:100 OK " + i + " good", LOOPBACK);
        }

        // then the burst passes (a refill within the loop may let one more through)
        assertThat(receiver.counters().accepted()).isBetween(3L, 4L);
        assertThat(receiver.counters().rejected(RejectReason.RATE_LIMITED))
                .isEqualTo(10 - receiver.counters().accepted());
    }

    @Test
    void wrongTokenFlood_doesNotUseUpTheRateOfTheRealSender() {
        for (int i = 0; i < 20; i++) {
            receiver.handle("HB1 app n1:100 OK " + i + " guess" + i, LOOPBACK);
        }
        receiver.handle("HB1 app n1:100 OK 99 good", LOOPBACK);
        assertThat(receiver.counters().accepted()).isEqualTo(1);
    }

    @Test
    void datagramFromTheClient_arrivesOverUdp() {
        // given the dependency-free client, sending as PID 101 to the receiver's port
        try (HeartbeatClient client = new HeartbeatClient("app", "n1", 101, receiver.address(), "good", 0)) {
            // when it beats
            client.beat(HeartbeatClient.Status.OK);
        }

        // then
        Heartbeat beat = sink.await(Heartbeat.class, h -> true, Duration.ofSeconds(5));
        assertThat(beat.gpid()).isEqualTo("n1:100");
        assertThat(beat.seq()).isEqualTo(1);
    }

    @Test
    void wrongTokenFlood_isReportedOncePerWindowThenEnded() {
        // given 5 beats a second: at most 25 drops in a 5s window are no flood; 40 wrong-token beats at 0s
        for (int i = 0; i < 40; i++) {
            receiver.handle("HB1 app n1:100 OK " + i + " guess", LOOPBACK);
        }

        // when the window closes (5s), and the next one, quiet, too (10s)
        now.set(NOW.plusSeconds(5));
        receiver.sweep();
        now.set(NOW.plusSeconds(10));
        receiver.sweep();

        // then one report of the flood naming app, and one that ends it
        assertThat(sink.all(HeartbeatFlood.class)).containsExactly(
                new HeartbeatFlood("n1:1", NOW.plusSeconds(5), "n1", LOOPBACK.getHostAddress(), ComponentId.of("app"),
                        NOW, NOW, NOW.plusSeconds(5), 40, 25, false),
                new HeartbeatFlood("n1:2", NOW.plusSeconds(10), "n1", LOOPBACK.getHostAddress(), ComponentId.of("app"),
                        NOW, NOW.plusSeconds(5), NOW.plusSeconds(10), 0, 25, true));
    }

    @Test
    void anotherNodesBeats_areNoFlood() {
        // given 40 beats for node n2 on a shared group: normal, only counted
        for (int i = 0; i < 40; i++) {
            receiver.handle("HB1 app n2:100 OK " + i + " good", LOOPBACK);
        }

        now.set(NOW.plusSeconds(5));
        receiver.sweep();

        assertThat(sink.all(HeartbeatFlood.class)).isEmpty();
    }

    @Test
    void garbageOverUdp_isReportedAsAFloodNamingNoComponent() throws IOException {
        // given 30 datagrams that are no heartbeat, sent over loopback (25 are no flood)
        try (DatagramSocket sender = new DatagramSocket(0, LOOPBACK)) {
            byte[] junk = "GET / HTTP/1.0".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 30; i++) {
                sender.send(new DatagramPacket(junk, junk.length, receiver.address()));
            }
        }
        Eventually.await("30 datagrams received", Duration.ofSeconds(5),
                () -> receiver.counters().rejected(RejectReason.MALFORMED) == 30);

        // when 5s pass: the receiving thread closes the window on its own, within a second of quiet
        now.set(NOW.plusSeconds(5));

        // then
        HeartbeatFlood flood = sink.await(HeartbeatFlood.class, f -> true, Duration.ofSeconds(5));
        assertThat(flood.source()).isEqualTo(LOOPBACK.getHostAddress());
        assertThat(flood.component()).isNull();
        assertThat(flood.dropped()).isEqualTo(30);
        assertThat(flood.first()).isTrue();
    }
}
