package io.respawn.facts;

/**
 * How long a restart group waits before it is restarted again while it keeps failing,
 * from the restart map's {@code backoff}: the n-th restart of the group within its
 * restart-intensity period waits {@code min(maxMs, initialMs * 2^(n-2))} after the one
 * before it (the first waits nothing). {@code initialMs == 0} switches back-off off.
 *
 * @param initialMs the wait before the second restart within the period
 * @param maxMs     no wait is longer than this
 */
public record BackoffPolicy(GroupId group, long initialMs, long maxMs) {
    public BackoffPolicy {
        Require.notNull("backoff-policy.group", group);
        Require.notNegative("backoff-policy.initialMs", initialMs);
        Require.notNegative("backoff-policy.maxMs", maxMs);
        if (maxMs < initialMs) {
            throw new IllegalArgumentException("backoff-policy.maxMs - must not be less than initialMs "
                    + initialMs + ": " + maxMs);
        }
    }

    /**
     * The wait after the latest restart of the group, when {@code earlier} restarts of it
     * already lie within its period: none for 0, {@code initialMs} for 1, doubling for
     * each further one, at most {@code maxMs}.
     */
    public long delayMs(long earlier) {
        if (earlier <= 0 || initialMs == 0) {
            return 0;
        }
        long delay = initialMs;
        for (long i = 1; i < earlier && delay < maxMs; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxMs);
    }
}
