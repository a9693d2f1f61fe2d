package io.respawn.agent.heartbeat;

/**
 * A token bucket: {@code burst} beats at once, refilled at {@code perSecond}. Time is
 * passed in, in nanoseconds from any fixed origin, so it is a pure function of the calls.
 */
final class RateLimit {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long lastNanos;

    RateLimit(int perSecond, int burst, long nowNanos) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one beat's worth; false if the bucket is empty (the beat is dropped). */
    synchronized boolean tryTake(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        tokens = Math.min(burst, tokens + elapsed / NANOS_PER_SECOND * perSecond);
        lastNanos = Math.max(lastNanos, nowNanos);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
