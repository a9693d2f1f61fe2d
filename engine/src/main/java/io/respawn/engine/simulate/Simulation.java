package io.respawn.engine.simulate;

import io.respawn.engine.oracle.Oracle;
import io.respawn.engine.oracle.RuleBase;
import io.respawn.engine.service.Dispatcher;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Decision;
import io.respawn.facts.Escalate;
import io.respawn.facts.GiveUp;
import io.respawn.facts.GroupId;
import io.respawn.facts.MapInForce;
import io.respawn.facts.Observation;
import io.respawn.facts.Restart;
import io.respawn.facts.RestartDependent;
import io.respawn.facts.Tick;
import io.respawn.facts.map.MapException;
import io.respawn.facts.map.RestartMap;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Runs a restart map and a rule base against simulated components in simulated time.
 * The engine's own {@link Oracle} and {@link Dispatcher} decide; the dispatcher's commands
 * go to {@link SimulatedAgents}, which answer with the facts a real agent sends after the
 * spec's restart times, while {@link FaultInjector} makes the spec's faults strike.
 *
 * <p>The loop takes, at each step, whichever comes first: the oracle's next rule timer or
 * heartbeat deadline (the oracle moves there and fires), or the next simulated event
 * (which tells the oracle its facts). Every fact is also given to the log, which thus
 * replays to the same decisions with {@code respawn replay}. Deterministic: the same map,
 * rules, spec and seed give the same facts, decisions and results.
 */
public final class Simulation {
    /** Simulated time starts here (any fixed instant: results must not depend on the wall clock). */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private Simulation() {
    }

    /**
     * Runs {@code spec} against the map {@code mapYaml} (named {@code mapSource}) with {@code rules}.
     *
     * @param log told every fact in order, the map first and a closing tick last (null: not kept)
     * @throws MapException when the map is not valid
     */
    public static SimulationResult run(RuleBase rules, String mapYaml, String mapSource, SimulationSpec spec,
                                       Consumer<Observation> log) throws MapException {
        RestartMap map = RestartMap.parse(mapYaml, mapSource);
        requireNames(map, spec);
        long wallStart = System.nanoTime();
        long start = START.toEpochMilli();
        long end = start + spec.duration().toMillis();
        EventQueue queue = new EventQueue();
        queue.moveTo(start);
        Tally tally = new Tally(map);
        long[] facts = {0};
        try (Oracle oracle = new Oracle(rules, null)) {
            Consumer<Observation> tell = fact -> {
                if (log != null) {
                    log.accept(fact);
                }
                facts[0]++;
                oracle.accept(fact);
            };
            SimulatedAgents agents = new SimulatedAgents(map, spec, queue, tell);
            Dispatcher dispatcher = new Dispatcher(oracle, agents);
            oracle.addListener(decision -> {
                tally.count(decision);
                if (decision instanceof GiveUp g) {
                    agents.gaveUp(g.group());       // expected here: not dispatched, which would log it as an error
                } else {
                    dispatcher.dispatch(decision);
                }
            });
            tell.accept(new MapInForce("sim/map", START, fileName(mapSource), mapYaml));
            agents.boot();
            agents.faults().schedule(start, end);
            loop(oracle, queue, end);
            queue.moveTo(end);
            tell.accept(new Tick("sim/end", Instant.ofEpochMilli(end)));
            List<FaultRecord> records = agents.faults().struck().stream().map(f -> f.record(start)).toList();
            return new SimulationResult(mapSource, rules.origin(), spec.seed(), spec.duration(),
                    Duration.ofNanos(System.nanoTime() - wallStart), facts[0], records, tally.byDepth,
                    tally.byGroup, tally.dependents, tally.escalations, tally.giveUps, agents.faults().skipped());
        }
    }

    private static void loop(Oracle oracle, EventQueue queue, long end) {
        while (true) {
            long next = queue.nextMillis();
            long due = oracle.nextDueMillis();
            if (due < next && due <= end && due > oracle.now().toEpochMilli()) {
                queue.moveTo(due);
                oracle.advanceTo(Instant.ofEpochMilli(due));
                continue;
            }
            if (next > end) {
                return;
            }
            queue.runNext();
        }
    }

    /** A spec read against one map may be run on another: it must declare every component the spec names. */
    private static void requireNames(RestartMap map, SimulationSpec spec) {
        Set<ComponentId> named = new TreeSet<>(spec.restarts().keySet());
        for (FaultClass fault : spec.faults()) {
            named.add(fault.component());
            named.addAll(fault.spreadTo());
            named.addAll(fault.cure().together());
            boolean silent = map.component(fault.component()).map(c -> c.heartbeat().isEmpty()).orElse(false);
            if (fault.kind() == FaultClass.Kind.HANG && silent) {
                throw new IllegalArgumentException(map.source() + " - fault \"" + fault.name() + "\" is a hang of \""
                        + fault.component() + "\", which sends no heartbeats in this map: it would never be seen");
            }
        }
        named.removeIf(id -> map.component(id).isPresent());
        if (!named.isEmpty()) {
            throw new IllegalArgumentException(map.source() + " - the simulation spec " + spec.source()
                    + " names components this map does not declare: " + named);
        }
    }

    private static String fileName(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return slash < 0 ? source : source.substring(slash + 1);
    }

    /** Counts what the oracle decided. */
    private static final class Tally {
        private final RestartMap map;
        final Map<Integer, Long> byDepth = new HashMap<>();
        final Map<String, Long> byGroup = new HashMap<>();
        long dependents;
        long escalations;
        long giveUps;

        Tally(RestartMap map) {
            this.map = map;
        }

        void count(Decision decision) {
            if (decision instanceof Restart r) {
                byDepth.merge(depth(r.group()), 1L, Long::sum);
                byGroup.merge(r.group().name(), 1L, Long::sum);
            } else if (decision instanceof RestartDependent) {
                dependents++;
            } else if (decision instanceof Escalate) {
                escalations++;
            } else if (decision instanceof GiveUp) {
                giveUps++;
            }
        }

        private int depth(GroupId group) {
            int depth = 0;
            for (GroupId g = map.parentOf(group).orElse(null); g != null; g = map.parentOf(g).orElse(null)) {
                depth++;
            }
            return depth;
        }
    }
}
