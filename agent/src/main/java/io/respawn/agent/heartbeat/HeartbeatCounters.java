package io.respawn.agent.heartbeat;

import java.util.EnumMap;
import java.util.Map;

/**
 * What the receiver has done with the datagrams it got, since it started.
 *
 * @param accepted heartbeats that became Heartbeat facts
 * @param rejected datagrams turned away, by reason (every reason present, 0 if none)
 */
public record HeartbeatCounters(long accepted, Map<RejectReason, Long> rejected) {
    public HeartbeatCounters {
        Map<RejectReason, Long> all = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            all.put(reason, rejected.getOrDefault(reason, 0L));
        }
        rejected = Map.copyOf(all);
    }

    public long rejected(RejectReason reason) {
        return rejected.get(reason);
    }
}
