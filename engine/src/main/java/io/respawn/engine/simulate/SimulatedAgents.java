package io.respawn.engine.simulate;

import io.respawn.engine.service.CommandSink;
import io.respawn.facts.ComponentId;
import io.respawn.facts.GroupId;
import io.respawn.facts.Heartbeat;
import io.respawn.facts.HeartbeatStatus;
import io.respawn.facts.Observation;
import io.respawn.facts.OperatorAck;
import io.respawn.facts.ProbeResult;
import io.respawn.facts.ProbeStatus;
import io.respawn.facts.ProcessExited;
import io.respawn.facts.ProcessStarted;
import io.respawn.facts.RestartOutcome;
import io.respawn.facts.RestartResult;
import io.respawn.facts.map.Component;
import io.respawn.facts.map.ProbeSpec;
import io.respawn.facts.map.RestartMap;
import io.respawn.wire.Command;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The agents of every node, simulated: they carry out the dispatcher's commands with the
 * spec's restart times and report what a real agent reports ({@code process-exited}
 * expected, {@code process-started}, {@code restart-outcome}); their components send
 * heartbeats as the map declares, first on each start, and a passing result per probe on
 * each start. Faults are applied here by {@link FaultInjector}.
 *
 * <p>Commands arrive while the rules fire, so they are only queued; every fact is told
 * from the event loop through {@code out}.
 */
final class SimulatedAgents implements CommandSink {
    private final RestartMap map;
    private final EventQueue queue;
    private final Consumer<Observation> out;
    private final Map<ComponentId, SimComponent> components = new LinkedHashMap<>();
    private final Map<String, Long> pids = new HashMap<>();
    private final Set<GroupId> operatorDue = new HashSet<>();
    private final SimulationSpec spec;
    private final FaultInjector faults;
    private long ids;

    SimulatedAgents(RestartMap map, SimulationSpec spec, EventQueue queue, Consumer<Observation> out) {
        this.map = map;
        this.spec = spec;
        this.queue = queue;
        this.out = out;
        for (Component c : map.components()) {
            Random random = new Random(spec.seed() * 1_000_003L + c.name().hashCode());
            components.put(c.id(), new SimComponent(c, spec.restartOf(c.id()), random));
        }
        this.faults = new FaultInjector(this, spec, queue);
    }

    FaultInjector faults() {
        return faults;
    }

    SimComponent component(ComponentId id) {
        return components.get(id);
    }

    /** Starts every component, as agents do when they come up. */
    void boot() {
        for (SimComponent c : components.values()) {
            start(c, null);
        }
    }

    @Override
    public void send(String node, Command command) {
        queue.at(queue.nowMillis(), () -> execute(node, command));
    }

    /** A give-up of {@code group}: with an operator in the spec, one fixes and restarts it later. */
    void gaveUp(GroupId group) {
        if (spec.operator().isPresent() && operatorDue.add(group)) {
            queue.at(queue.nowMillis() + spec.operator().get().toMillis(), () -> operatorFix(group));
        }
    }

    private void execute(String node, Command command) {
        boolean immediate = command.mode() == Command.StopMode.IMMEDIATE;
        if (command.action() == Command.Action.RESTART_GROUP) {
            GroupId group = GroupId.of(command.target());
            restart(node, group, membersUnder(group), command.decision(), immediate);
        } else {
            ComponentId id = ComponentId.of(command.target());
            restart(node, map.smallestGroupOf(id), Set.of(id), command.decision(), immediate);
        }
    }

    private void operatorFix(GroupId group) {
        operatorDue.remove(group);
        emit(new OperatorAck(nextId(), now(), group, "simulated-operator", "fixed by hand and restarted"));
        Set<ComponentId> members = membersUnder(group);
        for (ComponentId id : members) {
            for (FaultInstance fault : components.get(id).active) {
                fault.fixed = true;
            }
        }
        Set<String> nodes = new LinkedHashSet<>();
        members.forEach(id -> nodes.add(components.get(id).declared.node()));
        for (String node : nodes) {
            restart(node, group, members, null, true);
        }
    }

    /** Stops the members of {@code restarted} on {@code node} and starts each again after its restart time. */
    private void restart(String node, GroupId group, Set<ComponentId> restarted, String restartId,
                         boolean immediate) {
        List<SimComponent> targets = restarted.stream().map(components::get)
                .filter(c -> c.declared.node().equals(node)).toList();
        if (targets.isEmpty()) {
            return;
        }
        long now = queue.nowMillis();
        int[] waiting = {targets.size()};
        for (SimComponent c : targets) {
            stop(c, immediate);
            for (FaultInstance fault : c.active) {
                if (!fault.cured() && (fault.fixed || fault.cure.curedBy(restarted))) {
                    faults.cured(fault, now, targets);
                }
            }
            long generation = ++c.startGeneration;
            queue.at(now + c.restart.sampleMillis(c.random), () -> {
                if (c.startGeneration != generation) {
                    return;                                  // a newer restart took over: it reports
                }
                start(c, restartId);
                if (--waiting[0] == 0) {
                    emit(new RestartOutcome(nextId(), now(), restartId, group, RestartResult.SUCCEEDED,
                            queue.nowMillis() - now, List.of(), "", now()));
                }
            });
        }
    }

    private Set<ComponentId> membersUnder(GroupId group) {
        Set<ComponentId> ids = new LinkedHashSet<>();
        map.componentsUnder(group).forEach(c -> ids.add(c.id()));
        return ids;
    }

    private void stop(SimComponent c, boolean immediate) {
        if (c.pid > 0) {
            boolean kill = immediate || c.hung;
            emit(new ProcessExited(nextId(), now(), c.declared.id(), c.declared.node(), c.pid, null, kill ? 9 : 15,
                    true, now()));
        }
        c.pid = 0;
        c.hung = false;
        c.beatGeneration++;
    }

    private void start(SimComponent c, String restartId) {
        String node = c.declared.node();
        c.pid = pids.merge(node, 1L, Long::sum) + 1000;
        c.hung = false;
        c.seq = 0;
        c.beatGeneration++;
        emit(new ProcessStarted(nextId(), now(), c.declared.id(), node, c.pid, restartId, now()));
        if (c.declared.heartbeat().isPresent()) {
            beat(c, c.pid, c.beatGeneration);
        }
        for (ProbeSpec probe : c.declared.probes()) {
            emit(new ProbeResult(nextId(), now(), c.declared.id(), probe.name(), ProbeStatus.PASS, 1, "", now()));
        }
        faults.started(c);
    }

    private void beat(SimComponent c, long pid, long generation) {
        if (c.pid != pid || c.beatGeneration != generation) {
            return;
        }
        c.seq++;
        emit(new Heartbeat(nextId(), now(), c.declared.id(), c.declared.node() + ":" + pid, HeartbeatStatus.OK,
                c.seq, now()));
        long interval = c.declared.heartbeat().orElseThrow().interval().toMillis();
        queue.at(queue.nowMillis() + interval, () -> beat(c, pid, generation));
    }

    /** The process exits unasked. */
    void crash(SimComponent c) {
        emit(new ProcessExited(nextId(), now(), c.declared.id(), c.declared.node(), c.pid, null, 6, false, now()));
        c.pid = 0;
        c.beatGeneration++;
    }

    /** The process stays but falls silent. */
    void hang(SimComponent c) {
        c.hung = true;
        c.beatGeneration++;
    }

    private void emit(Observation fact) {
        out.accept(fact);
    }

    private Instant now() {
        return Instant.ofEpochMilli(queue.nowMillis());
    }

    private String nextId() {
        return "sim/" + (++ids);
    }
}
