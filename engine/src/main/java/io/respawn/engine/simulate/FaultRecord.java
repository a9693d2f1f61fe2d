package io.respawn.engine.simulate;

import io.respawn.facts.ComponentId;

/**
 * One fault that struck in a simulation and when it was over: when the restart that cured it
 * was done (every component it restarted on the fault's node started again).
 *
 * @param faultClass  the fault class's name
 * @param spread      true for a fault that spread from another component
 * @param arrivedMs   when it struck, ms from the start of the simulation
 * @param recoveredMs when the restart that cured it was done, ms from the start; -1 if it had not recovered when the simulation ended
 */
public record FaultRecord(String faultClass, ComponentId component, boolean spread, long arrivedMs,
                          long recoveredMs) {
    public boolean recovered() {
        return recoveredMs >= 0;
    }

    /** Time to recover in ms; only for a recovered fault. */
    public long recoveryMs() {
        return recoveredMs - arrivedMs;
    }
}
