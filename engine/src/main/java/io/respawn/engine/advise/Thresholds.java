package io.respawn.engine.advise;

import java.time.Duration;

/**
 * When the advisor proposes an edit.
 *
 * @param minFailures    failures of a component (or co-failures of a pair) before anything is proposed for it
 * @param slowFactor     depth augmentation: its group's restart takes at least this many times its own
 * @param coFailWindow   consolidation: two failures this close count as one co-failure
 * @param coFailShare    consolidation: at least this share of each component's failures are co-failures
 * @param rarelyCures    promotion: its own group's restarts cured at most this share
 * @param minAttempts    promotion: restarts of its own group needed to judge
 */
public record Thresholds(int minFailures, double slowFactor, Duration coFailWindow, double coFailShare,
                         double rarelyCures, int minAttempts) {
    public static Thresholds defaults() {
        return new Thresholds(3, 2.0, Duration.ofSeconds(2), 0.8, 0.3, 3);
    }

    public Thresholds withCoFailWindow(Duration window) {
        return new Thresholds(minFailures, slowFactor, window, coFailShare, rarelyCures, minAttempts);
    }
}
