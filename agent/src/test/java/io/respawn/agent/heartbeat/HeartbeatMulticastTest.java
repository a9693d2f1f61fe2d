package io.respawn.agent.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.agent.RecordingSink;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Heartbeat;
import io.respawn.heartbeat.HeartbeatClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats sent to a multicast group, inside a network namespace the test creates
 * (loopback only, multicast enabled on it): no traffic leaves the machine and the host's
 * interfaces are not touched. Skipped, saying why, where no namespace can be made.
 */
class HeartbeatMulticastTest {
    private static final InetSocketAddress GROUP = new InetSocketAddress("239.255.77.1", 17701);
    private static final SenderCheck ANY_FROM_PID_7 = new SenderCheck() {
        @Override
        public boolean knows(ComponentId component) {
            return component.name().equals("app");
        }

        @Override
        public Admission admit(ComponentId component, String token) {
            return token.equals("tok") ? new Admission.Admitted(7, pid -> pid == 7)
                    : new Admission.Rejected(RejectReason.WRONG_TOKEN);
        }
    };

    private final RecordingSink sink = new RecordingSink();
    private final AtomicLong seq = new AtomicLong();
    private NetworkNamespace ns;
    private HeartbeatReceiver receiver;

    @BeforeEach
    void createNamespace() {
        try {
            ns = NetworkNamespace.create();
        } catch (NetworkNamespace.CannotCreate e) {
            Assumptions.abort("multicast not tested: " + e.getMessage());
        }
    }

    @AfterEach
    void tearDown() {
        if (receiver != null) {
            receiver.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void beatSentToTheGroup_arrivesThroughTheMulticastSocket() throws Exception {
        // given a receiver on unicast 127.0.0.1:any and on the group, both bound inside the namespace
        receiver = ns.inside(() -> {
            HeartbeatReceiver r = HeartbeatReceiver.open(ReceiverSettings.defaults()
                    .withUnicast(new InetSocketAddress("127.0.0.1", 0))
                    .withMulticast(new MulticastGroup(GROUP, "lo")), "n1", sink, () -> "n1:" + seq.incrementAndGet(),
                    InstantSource.system());
            r.start(ANY_FROM_PID_7);
            return r;
        });
        assertThat(receiver.address().getPort()).isNotEqualTo(GROUP.getPort());

        // when the client sends one beat to the group address (not to the unicast port)
        ns.inside(() -> {
            try (HeartbeatClient client = new HeartbeatClient("app", "n1", 7, GROUP, "tok", 0)) {
                return client.beat(HeartbeatClient.Status.OK);
            }
        });

        // then it arrives as a Heartbeat
        Heartbeat beat = sink.await(Heartbeat.class, h -> true, Duration.ofSeconds(5));
        assertThat(beat.gpid()).isEqualTo("n1:7");
        assertThat(receiver.counters().accepted()).isEqualTo(1);
        assertThat(InetAddress.getByName("239.255.77.1").isMulticastAddress()).isTrue();
    }
}
