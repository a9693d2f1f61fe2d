package io.respawn.agent.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static final long MS = 1_000_000L;

    @Test
    void burstIsAllowedThenBeatsAreDroppedUntilTheBucketRefills() {
        // given 2 beats a second, bursts of 3, at t = 0
        RateLimit limit = new RateLimit(2, 3, 0);

        // a burst of 3 passes, the 4th is dropped
        assertThat(limit.tryTake(0)).isTrue();
        assertThat(limit.tryTake(0)).isTrue();
        assertThat(limit.tryTake(0)).isTrue();
        assertThat(limit.tryTake(0)).isFalse();
        // 499 ms later not quite one beat has come back; at 500 ms one has
        assertThat(limit.tryTake(499 * MS)).isFalse();
        assertThat(limit.tryTake(500 * MS)).isTrue();
        // a long silence refills up to the burst, no more: 10 s -> 3 beats
        assertThat(limit.tryTake(10_500 * MS)).isTrue();
        assertThat(limit.tryTake(10_500 * MS)).isTrue();
        assertThat(limit.tryTake(10_500 * MS)).isTrue();
        assertThat(limit.tryTake(10_500 * MS)).isFalse();
    }

    @Test
    void timeGoingBackwards_refillsNothing() {
        RateLimit limit = new RateLimit(1, 1, 1_000 * MS);
        assertThat(limit.tryTake(1_000 * MS)).isTrue();
        assertThat(limit.tryTake(0)).isFalse();
    }
}
