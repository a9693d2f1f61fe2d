package io.respawn.agent.heartbeat;

import io.respawn.facts.Require;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where and how fast the heartbeat receiver listens.
 *
 * @param unicast            the UDP address to bind (port 0: any free port)
 * @param multicast          a multicast group to join as well, if any
 * @param beatsPerSecond     how many heartbeats per second one component may send on average
 * @param burst              how many it may send at once
 */
public record ReceiverSettings(InetSocketAddress unicast, Optional<MulticastGroup> multicast, int beatsPerSecond,
                               int burst) {
    /** The default UDP port for heartbeats. */
    public static final int DEFAULT_PORT = 7701;

    public ReceiverSettings {
        Require.notNull("heartbeat.unicast", unicast);
        Require.notNull("heartbeat.multicast", multicast);
        if (beatsPerSecond < 1) {
            throw new IllegalArgumentException("heartbeat.beatsPerSecond - must be at least 1: " + beatsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("heartbeat.burst - must be at least 1: " + burst);
        }
    }

    /** 127.0.0.1:7701, no multicast, 20 beats a second per component with bursts of 20. */
    public static ReceiverSettings defaults() {
        return new ReceiverSettings(new InetSocketAddress("127.0.0.1", DEFAULT_PORT), Optional.empty(), 20, 20);
    }

    public ReceiverSettings withUnicast(InetSocketAddress address) {
        return new ReceiverSettings(address, multicast, beatsPerSecond, burst);
    }

    public ReceiverSettings withMulticast(MulticastGroup group) {
        return new ReceiverSettings(unicast, Optional.of(group), beatsPerSecond, burst);
    }

    public ReceiverSettings withRate(int perSecond, int burstSize) {
        return new ReceiverSettings(unicast, multicast, perSecond, burstSize);
    }
}
