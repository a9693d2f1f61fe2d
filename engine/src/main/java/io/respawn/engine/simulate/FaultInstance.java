package io.respawn.engine.simulate;

import io.respawn.facts.ComponentId;
import java.util.HashSet;
import java.util.Set;

/**
 * One fault that struck: what cures it, when the restart that cured it was issued, and when
 * that restart was over (every component it restarted on the fault's node started again):
 * the fault's recovery.
 */
final class FaultInstance {
    final FaultClass faultClass;
    final ComponentId component;
    final FaultClass.Cure cure;
    final boolean spread;
    final long arrivedMillis;
    /** An operator fixed it by hand: the next restart cures it whatever it is. */
    boolean fixed;
    long curedMillis = -1;
    long recoveredMillis = -1;
    /** The components the curing restart restarted that have not started again yet. */
    final Set<SimComponent> awaiting = new HashSet<>();

    FaultInstance(FaultClass faultClass, ComponentId component, FaultClass.Cure cure, boolean spread,
                  long arrivedMillis) {
        this.faultClass = faultClass;
        this.component = component;
        this.cure = cure;
        this.spread = spread;
        this.arrivedMillis = arrivedMillis;
    }

    boolean cured() {
        return curedMillis >= 0;
    }

    FaultRecord record(long startMillis) {
        return new FaultRecord(faultClass.name(), component, spread, arrivedMillis - startMillis,
                recoveredMillis < 0 ? -1 : recoveredMillis - startMillis);
    }
}
