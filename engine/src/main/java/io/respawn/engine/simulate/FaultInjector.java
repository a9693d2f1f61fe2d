package io.respawn.engine.simulate;

import io.respawn.facts.ComponentId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Makes the spec's faults happen. Each fault class draws its arrivals from a random
 * stream of its own (seeded by the spec's seed and the class's name), so the same seed
 * gives the same faults at the same times whatever the tree or the rules do. An arrival
 * that finds its component down, hung or already faulty is skipped (and counted).
 *
 * <p>A fault not cured by a restart comes back {@code recurs} after the component's next
 * start; a cured one is over when the component starts again.
 */
final class FaultInjector {
    private final SimulatedAgents agents;
    private final SimulationSpec spec;
    private final EventQueue queue;
    private final List<FaultInstance> struck = new ArrayList<>();
    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private final List<FaultInstance> recovering = new ArrayList<>();

    FaultInjector(SimulatedAgents agents, SimulationSpec spec, EventQueue queue) {
        this.agents = agents;
        this.spec = spec;
        this.queue = queue;
    }

    /** Schedules the first arrival of every fault class; each arrival schedules the next, up to {@code endMillis}. */
    void schedule(long startMillis, long endMillis) {
        for (FaultClass fault : spec.faults()) {
            Random random = new Random(spec.seed() * 7_919L + fault.name().hashCode());
            next(fault, random, startMillis, endMillis);
        }
    }

    List<FaultInstance> struck() {
        return struck;
    }

    Map<String, Long> skipped() {
        return skipped;
    }

    private void next(FaultClass fault, Random random, long fromMillis, long endMillis) {
        long gap = Math.max(1, new Delay.Exponential(fault.every()).sampleMillis(random));
        long at = fromMillis + gap;
        if (at <= endMillis) {
            queue.at(at, () -> {
                arrive(fault);
                next(fault, random, at, endMillis);
            });
        }
    }

    private void arrive(FaultClass fault) {
        SimComponent c = agents.component(fault.component());
        if (!c.healthy()) {
            skipped.merge(fault.name(), 1L, Long::sum);
            return;
        }
        strike(c, new FaultInstance(fault, fault.component(), fault.cure(), false, queue.nowMillis()));
        for (ComponentId victim : fault.spreadTo()) {
            queue.at(queue.nowMillis() + fault.spreadAfter().toMillis(), () -> spread(fault, victim));
        }
    }

    private void spread(FaultClass fault, ComponentId victim) {
        SimComponent c = agents.component(victim);
        if (c.healthy()) {
            strike(c, new FaultInstance(fault, victim, FaultClass.Cure.by(Set.of(victim), "its own restart"), true,
                    queue.nowMillis()));
        }
    }

    private void strike(SimComponent c, FaultInstance fault) {
        c.active.add(fault);
        struck.add(fault);
        manifest(c, fault.faultClass.kind());
    }

    private void manifest(SimComponent c, FaultClass.Kind kind) {
        if (kind == FaultClass.Kind.CRASH) {
            agents.crash(c);
        } else {
            agents.hang(c);
        }
    }

    /** A restart of {@code restarted} at {@code nowMillis} cures {@code fault}: it recovers once they all started. */
    void cured(FaultInstance fault, long nowMillis, List<SimComponent> restarted) {
        fault.curedMillis = nowMillis;
        fault.awaiting.addAll(restarted);
        recovering.add(fault);
    }

    /**
     * {@code c} just started: its cured faults are over, and a fault whose curing restart
     * waited only for {@code c} has recovered; an uncured one comes back after its {@code recurs}.
     */
    void started(SimComponent c) {
        long now = queue.nowMillis();
        c.active.removeIf(FaultInstance::cured);
        for (Iterator<FaultInstance> it = recovering.iterator(); it.hasNext(); ) {
            FaultInstance fault = it.next();
            fault.awaiting.remove(c);
            if (fault.awaiting.isEmpty()) {
                fault.recoveredMillis = now;
                it.remove();
            }
        }
        if (!c.active.isEmpty()) {
            FaultInstance fault = c.active.get(0);
            long pid = c.pid;
            queue.at(now + fault.faultClass.recurs().toMillis(), () -> {
                if (c.pid == pid && !c.hung && c.active.contains(fault)) {
                    manifest(c, fault.faultClass.kind());
                }
            });
        }
    }
}
