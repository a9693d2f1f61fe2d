package io.respawn.agent.heartbeat;

import io.respawn.facts.ComponentId;
import io.respawn.facts.HeartbeatStatus;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One heartbeat datagram, parsed. The format (version 1), ASCII, fields separated by
 * spaces, an optional line end:
 * <pre>
 * HB1 &lt;component&gt; &lt;node&gt;:&lt;pid&gt; &lt;OK|DEGRADED|FAILED&gt; &lt;seq&gt; &lt;token&gt; [&lt;sentAtEpochMillis&gt;]
 * </pre>
 */
record BeatLine(ComponentId component, String node, long pid, HeartbeatStatus status, long seq, String token,
                OptionalLong sentAtMillis) {
    static final String PREFIX = "HB1";
    static final int MAX_BYTES = 512;

    /** The beat, or empty if the text is not a well-formed heartbeat. */
    static Optional<BeatLine> parse(String text) {
        String[] f = text.strip().split("\\s+");
        if ((f.length != 6 && f.length != 7) || !f[0].equals(PREFIX)) {
            return Optional.empty();
        }
        try {
            ComponentId component = new ComponentId(f[1]);   // not interned: names from the network are untrusted
            int colon = f[2].lastIndexOf(':');
            String node = f[2].substring(0, Math.max(colon, 0));
            long pid = Long.parseLong(f[2].substring(colon + 1));
            HeartbeatStatus status = HeartbeatStatus.valueOf(f[3]);
            long seq = Long.parseLong(f[4]);
            OptionalLong sentAt = f.length == 7 ? OptionalLong.of(Long.parseLong(f[6])) : OptionalLong.empty();
            if (node.isEmpty() || pid <= 0 || seq < 0 || f[5].isEmpty()
                    || sentAt.isPresent() && sentAt.getAsLong() <= 0) {
                return Optional.empty();
            }
            return Optional.of(new BeatLine(component, node, pid, status, seq, f[5], sentAt));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
