package io.respawn.facts;

import java.time.Instant;

/**
 * One OS-level sample of a component's process, taken by its agent.
 *
 * @param rssBytes   resident memory
 * @param cpuPercent CPU use over the sampling interval, 100 = one core busy
 * @param threads    live threads
 * @param openFiles  open file descriptors
 */
public record OsSample(String id, Instant at, ComponentId component, long pid, long rssBytes, double cpuPercent,
                       int threads, int openFiles, Instant observedAt) implements Observation {
    public OsSample {
        Require.notBlank("os-sample.id", id);
        Require.notNull("os-sample.at", at);
        Require.notNull("os-sample.component", component);
        Require.notNegative("os-sample.pid", pid);
        Require.notNegative("os-sample.rssBytes", rssBytes);
        Require.notNegative("os-sample.cpuPercent", cpuPercent);
        Require.notNegative("os-sample.threads", threads);
        Require.notNegative("os-sample.openFiles", openFiles);
    }
}
