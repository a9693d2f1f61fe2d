package io.respawn.engine.simulate;

import io.respawn.facts.map.Component;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A simulated component: its process (a PID, or 0 when there is none), whether it hangs,
 * and the faults it carries. The generations make stale events harmless: a heartbeat or a
 * start scheduled before a stop or a newer restart finds its generation gone.
 */
final class SimComponent {
    final Component declared;
    final Delay restart;
    final Random random;
    final List<FaultInstance> active = new ArrayList<>();
    long pid;
    boolean hung;
    long seq;
    long beatGeneration;
    long startGeneration;

    SimComponent(Component declared, Delay restart, Random random) {
        this.declared = declared;
        this.restart = restart;
        this.random = random;
    }

    /** Running, answering, and carrying no fault: a new fault can strike. */
    boolean healthy() {
        return pid > 0 && !hung && active.isEmpty();
    }
}
