package io.respawn.facts;

/**
 * How the oracle weathers a restart storm, from the restart map's {@code restartBudget}
 * and {@code massFailure} sections.
 *
 * @param budget         at most this many restarts in flight at once (decided, not yet completed)
 * @param budgetTimeoutMs a restart with no outcome and not ready this long after it was decided stops counting
 * @param massWindowMs   failures this close together (at most this long before the one at hand) count together
 * @param massThreshold  this many components failing within the window below one group, not all in one
 *                       child, blame the group; 0 when mass-failure blame is off
 */
public record StormPolicy(int budget, long budgetTimeoutMs, long massWindowMs, int massThreshold) {
    public StormPolicy {
        if (budget < 1) {
            throw new IllegalArgumentException("storm-policy.budget - must be at least 1: " + budget);
        }
        if (budgetTimeoutMs < 1) {
            throw new IllegalArgumentException("storm-policy.budgetTimeoutMs - must be greater than 0: "
                    + budgetTimeoutMs);
        }
        Require.notNegative("storm-policy.massWindowMs", massWindowMs);
        if (massThreshold != 0 && massThreshold < 2) {
            throw new IllegalArgumentException("storm-policy.massThreshold - must be 0 (off) or at least 2: "
                    + massThreshold);
        }
    }

    /** Whether mass failures below one group blame that group. */
    public boolean blamesMassFailures() {
        return massThreshold > 0;
    }
}
