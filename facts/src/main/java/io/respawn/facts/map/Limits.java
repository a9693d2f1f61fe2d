package io.respawn.facts.map;

import io.respawn.facts.Require;
import java.time.Duration;

/**
 * OS-level limits on a component's process. A limit of 0 is no limit.
 *
 * @param rssBytes   resident-memory limit in bytes (0: none)
 * @param rssSamples consecutive samples over the limit that make a failure
 * @param cpuPercent CPU limit, 100 = one core busy (0: none)
 * @param cpuFor     how long CPU must stay over the limit to make a failure
 */
public record Limits(long rssBytes, int rssSamples, double cpuPercent, Duration cpuFor) {
    public Limits {
        Require.notNegative("limits.rssBytes", rssBytes);
        if (rssSamples < 1) {
            throw new IllegalArgumentException("limits.rssSamples - must be at least 1: " + rssSamples);
        }
        Require.notNegative("limits.cpuPercent", cpuPercent);
        Require.notNegative("limits.cpuFor", cpuFor);
    }

    public boolean hasRssLimit() {
        return rssBytes > 0;
    }

    public boolean hasCpuLimit() {
        return cpuPercent > 0;
    }
}
