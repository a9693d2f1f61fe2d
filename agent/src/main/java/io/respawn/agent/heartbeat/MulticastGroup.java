package io.respawn.agent.heartbeat;

import io.respawn.facts.Require;
import java.net.InetSocketAddress;

/**
 * A multicast group the receiver joins, as the iRoom's applications sent heartbeats.
 *
 * @param group         the group address and port, e.g. 239.255.77.1:7701
 * @param interfaceName the network interface to join it on, e.g. {@code lo} or {@code eth0}
 */
public record MulticastGroup(InetSocketAddress group, String interfaceName) {
    public MulticastGroup {
        Require.notNull("multicast.group", group);
        if (group.getAddress() == null || !group.getAddress().isMulticastAddress()) {
            throw new IllegalArgumentException("multicast.group - must be a multicast address: " + group);
        }
        Require.notBlank("multicast.interfaceName", interfaceName);
    }
}
