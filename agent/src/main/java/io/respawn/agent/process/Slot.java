package io.respawn.agent.process;

import io.respawn.facts.GroupId;
import io.respawn.facts.map.Component;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One component's place on the node: its state and its last run. Every state change goes
 * through {@link #move}, which allows only the moves {@link ProcessState} lists. Commands
 * and exit watchers reach it from different threads, so it is a monitor.
 */
final class Slot {
    private static final Logger LOG = LoggerFactory.getLogger(Slot.class);
    private static final Map<ProcessState, Set<ProcessState>> MOVES = Map.of(
            ProcessState.STOPPED, EnumSet.of(ProcessState.RUNNING, ProcessState.START_FAILED),
            ProcessState.RUNNING, EnumSet.of(ProcessState.STOPPING, ProcessState.EXITED),
            ProcessState.STOPPING, EnumSet.of(ProcessState.STOPPED),
            ProcessState.EXITED, EnumSet.of(ProcessState.STOPPING, ProcessState.RUNNING, ProcessState.START_FAILED),
            ProcessState.START_FAILED, EnumSet.of(ProcessState.STOPPING, ProcessState.RUNNING,
                    ProcessState.START_FAILED));

    private final Component component;
    private final GroupId group;
    private ProcessState state = ProcessState.STOPPED;
    private Instance last;
    private int starts;
    private String lastExit;

    Slot(Component component, GroupId group) {
        this.component = component;
        this.group = group;
    }

    Component component() {
        return component;
    }

    GroupId group() {
        return group;
    }

    /** The run whose process is up now. */
    synchronized Optional<Instance> running() {
        return state == ProcessState.RUNNING ? Optional.of(last) : Optional.empty();
    }

    /** The latest run, up or not: its leftovers are what a stop sweeps. */
    synchronized Optional<Instance> last() {
        return Optional.ofNullable(last);
    }

    /** Spawns one run of the component. */
    @FunctionalInterface
    interface Spawn {
        Instance spawn() throws IOException;
    }

    /**
     * Spawns and announces a run while holding the slot. A new process may send its first
     * heartbeat within a millisecond: asked for the running process meanwhile, the slot
     * answers only once the run is in place and its ProcessStarted reported, so that beat
     * is neither refused nor reported before the start.
     */
    synchronized Instance start(Spawn spawn, Consumer<Instance> announce) throws IOException {
        Instance run = spawn.spawn();
        last = run;
        starts++;
        lastExit = null;
        move(ProcessState.RUNNING);    // STOPPED | EXITED | START_FAILED -> RUNNING
        announce.accept(run);
        return run;
    }

    /** Takes over a run a previous life of the agent started, found alive: STOPPED -> RUNNING. */
    synchronized void adopt(Instance run, int startsSoFar) {
        last = run;
        starts = startsSoFar;
        lastExit = null;
        move(ProcessState.RUNNING);    // STOPPED -> RUNNING: re-adopted
    }

    synchronized int starts() {
        return starts;
    }

    synchronized ProcessState state() {
        return state;
    }

    synchronized void startFailed() {
        move(ProcessState.START_FAILED);    // STOPPED | EXITED | START_FAILED -> START_FAILED
    }

    synchronized void stopping() {
        if (state != ProcessState.STOPPED) {
            move(ProcessState.STOPPING);    // RUNNING | EXITED | START_FAILED -> STOPPING
        }
    }

    synchronized void stopped() {
        if (state == ProcessState.STOPPING) {
            move(ProcessState.STOPPED);    // STOPPING -> STOPPED
        }
    }

    /** Records how {@code run} ended; true if it ended on its own (it was running, not being stopped). */
    synchronized boolean exited(Instance run, ExitStatus status) {
        if (run != last) {
            return false;
        }
        lastExit = status.how();
        if (state == ProcessState.RUNNING) {
            move(ProcessState.EXITED);    // RUNNING -> EXITED: nobody asked it to stop
            return true;
        }
        return false;
    }

    synchronized ProcessEntry entry(String node) {
        Optional<Instance> run = Optional.ofNullable(last);
        return new ProcessEntry(component.id(), node, group, component.command(), state,
                run.map(Instance::pid).orElse(0L), run.flatMap(Instance::processStartedAt),
                run.map(Instance::startedAt), run.flatMap(Instance::restartId), Optional.ofNullable(lastExit),
                starts);
    }

    private void move(ProcessState to) {
        if (!MOVES.get(state).contains(to)) {
            throw new IllegalStateException(component.name() + " - no move from " + state + " to " + to);
        }
        LOG.info("component state: component={} from={} to={} pid={}", component.name(), state, to,
                last == null ? 0 : last.pid());
        state = to;
    }
}
